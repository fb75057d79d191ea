/**
 * tviews settings: the {@code tviews.yml} model ({@link dev.tviews.common.config.TViewsConfig}), its SnakeYAML
 * reader with strict validation, and the key/value settings the integrations pass in (Flyway placeholders,
 * Liquibase parameters, command-line options), merged by {@link dev.tviews.common.config.ConfigLoader}.
 *
 * <p>Stability: the YAML keys and the {@code tviews.*} setting names are user-facing and kept compatible;
 * the Java types are used by the tviews integrations and may still change before 1.0.
 */
package dev.tviews.common.config;

/**
 * "Install + convert + report": what every tviews integration does after the schema changed.
 * {@link dev.tviews.common.orchestration.TViewsOrchestrator} installs or upgrades the runtime, converts the
 * configured schemas' tv_ tables (honouring include/exclude and per-entity overrides), logs one line per entity
 * and a summary, and applies the failure policy; {@link dev.tviews.common.orchestration.RunReport} is what it did.
 *
 * <p>Stability: used by the Flyway callback, the Liquibase extension and the CLI; may still change before 1.0.
 */
package dev.tviews.common.orchestration;

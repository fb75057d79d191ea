/**
 * The blog sample for Flyway: SQL migrations under {@code db/migration}, migrated with the Flyway Java API and
 * {@link dev.tviews.flyway.TViewsCallback}. Run {@link dev.tviews.samples.flyway.FlywayBlog}.
 */
package dev.tviews.samples.flyway;

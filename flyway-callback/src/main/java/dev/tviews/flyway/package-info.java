/**
 * The tviews Flyway integration: {@link dev.tviews.flyway.TViewsCallback}, a Flyway {@code Callback} that after
 * every {@code migrate} installs or upgrades the tviews runtime and converts the {@code tv_*} tables, configured
 * through Flyway placeholders ({@code tviews.*}) and an optional {@code tviews.yml}.
 *
 * <p>Stability: the class name {@code dev.tviews.flyway.TViewsCallback}, its no-arg constructor and the settings
 * are the public contract; everything else in this package is internal.
 */
package dev.tviews.flyway;

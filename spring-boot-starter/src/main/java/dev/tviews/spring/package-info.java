/**
 * The tviews Spring Boot starter: auto-configuration that installs the tviews runtime and converts the
 * {@code tv_*} tables after Flyway or Liquibase migrated at startup, configured by the {@code tviews.*} properties
 * ({@link dev.tviews.spring.TViewsProperties}); a {@code tviews} health contributor, {@code tviews.*} meters, and a
 * drainer for async TVIEWs. Serves Spring Boot 4.0 and 3.5 from one jar (see docs/spring-boot.md).
 *
 * <p>Stability: the property names, the bean names ({@code tviewsStartup}, {@code tviewsHealthIndicator},
 * {@code tviewsMetrics}, {@code tviewsQueueWorker}) and the meter names are the public contract; the classes may
 * still change before 1.0.
 */
package dev.tviews.spring;

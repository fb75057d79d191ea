package dev.tviews.spring;

import dev.tviews.common.config.TViewsConfig;
import javax.sql.DataSource;
import liquibase.integration.spring.SpringLiquibase;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * tviews at startup: after Flyway or Liquibase migrated (on Boot 4.0 and 3.5, whose auto-configurations live in
 * different packages, hence the names as strings), installs the runtime and converts the {@code tv_*} tables
 * ({@link TViewsStartup}), and drains the queue of async TVIEWs ({@link TViewsQueueWorker}). Needs one
 * {@link DataSource}; {@code tviews.enabled=false} turns all of it off.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
        "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration",
        "org.springframework.boot.autoconfigure.liquibase.LiquibaseAutoConfiguration"})
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnBooleanProperty(name = "tviews.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TViewsProperties.class)
public class TViewsAutoConfiguration {

    /** Orders {@link TViewsStartup} after the beans that migrate (Flyway, Liquibase). */
    @Bean
    static MigrationOrder tviewsMigrationOrder() {
        return new MigrationOrder();
    }

    @Bean
    @ConditionalOnMissingBean
    TViewsStartup tviewsStartup(DataSource dataSource, TViewsProperties properties,
                                ObjectProvider<TViewsSchemaDefaults> schemaDefaults, ResourceLoader resourceLoader) {
        TViewsConfig config = TViewsConfigMapper.toConfig(properties, resourceLoader.getClassLoader());
        TViewsSchemaDefaults defaults = schemaDefaults.getIfUnique();
        if (defaults != null) {
            config = config.withDefaults(defaults.runtimeSchema(), defaults.schemas());
        }
        return new TViewsStartup(dataSource, config);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "tviews.drainer.enabled", matchIfMissing = true)
    TViewsQueueWorker tviewsQueueWorker(DataSource dataSource, TViewsStartup startup, TViewsProperties properties) {
        return new TViewsQueueWorker(dataSource, startup, properties.drainer().interval(), properties.drainer().batchSize());
    }

    /** With Flyway: its default schema holds the runtime, and its schemas are converted. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.flywaydb.core.Flyway")
    @ConditionalOnBean(type = "org.flywaydb.core.Flyway")
    static class FlywaySchemas {

        @Bean
        @ConditionalOnMissingBean
        TViewsSchemaDefaults tviewsFlywaySchemaDefaults(Flyway flyway) {
            return new FlywaySchemaDefaults(flyway);
        }
    }

    /** With Liquibase: its default schema holds the runtime and is converted. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "liquibase.integration.spring.SpringLiquibase")
    @ConditionalOnBean(type = "liquibase.integration.spring.SpringLiquibase")
    static class LiquibaseSchemas {

        @Bean
        @ConditionalOnMissingBean
        TViewsSchemaDefaults tviewsLiquibaseSchemaDefaults(SpringLiquibase liquibase) {
            return new LiquibaseSchemaDefaults(liquibase);
        }
    }
}

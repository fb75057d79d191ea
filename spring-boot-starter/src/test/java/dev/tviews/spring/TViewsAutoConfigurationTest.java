package dev.tviews.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.common.config.TViewsConfig;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The auto-configuration's conditions, with and without each class, property and bean, against a real database: each
 * test has a schema of its own, with a tb_user/tv_user pair (and a tv_audit_log that exclusions leave alone).
 */
@PostgresTest
class TViewsAutoConfigurationTest {

    private final TestDatabase db;
    private String schema;
    private ApplicationContextRunner runner;

    TViewsAutoConfigurationTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void schemaOfItsOwn(TestInfo test) throws SQLException {
        schema = "s_" + test.getTestMethod().orElseThrow().getName().toLowerCase();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
            st.execute("SET search_path = " + schema);
            st.execute("CREATE TABLE tb_user (pk_user BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name TEXT NOT NULL)");
            st.execute("CREATE TABLE tv_user (pk_user BIGINT PRIMARY KEY, data JSONB NOT NULL)");
            st.execute("CREATE TABLE tb_audit_log (pk_audit_log BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, what TEXT)");
            st.execute("CREATE TABLE tv_audit_log (pk_audit_log BIGINT PRIMARY KEY, data JSONB NOT NULL)");
            st.execute("INSERT INTO tb_user (name) VALUES ('Alice')");
        }
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, TViewsAutoConfiguration.class,
                        TViewsHealthAutoConfiguration.class, TViewsMetricsAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?")
                                + "currentSchema=" + schema,
                        "spring.datasource.username=" + db.user(), "spring.datasource.password=" + db.password());
    }

    @Test
    void withADataSourceItConvertsAndAddsHealthMetricsDrainer() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(TViewsStartup.class).hasSingleBean(TViewsQueueWorker.class)
                    .hasSingleBean(TViewsMetrics.class).hasBean("tviewsHealthIndicator");
            assertThat(context.getBean("tviewsHealthIndicator")).isInstanceOf(HealthIndicator.class);
            assertThat(context.getBean(TViewsStartup.class).runtimeSchema()).isEqualTo(schema);
            assertThat(registered()).containsExactly("audit_log", "user");
        });
    }

    @Test
    void enabledFalseCreatesNoBeanAndInstallsNothing() throws SQLException {
        runner.withPropertyValues("tviews.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(TViewsStartup.class).doesNotHaveBean(TViewsQueueWorker.class)
                    .doesNotHaveBean(TViewsMetrics.class).doesNotHaveBean("tviewsHealthIndicator")
                    .doesNotHaveBean(TViewsHealthProbe.class).hasSingleBean(DataSource.class);
        });
        assertThat(runtimeInstalled()).isFalse();
    }

    @Test
    void withoutADataSourceNothingIsConfigured() throws SQLException {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TViewsAutoConfiguration.class, TViewsHealthAutoConfiguration.class,
                        TViewsMetricsAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TViewsStartup.class)
                        .doesNotHaveBean("tviewsHealthIndicator").doesNotHaveBean(TViewsMetrics.class));
        assertThat(runtimeInstalled()).isFalse();
    }

    @Test
    void withoutMicrometerThereAreNoMeters() {
        runner.withClassLoader(new FilteredClassLoader(MeterBinder.class)).run(context ->
                assertThat(context).hasSingleBean(TViewsStartup.class).doesNotHaveBean(TViewsMetrics.class));
    }

    @Test
    void withoutBootsHealthModuleThereIsNoHealthIndicator() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health", "org.springframework.boot.actuate.health"))
                .run(context -> assertThat(context).hasSingleBean(TViewsStartup.class).doesNotHaveBean("tviewsHealthIndicator"));
    }

    @Test
    void theHealthIndicatorCanBeSwitchedOff() {
        runner.withPropertyValues("management.health.tviews.enabled=false").run(context ->
                assertThat(context).hasSingleBean(TViewsStartup.class).doesNotHaveBean("tviewsHealthIndicator"));
    }

    @Test
    void theDrainerCanBeSwitchedOff() {
        runner.withPropertyValues("tviews.drainer.enabled=false").run(context ->
                assertThat(context).hasSingleBean(TViewsStartup.class).doesNotHaveBean(TViewsQueueWorker.class));
    }

    @Test
    void beansOfTheApplicationWin() {
        runner.withUserConfiguration(OwnBeans.class).run(context -> {
            assertThat(context).hasSingleBean(TViewsStartup.class).hasSingleBean(TViewsMetrics.class);
            assertThat(context.getBean(TViewsStartup.class)).isSameAs(context.getBean("ownStartup"));
            assertThat(context.getBean(TViewsMetrics.class)).isSameAs(context.getBean("ownMetrics"));
            assertThat(registered()).containsExactly("user");
        });
    }

    @Test
    void includeExcludeAndPerEntitySettingsReachTheConversion() {
        runner.withPropertyValues("tviews.exclude=audit*", "tviews.entities.user.mode=async", "tviews.entities.user.isolation=any").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(registered()).containsExactly("user");
            assertThat(query("SELECT options->>'mode' || ' ' || (options->>'isolation') FROM " + schema + ".pg_tview_meta WHERE entity_name = 'user'"))
                    .containsExactly("async any");
            assertThat(context.getBean(TViewsQueueWorker.class).isRunning()).isTrue();
        });
    }

    @Test
    void aTviewsYmlIsReadAndPropertiesWinOverIt() {
        runner.withPropertyValues("tviews.config=classpath:tviews/app.yml", "tviews.entities.user.select=SELECT pk_user, "
                + "jsonb_build_object('name', upper(name)) AS data FROM tb_user").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(registered()).containsExactly("user");
            assertThat(query("SELECT data->>'name' FROM " + schema + ".tv_user")).containsExactly("ALICE");
        });
    }

    @Test
    void badValuesFailTheStartupNamingTheProperty() throws SQLException {
        runner.withPropertyValues("tviews.include=user,no spaces").run(context ->
                assertThat(context).getFailure().rootCause().isInstanceOf(TViewsPropertyException.class)
                        .hasMessageStartingWith("tviews.include[1]: 'no spaces' is not a glob over entity names"));
        runner.withPropertyValues("tviews.drainer.batch-size=0").run(context ->
                assertThat(context).getFailure().rootCause().hasMessage("tviews.drainer.batch-size: must be at least 1, got 0."));
        runner.withPropertyValues("tviews.config=classpath:tviews/missing.yml").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("tviews.config names classpath:tviews/missing.yml"));
        assertThat(runtimeInstalled()).isFalse();
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {

        @Bean
        TViewsStartup ownStartup(DataSource dataSource) {
            return new TViewsStartup(dataSource, new TViewsConfig(null, null, null, List.of("audit*"), null, null));
        }

        @Bean
        TViewsMetrics ownMetrics(DataSource dataSource, TViewsStartup startup) {
            return new TViewsMetrics(dataSource, startup);
        }
    }

    private List<String> registered() throws SQLException {
        return query("SELECT entity_name FROM " + schema + ".pg_tview_meta ORDER BY 1");
    }

    private boolean runtimeInstalled() throws SQLException {
        return !query("SELECT relname FROM pg_class WHERE relname = 'pg_tview_meta' AND relnamespace = '" + schema
                + "'::regnamespace").isEmpty();
    }

    private List<String> query(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }
}

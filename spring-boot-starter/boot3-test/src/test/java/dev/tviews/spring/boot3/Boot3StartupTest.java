package dev.tviews.spring.boot3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.common.ConversionStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tviews.spring.TViewsStartup;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application of the Boot 4 tests on Spring Boot 3.5 (flyway-core and flyway-database-postgresql beside the JDBC
 * starter, as 3.5 has no Flyway starter): startup migrates and converts, tv_user stays exact under inserts, the
 * actuator shows the tviews health (Boot 3.5's HealthIndicator type) and meters; tviews.enabled=false installs nothing;
 * the Liquibase variant (liquibase-core 4.33.0) runs <tviews:autoConvert/> and createTView at startup.
 */
@PostgresTest
class Boot3StartupTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    @Test
    void onBoot35StartupMigratesConvertsAndReports(TestDatabase db) throws Exception {
        assertThat(SpringBootVersion.getVersion()).startsWith("3.5.");
        assertThat(flywayVersion()).isEqualTo("11.7.2");
        try (ConfigurableApplicationContext app = start(db, "boot3"); Connection c = db.connect()) {
            assertThat(app.getBean("tviewsHealthIndicator")).isInstanceOf(HealthIndicator.class);
            assertThat(number(c, "SELECT count(*) FROM boot3.tv_user")).isEqualTo(2);
            assertThat(differences(c, "boot3")).isZero();
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO boot3.tb_user (email, name) VALUES ('carol@example.com', 'Carol')");
                st.execute("DELETE FROM boot3.tb_user WHERE email = 'bob@example.com'");
            }
            assertThat(number(c, "SELECT count(*) FROM boot3.tv_user")).isEqualTo(2);
            assertThat(differences(c, "boot3")).isZero();

            JsonNode tviews = json(app, "/actuator/health").path("components").path("tviews");
            assertThat(tviews.path("status").asText()).isEqualTo("UP");
            assertThat(tviews.path("details").path("registered").asLong()).isEqualTo(1);
            List<String> names = new ArrayList<>();
            json(app, "/actuator/metrics").path("names").forEach(n -> names.add(n.asText()));
            assertThat(names).contains("tviews.registered", "tviews.queue.depth", "tviews.queue.lag",
                    "tviews.maintenance.failures", "tviews.conversion.duration");
        }
    }

    @Test
    void onBoot35EnabledFalseInstallsNothing(TestDatabase db) throws Exception {
        try (ConfigurableApplicationContext app = start(db, "off", "--tviews.enabled=false"); Connection c = db.connect()) {
            assertThat(app.getBeanNamesForType(TViewsStartup.class)).isEmpty();
            assertThat(app.containsBean("tviewsHealthIndicator")).isFalse();
            assertThat(number(c, "SELECT count(*) FROM off.flyway_schema_history WHERE success AND type = 'SQL'")).isEqualTo(1);
            assertThat(number(c, "SELECT count(*) FROM pg_class WHERE relname = 'pg_tview_meta' AND relnamespace = 'off'::regnamespace"))
                    .isZero();
        }
    }

    @Test
    void onBoot35ALiquibaseChangelogWithAutoConvertWorksAtStartup(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA lb");
        }
        try (ConfigurableApplicationContext app = start(db, "lb", "--spring.flyway.enabled=false", "--spring.liquibase.enabled=true",
                "--spring.liquibase.change-log=classpath:db/changelog/users.xml", "--spring.liquibase.default-schema=lb");
             Connection c = db.connect()) {
            assertThat(number(c, "SELECT count(*) FROM lb.databasechangelog")).isEqualTo(3);
            assertThat(number(c, "SELECT count(*) FROM lb.pg_tview_meta")).isEqualTo(2);
            assertThat(app.getBean(TViewsStartup.class).lastReport().results())
                    .allMatch(r -> r.status() == ConversionStatus.UNCHANGED || r.status() == ConversionStatus.SKIPPED);
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO lb.tb_user (email, name) VALUES ('carol@example.com', 'Carol')");
            }
            assertThat(number(c, "SELECT count(*) FROM lb.tv_user_name WHERE name = 'CAROL'")).isEqualTo(1);
            assertThat(differences(c, "lb")).isZero();
        }
    }

    private static ConfigurableApplicationContext start(TestDatabase db, String schema, String... args) {
        return new SpringApplicationBuilder(App.class).properties(
                "spring.datasource.url=" + db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema,
                "spring.datasource.username=" + db.user(), "spring.datasource.password=" + db.password(),
                "spring.flyway.schemas=" + schema, "spring.flyway.locations=classpath:db/users", "server.port=0",
                "management.endpoints.web.exposure.include=health,metrics", "management.endpoint.health.show-details=always",
                "spring.liquibase.enabled=false", "spring.main.banner-mode=off").run(args);
    }

    private static JsonNode json(ConfigurableApplicationContext app, String path) throws Exception {
        String port = app.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body());
    }

    private static String flywayVersion() throws Exception {
        Properties p = new Properties();
        try (InputStream in = Flyway.class.getResourceAsStream("/META-INF/maven/org.flywaydb/flyway-core/pom.properties")) {
            p.load(in);
        }
        return p.getProperty("version");
    }

    /** Rows of tv_user and v_user in {@code schema} that differ, compared as text (0 = exact). */
    private static long differences(Connection c, String schema) throws SQLException {
        String tv = schema + ".tv_user";
        String v = schema + ".v_user";
        return number(c, "SELECT count(*) FROM ((SELECT row(pk_user, data)::text FROM " + tv + " EXCEPT ALL "
                + "SELECT row(pk_user, data)::text FROM " + v + ") UNION ALL (SELECT row(pk_user, data)::text FROM " + v
                + " EXCEPT ALL SELECT row(pk_user, data)::text FROM " + tv + ")) d");
    }

    private static long number(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

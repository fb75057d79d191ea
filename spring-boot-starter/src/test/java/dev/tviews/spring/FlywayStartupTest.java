package dev.tviews.spring;

import static dev.tviews.spring.TestApp.differences;
import static dev.tviews.spring.TestApp.exec;
import static dev.tviews.spring.TestApp.get;
import static dev.tviews.spring.TestApp.json;
import static dev.tviews.spring.TestApp.number;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.common.ConversionStatus;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A new Boot 4 application with the starter, the Flyway starter, the JDBC starter, the driver, the actuator and a web
 * server, and nothing else than spring.datasource.* and a V1__ migration: startup migrates, installs the runtime and
 * converts tv_user, which then stays exact; the actuator shows tviews UP and the tviews.* meters.
 */
@PostgresTest
class FlywayStartupTest {

    @Test
    void startupMigratesAndConvertsAndTheActuatorShowsTviews(TestDatabase db) throws Exception {
        try (ConfigurableApplicationContext app = TestApp.start(db, "app", "spring.flyway.locations=classpath:db/users");
             Connection c = db.connect()) {
            assertThat(number(c, "SELECT count(*) FROM app.flyway_schema_history WHERE success")).isEqualTo(1);
            assertThat(number(c, "SELECT count(*) FROM app.pg_tview_meta WHERE entity_name = 'user'")).isEqualTo(1);
            assertThat(number(c, "SELECT count(*) FROM app.tv_user")).isEqualTo(2);
            assertThat(differences(c, "app", "user", "pk_user, data")).isZero();

            exec(c, "INSERT INTO app.tb_user (email, name) VALUES ('carol@example.com', 'Carol'), ('dan@example.com', 'Dan')");
            exec(c, "UPDATE app.tb_user SET name = 'Alice Liddell' WHERE email = 'alice@example.com'");
            assertThat(number(c, "SELECT count(*) FROM app.tv_user")).isEqualTo(4);
            assertThat(number(c, "SELECT count(*) FROM app.tv_user WHERE data->>'name' = 'Alice Liddell'")).isEqualTo(1);
            assertThat(differences(c, "app", "user", "pk_user, data")).isZero();

            assertThat(get(app, "/actuator/health").statusCode()).isEqualTo(200);
            JsonNode tviews = json(app, "/actuator/health").path("components").path("tviews");
            assertThat(tviews.path("status").asString()).isEqualTo("UP");
            assertThat(tviews.path("details").path("registered").asLong()).isEqualTo(1);
            assertThat(tviews.path("details").path("runtime").asString()).contains("installed in schema app");

            List<String> names = new ArrayList<>();
            json(app, "/actuator/metrics").path("names").forEach(n -> names.add(n.asString()));
            assertThat(names).contains("tviews.registered", "tviews.queue.depth", "tviews.queue.lag",
                    "tviews.maintenance.failures", "tviews.conversion.duration", "tviews.conversion.errors");
            assertThat(value(app, "tviews.registered")).isEqualTo(1.0);
            assertThat(value(app, "tviews.queue.depth")).isZero();
            assertThat(value(app, "tviews.queue.lag")).isZero();
            assertThat(value(app, "tviews.maintenance.failures")).isZero();
            assertThat(value(app, "tviews.conversion.errors")).isZero();
            assertThat(value(app, "tviews.conversion.duration")).isPositive();
        }
    }

    @Test
    void aSecondStartupChangesNothing(TestDatabase db) throws Exception {
        try (ConfigurableApplicationContext first = TestApp.start(db, "again", "spring.flyway.locations=classpath:db/users")) {
            assertThat(first.getBean(TViewsStartup.class).lastReport().results()).hasSize(1);
        }
        try (ConfigurableApplicationContext second = TestApp.start(db, "again", "spring.flyway.locations=classpath:db/users")) {
            assertThat(second.getBean(TViewsStartup.class).lastReport().results())
                    .allMatch(r -> r.status() == ConversionStatus.UNCHANGED || r.status() == ConversionStatus.SKIPPED);
        }
    }

    private static double value(ConfigurableApplicationContext app, String meter) throws Exception {
        return json(app, "/actuator/metrics/" + meter).path("measurements").get(0).path("value").asDouble();
    }
}

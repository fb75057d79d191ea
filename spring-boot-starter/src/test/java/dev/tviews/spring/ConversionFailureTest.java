package dev.tviews.spring;

import static dev.tviews.spring.TestApp.get;
import static dev.tviews.spring.TestApp.json;
import static dev.tviews.spring.TestApp.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tviews.common.orchestration.ConversionFailedException;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A tv_ table that cannot be converted (its view's key is text): by default the startup fails, naming the entity and
 * the cause; with tviews.fail-on-error=false the application starts, the other TVIEWs work, and the health is DOWN
 * saying which entity failed and why.
 */
@PostgresTest
class ConversionFailureTest {

    private static final String BROKEN = "spring.flyway.locations=classpath:db/users,classpath:db/broken";

    @Test
    void byDefaultTheStartupFailsNamingTheEntity(TestDatabase db) throws Exception {
        assertThatThrownBy(() -> TestApp.start(db, "strict", BROKEN).close())
                .hasRootCauseInstanceOf(ConversionFailedException.class)
                .rootCause()
                .hasMessageContaining("tviews could not convert 1 entity: strict.broken")
                .hasMessageContaining("key column pk_broken of broken is text, not an integer");
        try (Connection c = db.connect()) {
            // the migrations are in; the conversion's transaction was rolled back as a whole
            assertThat(number(c, "SELECT count(*) FROM strict.flyway_schema_history WHERE success")).isEqualTo(2);
            assertThat(number(c, "SELECT count(*) FROM pg_class WHERE relname = 'pg_tview_meta' AND relnamespace = 'strict'::regnamespace"))
                    .isZero();
        }
    }

    @Test
    void withFailOnErrorFalseItStartsAndTheHealthShowsWhy(TestDatabase db) throws Exception {
        try (ConfigurableApplicationContext app = TestApp.start(db, "lenient", BROKEN, "tviews.fail-on-error=false");
             Connection c = db.connect()) {
            assertThat(number(c, "SELECT count(*) FROM lenient.tv_user")).isEqualTo(2);
            assertThat(get(app, "/actuator/health").statusCode()).isEqualTo(503);
            JsonNode tviews = json(app, "/actuator/health").path("components").path("tviews");
            assertThat(tviews.path("status").asString()).isEqualTo("DOWN");
            assertThat(tviews.path("details").path("conversionErrors").path("lenient.broken").asString())
                    .contains("key column pk_broken of broken is text, not an integer");
            assertThat(json(app, "/actuator/metrics/tviews.conversion.errors").path("measurements").get(0).path("value").asDouble())
                    .isEqualTo(1.0);
        }
    }

    @Test
    void aBadPropertyFailsTheStartupNamingIt(TestDatabase db) {
        assertThatThrownBy(() -> TestApp.start(db, "badprop", "spring.flyway.locations=classpath:db/users",
                "tviews.entities.user.mode=later").close())
                .rootCause()
                .isInstanceOf(TViewsPropertyException.class)
                .hasMessage("tviews.entities[user].mode: must be sync or async, got 'later'.");
    }

    @Test
    void aBadIsolationFailsTheStartupNamingIt(TestDatabase db) {
        assertThatThrownBy(() -> TestApp.start(db, "badisolation", "spring.flyway.locations=classpath:db/users",
                "tviews.entities.user.isolation=serializable").close())
                .rootCause()
                .isInstanceOf(TViewsPropertyException.class)
                .hasMessageStartingWith("tviews.entities[user].isolation: must be 'read committed' or any, got 'serializable'");
    }
}

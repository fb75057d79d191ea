package dev.tviews.flyway;

import static dev.tviews.flyway.FlywayFixture.BLOG;
import static dev.tviews.flyway.FlywayFixture.configure;
import static dev.tviews.flyway.FlywayFixture.connect;
import static dev.tviews.flyway.FlywayFixture.statuses;
import static dev.tviews.testsupport.Jdbc.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/** A tv_ table that can't be converted, and bad settings: the migrate fails with a message saying what and why. */
@PostgresTest
class FlywayFailureTest {

    /** The reports of this test's callback (a test instance per test). */
    private final Reports reports = new Reports();

    @Test
    void anUnconvertibleTvTableFailsTheMigrateAndWithFailOnErrorFalseOnlyWarns(TestDatabase db) throws Exception {
        String schema = "broken";

        assertThatThrownBy(() -> configure(db, schema, BLOG, "classpath:db/broken").callbacks(reports.callback()).load().migrate())
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("tviews could not convert 1 entity: broken.broken")
                .hasMessageContaining("key column pk_broken of broken is text, not an integer")
                .hasMessageContaining("tviews.failOnError=false");

        try (Connection c = connect(db, schema)) {
            // the migrations are in; the callback's transaction was rolled back as a whole
            assertThat(number(c, "SELECT count(*) FROM flyway_schema_history WHERE success AND type = 'SQL'")).isEqualTo(4);
            assertThat(number(c, "SELECT count(*) FROM pg_class WHERE relname = 'pg_tview_meta' AND relnamespace = 'broken'::regnamespace"))
                    .isZero();
        }

        MigrateResult result = configure(db, schema, BLOG, "classpath:db/broken")
                .placeholders(Map.of("tviews.failOnError", "false"))
                .callbacks(reports.callback()).load().migrate();

        assertThat(result.success).isTrue();
        assertThat(statuses(reports)).containsExactly(List.of("broken", "ERROR"), List.of("comment", "CREATED"),
                List.of("post", "CREATED"), List.of("user", "CREATED"));
        try (Connection c = connect(db, schema)) {
            assertThat(number(c, "SELECT count(*) FROM pg_tview_meta")).isEqualTo(3);
            assertThat(number(c, "SELECT count(*) FROM tv_post")).isEqualTo(2);
        }
    }

    @Test
    void aMalformedTviewsYmlFailsBeforeAnyMigrationRuns(TestDatabase db) throws Exception {
        assertThatThrownBy(() -> migrateWith(db, "bad_yaml", Map.of("tviews.config", "classpath:config/malformed.yml")))
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("config/malformed.yml")
                .hasMessageContaining("is not valid YAML")
                .hasMessageContaining("line 2");
        try (Connection c = connect(db, "bad_yaml")) {
            assertThat(number(c, "SELECT count(*) FROM pg_class WHERE relname = 'tb_user' AND relnamespace = 'bad_yaml'::regnamespace"))
                    .isZero();
        }
    }

    @Test
    void anUnknownKeyFailsNamingItAndTheAllowedKeys(TestDatabase db) {
        assertThatThrownBy(() -> migrateWith(db, "bad_key", Map.of("tviews.config", "classpath:config/unknown-key.yml")))
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("config/unknown-key.yml")
                .hasMessageContaining(", line 2: unknown key 'schema' (did you mean schemas?)")
                .hasMessageContaining("runtimeSchema, schemas, include, exclude, failOnError, entities");
    }

    @Test
    void aValueOfTheWrongTypeFailsNamingTheKeyAndTheType(TestDatabase db) {
        assertThatThrownBy(() -> migrateWith(db, "bad_type", Map.of("tviews.config", "classpath:config/wrong-type.yml")))
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("config/wrong-type.yml, line 1: failOnError must be true or false, got string 'maybe'");
    }

    @Test
    void aMisspelledPlaceholderFailsListingTheKnownOnes(TestDatabase db) {
        assertThatThrownBy(() -> migrateWith(db, "bad_placeholder", Map.of("tviews.failOnErorr", "false")))
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("Unknown Flyway placeholder tviews.failOnErorr")
                .hasMessageContaining("tviews.failOnError");
    }

    @Test
    void aConfigPathThatDoesNotExistFails(TestDatabase db) {
        assertThatThrownBy(() -> migrateWith(db, "bad_path", Map.of("tviews.config", "no/such/tviews.yml")))
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("tviews.config names")
                .hasMessageContaining("no/such/tviews.yml");
    }

    @Test
    void aSchemaThatDoesNotExistFails(TestDatabase db) {
        assertThatThrownBy(() -> migrateWith(db, "bad_schema", Map.of("tviews.schemas", "bad_schema, nosuchschema")))
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("schema nosuchschema does not exist")
                .hasMessageContaining("tviews.schemas");
        assertThatThrownBy(() -> migrateWith(db, "bad_runtime_schema", Map.of("tviews.schema", "nosuchschema")))
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("schema nosuchschema does not exist")
                .hasMessageContaining("tviews.schema ");
    }

    private static void migrateWith(TestDatabase db, String schema, Map<String, String> placeholders) {
        configure(db, schema, BLOG).placeholders(placeholders).callbacks(new TViewsCallback()).load().migrate();
    }
}

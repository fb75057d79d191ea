package dev.tviews.flyway;

import static dev.tviews.flyway.FlywayFixture.BLOG;
import static dev.tviews.flyway.FlywayFixture.configure;
import static dev.tviews.flyway.FlywayFixture.connect;
import static dev.tviews.flyway.FlywayFixture.staleRows;
import static dev.tviews.flyway.FlywayFixture.statuses;
import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.number;
import static dev.tviews.testsupport.Jdbc.rows;
import static dev.tviews.testsupport.Jdbc.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.common.ConversionStatus;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the callback is registered and configured: class name, properties, placeholders, tviews.yml. */
@PostgresTest
class FlywaySettingsTest {

    /** The reports of this test's callback (a test instance per test). */
    private final Reports reports = new Reports();

    @Test
    void registeredByClassNameAsTheCliMavenAndGradlePluginsDo(TestDatabase db) throws Exception {
        MigrateResult result = configure(db, "by_name", BLOG).callbacks("dev.tviews.flyway.TViewsCallback").load().migrate();

        assertThat(result.migrationsExecuted).isEqualTo(3);
        try (Connection c = connect(db, "by_name")) {
            assertThat(rows(c, "SELECT entity_name FROM pg_tview_meta ORDER BY 1"))
                    .containsExactly(List.of("comment"), List.of("post"), List.of("user"));
            assertThat(number(c, "SELECT count(*) FROM tv_post")).isEqualTo(2);
        }
    }

    @Test
    void configuredThroughFlywayPropertiesAsInFlywayConfOrEnvironment(TestDatabase db) throws Exception {
        // The same keys the CLI (flyway.conf / -placeholders.x=), Maven and Gradle plugins pass on.
        Map<String, String> properties = new HashMap<>(Map.of(
                "flyway.url", db.jdbcUrl(),
                "flyway.user", db.user(),
                "flyway.schemas", "by_properties",
                "flyway.locations", BLOG,
                "flyway.callbacks", "dev.tviews.flyway.TViewsCallback",
                "flyway.placeholders.tviews.exclude", "comment",
                // what FLYWAY_PLACEHOLDERS_TVIEWS_FAILONERROR becomes
                "flyway.placeholders.tviews_failonerror", "true"));
        if (!db.password().isEmpty()) {
            properties.put("flyway.password", db.password());
        }

        Flyway.configure().configuration(properties).load().migrate();

        try (Connection c = connect(db, "by_properties")) {
            assertThat(rows(c, "SELECT entity_name FROM pg_tview_meta ORDER BY 1")).containsExactly(List.of("post"), List.of("user"));
            assertThat(number(c, "SELECT count(*) FROM tv_comment")).isZero();
        }
    }

    @Test
    void includeAndExcludePatternsLeaveEntitiesAlone(TestDatabase db) throws Exception {
        configure(db, "filtered", BLOG).placeholders(Map.of("tviews.exclude", "comment")).callbacks(reports.callback()).load().migrate();

        assertThat(statuses(reports)).containsExactly(
                List.of("comment", "SKIPPED"), List.of("post", "CREATED"), List.of("user", "CREATED"));
        assertThat(reports.last().results().get(0).message()).isEqualTo("excluded by pattern comment (exclude)");

        // with the filter on, a later migration still re-derives a generated view
        configure(db, "filtered", BLOG, "classpath:db/blog-v4").placeholders(Map.of("tviews.include", "p*,u?er"))
                .callbacks(reports.callback()).load().migrate();

        assertThat(statuses(reports)).containsExactly(
                List.of("comment", "SKIPPED"), List.of("post", "REPLACED"), List.of("user", "UNCHANGED"));
        try (Connection c = connect(db, "filtered")) {
            assertThat(string(c, "SELECT data->>'subtitle' FROM tv_post WHERE pk_post = 1")).isEqualTo("none");
            assertThat(number(c, "SELECT count(*) FROM pg_tview_meta WHERE entity_name = 'comment'")).isZero();
            exec(c, "INSERT INTO tb_post (fk_user, title, content, subtitle) VALUES (2, 'T', 'C', 'S')");
            assertThat(string(c, "SELECT data->>'subtitle' FROM tv_post WHERE pk_post = 3")).isEqualTo("S");
            assertThat(staleRows(c, "filtered")).isZero();
        }
    }

    @Test
    void entityOverridesFromTviewsYml(TestDatabase db) throws Exception {
        Flyway flyway = configure(db, "overrides", BLOG).placeholders(Map.of("tviews.config", "classpath:config/overrides.yml"))
                .callbacks(reports.callback()).load();

        flyway.migrate();

        assertThat(statuses(reports)).containsExactly(
                List.of("comment", "CREATED"), List.of("post", "CREATED"), List.of("user", "CREATED"));
        try (Connection c = connect(db, "overrides")) {
            assertThat(string(c, "SELECT string_agg(k, ',' ORDER BY k) FROM tv_post, jsonb_object_keys(data) k WHERE pk_post = 1"))
                    .isEqualTo("fk_user,title");
            assertThat(rows(c, "SELECT entity_name, fk_columns::text, default_view::text FROM pg_tview_meta ORDER BY 1"))
                    .containsExactly(List.of("comment", "{fk_user,fk_post}", "true"), List.of("post", "{fk_user}", "false"),
                            List.of("user", "{}", "true"));
            exec(c, "UPDATE tb_post SET title = 'Hello, again' WHERE pk_post = 1");
            assertThat(string(c, "SELECT data->>'title' FROM tv_post WHERE pk_post = 1")).isEqualTo("Hello, again");
            assertThat(staleRows(c, "overrides")).isZero();
        }

        flyway.migrate();

        assertThat(reports.last().results()).allMatch(r -> r.status() == ConversionStatus.UNCHANGED);
    }

    @Test
    void aTviewsYmlOnTheClasspathIsFoundAndPlaceholdersWinOverIt(TestDatabase db, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("tviews.yml"), """
                # found at the root of the classpath Flyway is given
                exclude: [user, post]
                failOnError: true
                """);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
                Flyway.configure(loader).dataSource(db.jdbcUrl(), db.user(), db.password()).schemas("classpath_yml")
                    .locations(BLOG).callbacks(reports.callback()).load().migrate();
            assertThat(statuses(reports)).containsExactly(
                    List.of("comment", "CREATED"), List.of("post", "SKIPPED"), List.of("user", "SKIPPED"));

            Flyway.configure(loader).dataSource(db.jdbcUrl(), db.user(), db.password()).schemas("classpath_yml")
                    .locations(BLOG).placeholders(Map.of("tviews.exclude", "user")).callbacks(reports.callback()).load().migrate();
            assertThat(statuses(reports)).containsExactly(
                    List.of("comment", "UNCHANGED"), List.of("post", "CREATED"), List.of("user", "SKIPPED"));
        }
    }

    @Test
    void theRuntimeCanLiveInItsOwnSchema(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            exec(c, "CREATE SCHEMA tviews_rt");
        }
        configure(db, "app", BLOG).placeholders(Map.of("tviews.schema", "tviews_rt", "tviews.config", "classpath:config/overrides.yml"))
                .callbacks(reports.callback()).load().migrate();

        assertThat(statuses(reports)).extracting(r -> r.get(1)).containsOnly("CREATED");
        try (Connection c = connect(db, "app")) {
            assertThat(number(c, "SELECT count(*) FROM tviews_rt.pg_tview_meta WHERE schema_name = 'app'")).isEqualTo(3);
            exec(c, "INSERT INTO tb_user (email, name) VALUES ('dave@example.com', 'Dave')");
            assertThat(number(c, "SELECT count(*) FROM tv_user")).isEqualTo(3);
            assertThat(staleRows(c, "tviews_rt")).isZero();
        }
    }
}

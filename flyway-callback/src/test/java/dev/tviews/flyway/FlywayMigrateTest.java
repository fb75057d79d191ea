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
import dev.tviews.common.InstallResult;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.sql.Connection;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Flyway.migrate() with the integration guide's blog as migrations (V1 base tables, V2 tv_ tables, V3 seed). */
@PostgresTest
class FlywayMigrateTest {

    private static final Logger LOG = LoggerFactory.getLogger(FlywayMigrateTest.class);

    /** The reports of this test's callback (a test instance per test). */
    private final Reports reports = new Reports();

    @Test
    void migrateConvertsTheTvTablesAndTheyAreMaintained(TestDatabase db) throws Exception {
        Flyway flyway = configure(db, "blog_basic", BLOG).callbacks(reports.callback()).load();

        MigrateResult result = flyway.migrate();

        assertThat(result.migrationsExecuted).isEqualTo(3);
        assertThat(reports.last().install().action()).isEqualTo(InstallResult.Action.INSTALLED);
        assertThat(statuses(reports)).containsExactly(
                List.of("comment", "CREATED"), List.of("post", "CREATED"), List.of("user", "CREATED"));
        try (Connection c = connect(db, "blog_basic")) {
            assertThat(number(c, "SELECT count(*) FROM tv_user")).isEqualTo(2);
            assertThat(string(c, "SELECT data->>'title' FROM tv_post WHERE pk_post = 2")).isEqualTo("Second");
            assertThat(string(c, "SELECT data->>'text' FROM tv_comment WHERE pk_comment = 1")).isEqualTo("Nice");
            // maintained after the migration, in the writing transaction
            exec(c, "INSERT INTO tb_post (fk_user, title, content) VALUES (1, 'Third', 'Written after migrate')",
                    "UPDATE tb_user SET name = 'Alicia' WHERE pk_user = 1");
            assertThat(string(c, "SELECT data->>'title' FROM tv_post WHERE pk_post = 3")).isEqualTo("Third");
            assertThat(string(c, "SELECT data->>'name' FROM tv_user WHERE pk_user = 1")).isEqualTo("Alicia");
            assertThat(staleRows(c, "blog_basic")).isZero();
        }

        // A second migrate has nothing pending: the callback still runs, and changes nothing.
        long started = System.nanoTime();
        MigrateResult again = flyway.migrate();
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(again.migrationsExecuted).isZero();
        assertThat(reports.last().install().action()).isEqualTo(InstallResult.Action.UNCHANGED);
        assertThat(reports.last().results()).allMatch(r -> r.status() == ConversionStatus.UNCHANGED);
        LOG.info("No-op re-migrate on Flyway {} (PostgreSQL {}): {} ms for Flyway.migrate(), of which the tviews callback {} ms",
                FlywayFixture.flywayVersion(), db.serverMajorVersion(), millis, reports.last().totalTime().toMillis());
        try (Connection c = connect(db, "blog_basic")) {
            assertThat(number(c, "SELECT count(*) FROM pg_tview_meta_audit")).isEqualTo(3);
        }
    }

    @Test
    void aNewColumnInAMigrationReDerivesTheGeneratedViewAndTheTView(TestDatabase db) throws Exception {
        configure(db, "blog_v4", BLOG).callbacks(reports.callback()).load().migrate();

        // the next release ships V4 in another folder
        MigrateResult result = configure(db, "blog_v4", BLOG, "classpath:db/blog-v4").callbacks(reports.callback()).load().migrate();

        assertThat(result.migrationsExecuted).isEqualTo(1);
        assertThat(statuses(reports)).containsExactly(
                List.of("comment", "UNCHANGED"), List.of("post", "REPLACED"), List.of("user", "UNCHANGED"));
        try (Connection c = connect(db, "blog_v4")) {
            assertThat(string(c, "SELECT pg_get_viewdef('v_post'::regclass)")).contains("subtitle");
            assertThat(string(c, "SELECT data->>'subtitle' FROM tv_post WHERE pk_post = 1")).isEqualTo("none");
            exec(c, "UPDATE tb_post SET subtitle = 'Now with subtitles' WHERE pk_post = 2");
            assertThat(string(c, "SELECT data->>'subtitle' FROM tv_post WHERE pk_post = 2")).isEqualTo("Now with subtitles");
            assertThat(staleRows(c, "blog_v4")).isZero();
        }
    }

    @Test
    void aViewWrittenInAMigrationIsUsedInsteadOfTheGeneratedOne(TestDatabase db) throws Exception {
        configure(db, "blog_userview", BLOG, "classpath:db/userview").callbacks(reports.callback()).load().migrate();

        assertThat(reports.last().results()).filteredOn(r -> r.entity().equals("post"))
                .singleElement().satisfies(r -> {
                    assertThat(r.status()).isEqualTo(ConversionStatus.CREATED);
                    assertThat(r.message()).contains("from view").doesNotContain("generated");
                });
        try (Connection c = connect(db, "blog_userview")) {
            assertThat(string(c, "SELECT data->>'author' FROM tv_post WHERE pk_post = 1")).isEqualTo("Alice");
            assertThat(number(c, "SELECT count(*) FROM pg_tview_meta WHERE entity_name = 'post' AND NOT default_view")).isEqualTo(1);
            // the view joins tb_user: renaming the author refreshes the post
            exec(c, "UPDATE tb_user SET name = 'Alice B.' WHERE pk_user = 1");
            assertThat(string(c, "SELECT data->>'author' FROM tv_post WHERE pk_post = 1")).isEqualTo("Alice B.");
            assertThat(staleRows(c, "blog_userview")).isZero();
        }
    }

    @Test
    void cleanThenMigrateStartsOver(TestDatabase db) throws Exception {
        Flyway flyway = configure(db, "blog_clean", BLOG).cleanDisabled(false).callbacks(reports.callback()).load();
        flyway.migrate();
        try (Connection c = connect(db, "blog_clean")) {
            exec(c, "INSERT INTO tb_user (email, name) VALUES ('carol@example.com', 'Carol')");
            assertThat(number(c, "SELECT count(*) FROM tv_user")).isEqualTo(3);
        }

        flyway.clean();
        MigrateResult result = flyway.migrate();

        assertThat(result.migrationsExecuted).isEqualTo(3);
        assertThat(reports.last().install().action()).isEqualTo(InstallResult.Action.INSTALLED);
        assertThat(statuses(reports)).extracting(r -> r.get(1)).containsOnly("CREATED");
        try (Connection c = connect(db, "blog_clean")) {
            assertThat(number(c, "SELECT count(*) FROM tv_user")).isEqualTo(2);
            assertThat(rows(c, "SELECT entity_name FROM pg_tview_meta ORDER BY 1"))
                    .containsExactly(List.of("comment"), List.of("post"), List.of("user"));
            exec(c, "INSERT INTO tb_comment (fk_post, fk_user, text) VALUES (2, 1, 'Again')");
            assertThat(number(c, "SELECT count(*) FROM tv_comment")).isEqualTo(2);
            assertThat(staleRows(c, "blog_clean")).isZero();
        }
    }

    @Test
    void cleanLeavesARuntimeInAnotherSchemaAndTheNextMigrateReRegisters(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            exec(c, "CREATE SCHEMA clean_rt");
        }
        Flyway flyway = configure(db, "clean_app", BLOG).cleanDisabled(false)
                .placeholders(java.util.Map.of("tviews.schema", "clean_rt")).callbacks(reports.callback()).load();
        flyway.migrate();

        flyway.clean();
        flyway.migrate();

        // the registrations in clean_rt pointed at dropped tables: the conversion removes them first (as the
        // health check would) and creates each TVIEW again
        assertThat(statuses(reports)).extracting(r -> r.get(1)).containsOnly("CREATED");
        try (Connection c = connect(db, "clean_app")) {
            exec(c, "INSERT INTO tb_post (fk_user, title, content) VALUES (2, 'After clean', '.')");
            assertThat(string(c, "SELECT data->>'title' FROM tv_post WHERE pk_post = 3")).isEqualTo("After clean");
            assertThat(staleRows(c, "clean_rt")).isZero();
        }
    }
}

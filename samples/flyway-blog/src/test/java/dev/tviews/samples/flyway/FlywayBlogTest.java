package dev.tviews.samples.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.samples.story.SampleRuns.Run;
import dev.tviews.samples.story.SampleRuns;
import dev.tviews.testsupport.Jdbc;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import dev.tviews.testsupport.TestServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The Flyway sample's one command path, run on the test database through {@code --url}: it migrates, tells the whole
 * story, and leaves the blog with the renamed author in every document and every TVIEW exact. Run again, it finds
 * nothing to migrate, tviews changes nothing, and the story is told on new rows.
 */
@PostgresTest
class FlywayBlogTest {

    @Test
    void migratesTellsTheStoryAndRunsAgain(TestDatabase db) throws SQLException {
        Run run = SampleRuns.run(new FlywayMigration(), db);

        SampleRuns.assertStoryTold(run)
                .contains("tviews sample: the integration guide's blog, migrated with Flyway " + FlywayMigration.flywayVersion())
                .contains("== 1. Migrate with Flyway")
                .containsPattern("\\n +1  blog tables +SQL +\\d+ ms\\n +2  read model +SQL +\\d+ ms\\n")
                .contains("post     public.tb_post     public.v_post     create or replace with the existing view")
                .containsPattern("tviews: CREATED   public\\.post     created public\\.tv_post from view public\\.v_post \\(0 rows\\) in [0-9.]+ ms")
                .containsPattern("tviews: CREATED   public\\.user     created public\\.tv_user from generated view public\\.v_user \\(0 rows\\) in [0-9.]+ ms")
                .contains("tviews: converted schema public: 3 entities (3 created, 0 replaced, 0 unchanged, 0 skipped, 0 errors)")
                .contains("INSERT INTO tb_comment     2  Bob on \"Hello TVIEWs\", Alice on \"Second thoughts\"")
                .contains("      \"title\": \"Hello TVIEWs\",\n      \"author\": {\n")
                .contains("tv_user 1     name         Alice   Alice Liddell")
                .contains("tv_post 2     author.name  Alice   Alice Liddell")
                .contains("4 rows rewritten, 2 left as they were");
        try (Connection c = db.connect()) {
            assertThat(Jdbc.column(c, "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank"))
                    .containsExactly("1", "2");
            SampleRuns.assertAuthorRenamed(c);
        }

        SampleRuns.assertToldAgain(SampleRuns.run(new FlywayMigration(), db))
                .contains("Nothing to apply: the database is up to date.")
                .containsPattern("tviews: UNCHANGED public\\.post     unchanged public\\.tv_post from view public\\.v_post in [0-9.]+ ms")
                .contains("3 entities (0 created, 0 replaced, 3 unchanged, 0 skipped, 0 errors)")
                .contains("tv_user (2 new rows), pk_user = 3:");
        try (Connection c = db.connect()) {
            SampleRuns.assertAuthorStillRenamed(c);
        }
    }

    @Test
    void aDatabaseThatIsNotThereFailsWithOneLineAndExitCode1(TestDatabase db) {
        String url = db.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/no_such_blog$1");
        Run run = run("--url", url, "--user", db.user(), "--password", db.password());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: Flyway " + FlywayMigration.flywayVersion() + " could not migrate the blog: ")
                .contains("no_such_blog").hasLineCount(1);
    }

    @Test
    void aDatabaseWithTablesOfItsOwnIsRefusedWithWhatToDoInstead(TestServer server) throws SQLException {
        String name = "samples_busy_" + Long.toHexString(System.nanoTime());
        try (Connection admin = server.connectAdmin(); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        try {
            try (Connection c = server.database(name).connect(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE invoices (pk_invoice bigint PRIMARY KEY)");
            }
            Run run = run("--url", server.jdbcUrl(name), "--user", server.user(), "--password", server.password());

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).contains("non-empty schema").contains("The sample needs an empty database, or one it ran "
                    + "on before: CREATE DATABASE blog").hasLineCount(1);
        } finally {
            try (Connection admin = server.connectAdmin(); Statement st = admin.createStatement()) {
                st.execute("DROP DATABASE " + name);
            }
        }
    }

    @Test
    void aWrongArgumentIsAUsageErrorWithExitCode2(TestDatabase db) {
        Run run = run("--uri", db.jdbcUrl());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: unknown argument '--uri'").contains("--url <jdbc:postgresql://");
        assertThat(run.out()).isEmpty();
    }

    private static Run run(String... args) {
        return SampleRuns.run(new FlywayMigration(), args);
    }
}

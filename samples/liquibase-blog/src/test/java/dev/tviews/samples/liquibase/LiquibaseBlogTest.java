package dev.tviews.samples.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.common.TViewsVersion;
import dev.tviews.samples.story.SampleRuns.Run;
import dev.tviews.samples.story.SampleRuns;
import dev.tviews.testsupport.Jdbc;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import liquibase.util.LiquibaseUtil;
import org.junit.jupiter.api.Test;

/**
 * The Liquibase sample's one command path, run on the test database through {@code --url}: the changelog runs, the
 * story is told, and the blog ends with the renamed author in every document and every TVIEW exact. Run again, only
 * the runAlways conversion changeSet runs, it changes nothing, and the story is told on new rows.
 */
@PostgresTest
class LiquibaseBlogTest {

    @Test
    void updatesTellsTheStoryAndRunsAgain(TestDatabase db) throws SQLException {
        Run run = SampleRuns.run(new LiquibaseMigration(), db);

        SampleRuns.assertStoryTold(run)
                .contains("tviews sample: the integration guide's blog, migrated with Liquibase " + LiquibaseUtil.getBuildVersion())
                .containsPattern("1-blog-tables +blog +createTable tb_user, tb_post, tb_comment +EXECUTED")
                .containsPattern("3-backing-views +blog +createView v_post, v_comment +EXECUTED")
                .containsPattern("4-tviews +blog +autoConvert +EXECUTED")
                .doesNotContain("UPDATE SUMMARY")
                .contains("The report of <tviews:autoConvert/>, on Liquibase's console:")
                .contains("installed tviews runtime " + TViewsVersion.current().runtime() + " in schema public")
                .containsPattern("post +CREATED +created public\\.tv_post from view public\\.v_post \\(0 rows\\) in [0-9.]+ ms")
                .containsPattern("user +CREATED +created public\\.tv_user from generated view public\\.v_user \\(0 rows\\) in [0-9.]+ ms");
        try (Connection c = db.connect()) {
            assertThat(Jdbc.column(c, "SELECT id FROM databasechangelog ORDER BY orderexecuted"))
                    .containsExactly("1-blog-tables", "2-read-model-tables", "3-backing-views", "4-tviews");
            SampleRuns.assertAuthorRenamed(c);
        }

        SampleRuns.assertToldAgain(SampleRuns.run(new LiquibaseMigration(), db))
                .containsPattern("4-tviews +blog +autoConvert +RERAN")
                .doesNotContain("1-blog-tables")
                .containsPattern("post +UNCHANGED +unchanged public\\.tv_post from view public\\.v_post in [0-9.]+ ms");
        try (Connection c = db.connect()) {
            SampleRuns.assertAuthorStillRenamed(c);
        }
    }

    @Test
    void theChangesColumnNamesEachChangeOnce() {
        assertThat(LiquibaseMigration.changes("createTable tableName=tb_user; createTable tableName=tb_post; "
                + "createView viewName=v_post")).isEqualTo("createTable tb_user, tb_post; createView v_post");
        assertThat(LiquibaseMigration.changes("autoConvert")).isEqualTo("autoConvert");
    }

    @Test
    void aUserThatIsNotThereFailsWithOneLineAndExitCode1(TestDatabase db) {
        Run run = run("--url", db.jdbcUrl(), "--user", "no_such_role", "--password", "wrong");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: ").contains("no_such_role").hasLineCount(1);
    }

    private static Run run(String... args) {
        return SampleRuns.run(new LiquibaseMigration(), args);
    }
}

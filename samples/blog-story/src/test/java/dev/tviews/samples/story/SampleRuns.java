package dev.tviews.samples.story;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.testsupport.Jdbc;
import dev.tviews.testsupport.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.assertj.core.api.AbstractStringAssert;

/** What the Flyway and Liquibase samples' tests share: running a sample as its command line does, and the end check. */
public final class SampleRuns {

    private SampleRuns() {
    }

    /** What a run printed and returned. */
    public record Run(int exit, String out, String err) {
    }

    /** The sample on the test database, through {@code --url}, {@code --user} and {@code --password}. */
    public static Run run(Migration migration, TestDatabase db) {
        return run(migration, "--url", db.jdbcUrl(), "--user", db.user(), "--password", db.password());
    }

    /** The sample with these command-line arguments. */
    public static Run run(Migration migration, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new SampleRunner(migration, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * A first run's story, as both tools tell it: it succeeded, the user entity got the generated view, the author's
     * rename reached every document, every TVIEW is exact. Returns the assertion on the output, for the tool's own lines.
     */
    public static AbstractStringAssert<?> assertStoryTold(Run run) {
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out().lines().count()).isBetween(60L, 100L);
        return assertThat(run.out())
                .contains("user     public.tb_user     public.v_user     create or replace with the generated view")
                .contains("Rows now in tv_user, tv_post, tv_comment: 2, 2, 2")
                .contains("4 of the 6 documents show the new name")
                .contains("tv_post 1     author.name  Alice   Alice Liddell")
                .contains("tv_comment 2  author       Alice   Alice Liddell")
                .contains("Every TVIEW is exact")
                .doesNotContain("ERROR").doesNotContain("null");
    }

    /** After a first run: the posts and comments show the renamed author, and every TVIEW is exact. */
    public static void assertAuthorRenamed(Connection c) throws SQLException {
        assertThat(Jdbc.column(c, "SELECT pk_post || ' ' || (data->'author'->>'name') FROM tv_post ORDER BY pk_post"))
                .containsExactly("1 Alice Liddell", "2 Alice Liddell");
        assertThat(Jdbc.column(c, "SELECT pk_comment || ' ' || (data->>'author') FROM tv_comment ORDER BY pk_comment"))
                .containsExactly("1 Bob", "2 Alice Liddell");
        assertEveryTViewExact(c);
    }

    /**
     * A second run's story: it succeeded and was told on new rows. Returns the assertion on the output, for the tool's
     * own lines.
     */
    public static AbstractStringAssert<?> assertToldAgain(Run again) {
        assertThat(again.exit()).as(again.err()).isZero();
        return assertThat(again.out())
                .contains("tv_post 3     author.name  Alice   Alice Liddell")
                .contains("Every TVIEW is exact");
    }

    /** After a second run: every post shows the renamed author, and every TVIEW is exact. */
    public static void assertAuthorStillRenamed(Connection c) throws SQLException {
        assertThat(Jdbc.column(c, "SELECT DISTINCT data->'author'->>'name' FROM tv_post")).containsExactly("Alice Liddell");
        assertEveryTViewExact(c);
    }

    /** The blog's three TVIEWs each equal their view. */
    public static void assertEveryTViewExact(Connection c) throws SQLException {
        assertThat(Jdbc.column(c, "SELECT entity || ' ' || missing_rows || ' ' || extra_rows || ' ' || differing_rows "
                + "FROM pg_tviews_verify() ORDER BY entity"))
                .containsExactly("comment 0 0 0", "post 0 0 0", "user 0 0 0");
    }
}

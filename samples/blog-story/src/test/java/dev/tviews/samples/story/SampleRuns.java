package dev.tviews.samples.story;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.testsupport.Jdbc;
import dev.tviews.testsupport.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

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

    /** The blog's three TVIEWs each equal their view. */
    public static void assertEveryTViewExact(Connection c) throws SQLException {
        assertThat(Jdbc.column(c, "SELECT entity || ' ' || missing_rows || ' ' || extra_rows || ' ' || differing_rows "
                + "FROM pg_tviews_verify() ORDER BY entity"))
                .containsExactly("comment 0 0 0", "post 0 0 0", "user 0 0 0");
    }
}

package dev.tviews.liquibase;

import static dev.tviews.testsupport.Jdbc.column;
import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.number;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.testsupport.Jdbc;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import dev.tviews.testsupport.TestServer;
import java.util.ArrayList;
import java.util.List;
import liquibase.integration.commandline.LiquibaseCommandLine;
import org.junit.jupiter.api.Test;

/**
 * The Liquibase command line ({@code liquibase update}): liquibase-core's {@code LiquibaseCommandLine}, the class its
 * launcher script runs, with this extension on the classpath as the jar in {@code lib/} puts it there, updates the
 * blog changelog that uses {@code <tviews:autoConvert/>}, {@code createTView} and {@code refreshTView}. Run in-process
 * (its {@code execute} is what {@code main} calls before exiting), on every Liquibase of the compatibility matrix.
 */
@PostgresTest
class LiquibaseCommandLineTest {

    @Test
    void updateWithTheCommandLineConvertsAndASecondUpdateChangesNothing(TestServer server) throws Exception {
        try (ScratchDatabase scratch = ScratchDatabase.create(server, "cli")) {
            TestDatabase db = scratch.database();

            assertThat(update(db)).isZero();
            assertThat(column(db, "SELECT entity_name FROM pg_tview_meta ORDER BY 1"))
                    .containsExactly("comment", "post", "post_feed", "user");
            assertThat(number(db, "SELECT count(*) FROM tv_post")).isEqualTo(2);
            assertExact(db);

            exec(db, "UPDATE tb_user SET name = 'Alice Liddell' WHERE pk_user = 1");
            assertThat(column(db, "SELECT author FROM tv_post_feed WHERE pk_post_feed = 1")).containsExactly("Alice Liddell");
            assertExact(db);

            assertThat(update(db)).isZero();
            assertThat(number(db, "SELECT count(*) FROM databasechangelog WHERE id = '4-convert'")).isEqualTo(1);
            assertThat(number(db, "SELECT count(*) FROM pg_tview_meta")).isEqualTo(4);
            assertExact(db);
        }
    }

    private static int update(TestDatabase db) {
        List<String> args = new ArrayList<>(List.of("--url=" + db.jdbcUrl(), "--username=" + db.user(),
                "--search-path=src/test/resources", "--changelog-file=e2e/blog/changeLog.xml", "--log-level=WARNING"));
        if (!db.password().isEmpty()) {
            args.add("--password=" + db.password());
        }
        args.add("update");
        return new LiquibaseCommandLine().execute(args.toArray(String[]::new));
    }

    private static void assertExact(TestDatabase db) throws Exception {
        for (String entity : List.of("user", "post", "comment")) {
            String cols = "pk_" + entity + ", data";
            assertThat(number(db, "SELECT count(*) FROM ((SELECT row(" + cols + ")::text FROM tv_" + entity + " EXCEPT ALL SELECT row("
                    + cols + ")::text FROM v_" + entity + ") UNION ALL (SELECT row(" + cols + ")::text FROM v_" + entity
                    + " EXCEPT ALL SELECT row(" + cols + ")::text FROM tv_" + entity + ")) d")).as(entity).isZero();
        }
    }
}

package dev.tviews.common.runtime;

import static dev.tviews.common.runtime.RuntimeFixture.sqlState;
import static dev.tviews.common.runtime.RuntimeFixture.staleTViews;
import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.lines;
import static dev.tviews.testsupport.Jdbc.number;
import static dev.tviews.testsupport.Jdbc.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * pg_tviews_health_check(): every component it reports (runtime, suspension, queue, stamps, each TVIEW), and every
 * way DDL can break a registration, each produced for real: reported with what to do (repair => false
 * changes nothing), then repaired by the default health check, after which it is OK again and writes to
 * every table keep every TVIEW exact. Each test gets a fresh blog schema ({@link BlogSchema}).
 */
@PostgresTest
class HealthCheckTest {

    private final BlogSchema blog = new BlogSchema("hc");
    private Connection c;

    @BeforeAll
    static void runtime(TestDatabase db) throws SQLException {
        RuntimeFixture.connectWithRuntime(db).close();
    }

    @BeforeEach
    void createBlog(TestDatabase db) throws SQLException {
        c = db.connect();
        blog.create(c);
    }

    @AfterEach
    void dropBlog() throws SQLException {
        try (Connection connection = c) {
            exec(connection, "DELETE FROM pg_tview_queue");
            blog.drop(connection);
        }
    }

    @Test
    void aHealthyDatabaseIsOkInEveryComponent() throws SQLException {
        assertThat(lines(c, "SELECT status, severity, component FROM pg_tviews_health_check()")).containsExactly(
                "OK|info|runtime", "OK|info|suspension", "OK|info|queue",
                // readers after what they read
                "OK|info|tview hc_author", "OK|info|tview hc_post", "OK|info|tview hc_feed");
        assertThat(message("tview hc_post")).isEqualTo("maintained from 3 relation(s)");
        assertThat(message("runtime")).contains("3 TVIEW(s) registered");
        assertThat(message("queue")).isEqualTo("no pending keys");
        assertThat(message("suspension")).isEqualTo("maintenance is not suspended in this transaction");
    }

    @Test
    void stampsThatNoRunningTransactionCanNeedArePrunedAndTheOthersKept(TestDatabase db) throws Exception {
        exec(c, "SELECT pg_tviews_create_or_replace('hc.hc_post', $q$" + blog.postSelect() + "$q$, '{\"isolation\": \"any\"}')",
                "UPDATE hc.tb_post SET title = title || '!' WHERE pk_post = 1");
        assertThat(number(c, "SELECT count(*) FROM pg_tview_stamp")).as("the write stamped its key").isPositive();
        assertThat(message("stamps", false)).matches("[1-9][0-9]* stamp\\(s\\) kept for REPEATABLE READ and SERIALIZABLE writers");
        assertThat(prunedOnceOlderTransactionsEnd()).matches("0 stamp\\(s\\) kept .*; [0-9]+ that no running transaction can need removed");
        assertThat(number(c, "SELECT count(*) FROM pg_tview_stamp")).as("the health check removed them").isZero();
        try (Connection old = db.connect()) {
            old.setAutoCommit(false);
            exec(old, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", "SELECT 1");
            exec(c, "UPDATE hc.tb_post SET title = title || '!' WHERE pk_post = 1");
            // younger than the open snapshot: it would miss that write, so the stamp stays
            assertThat(message("stamps", true)).matches("[1-9][0-9]* stamp\\(s\\) kept .*; 0 that no running transaction can need removed");
            old.commit();
        }
        assertThat(prunedOnceOlderTransactionsEnd()).matches("0 stamp\\(s\\) kept .*; [0-9]+ that no running transaction can need removed");
        assertThat(number(c, "SELECT count(*) FROM pg_tview_stamp")).isZero();
        assertThat(staleTViews(c)).isEmpty();
    }

    @Test
    void suspendedMaintenanceIsReportedInTheSuspendingTransaction() throws SQLException {
        c.setAutoCommit(false);
        try {
            // the setting alone, as a writer could SET it, suspends nothing (queue.sql, pg_tview_suspension)
            exec(c, "SELECT set_config('tviews.suspend_depth', '1', true)");
            assertThat(string(c, "SELECT status FROM pg_tviews_health_check() WHERE component = 'suspension'")).isEqualTo("OK");
            exec(c, "SELECT set_config('tviews.suspend_depth', '', true)", "SELECT pg_tviews_suspend_triggers()");
            assertThat(string(c, "SELECT status || '|' || severity FROM pg_tviews_health_check() WHERE component = 'suspension'"))
                    .isEqualTo("WARNING|warning");
            assertThat(message("suspension")).contains("suspended in this transaction").contains("pg_tviews_resume_triggers()");
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
        assertThat(string(c, "SELECT status FROM pg_tviews_health_check() WHERE component = 'suspension'")).isEqualTo("OK");
    }

    @Test
    void queueLagFailuresAndOrphansAreReportedPerTView() throws SQLException {
        exec(c, "INSERT INTO pg_tview_queue (entity_name, key, enqueued_at) "
                + "VALUES ('hc_post', 1, clock_timestamp() - interval '5 minutes'), ('hc_post', 2, clock_timestamp())");
        assertThat(lines(c, "SELECT status, component FROM pg_tviews_health_check() WHERE component LIKE 'queue%' ORDER BY component"))
                .containsExactly("WARNING|queue", "WARNING|queue hc_post");
        assertThat(message("queue")).startsWith("2 pending key(s) of 1 TVIEW(s), oldest enqueued ").contains("(00:05:0")
                .contains("pg_tviews_process_queue()");
        assertThat(message("queue hc_post")).startsWith("2 pending key(s), oldest enqueued ");

        // a key whose refresh failed: ERROR with the last error
        exec(c, "UPDATE pg_tview_queue SET attempts = 3, last_error = 'division by zero', last_attempt_at = clock_timestamp() WHERE key = 2");
        assertThat(lines(c, "SELECT status, severity, component FROM pg_tviews_health_check() WHERE component LIKE 'queue%' ORDER BY component"))
                .containsExactly("ERROR|error|queue", "ERROR|error|queue hc_post");
        assertThat(message("queue hc_post")).contains("1 failed to refresh, last error: division by zero")
                .contains("pg_tview_queue WHERE last_error IS NOT NULL");

        // keys of a TVIEW that is not registered (any more) are never refreshed
        exec(c, "DELETE FROM pg_tview_queue", "INSERT INTO pg_tview_queue (entity_name, key) VALUES ('gone', 7)");
        assertThat(lines(c, "SELECT status, component FROM pg_tviews_health_check() WHERE component LIKE 'queue%' ORDER BY component"))
                .containsExactly("ERROR|queue", "ERROR|queue gone");
        assertThat(message("queue gone")).contains("gone is no longer registered")
                .contains("DELETE FROM pg_tview_queue WHERE entity_name = 'gone'");

        exec(c, "DELETE FROM pg_tview_queue");
        assertThat(lines(c, "SELECT status, component FROM pg_tviews_health_check() WHERE component LIKE 'queue%'"))
                .containsExactly("OK|queue");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            a missing trigger                | DROP TRIGGER tviews_00_hc_post_upd ON hc.tb_post               | hc_post   | ERROR   | writes to hc.tb_post do not reach it
            a disabled trigger               | ALTER TABLE hc.tb_user DISABLE TRIGGER tviews_00_hc_author_upd | hc_author | ERROR   | 1 of its triggers disabled
            a column dropped from the table  | ALTER TABLE hc.tv_hc_post DROP COLUMN tags                     | hc_post   | ERROR   | hc.tv_hc_post lacks column(s) tags of the view
            a changed source table (warning) | ALTER TABLE hc.tb_tag ADD COLUMN color text                    | hc_post   | WARNING | its view, its table or a table it reads changed since it was registered
            a missing drain trigger          | DROP TRIGGER tviews_zz_drain_upd ON hc.tb_user                 | hc_author | ERROR   | (tviews_zz_drain_*) are missing or disabled on hc.tb_user
            a disabled drain trigger         | ALTER TABLE hc.tb_user DISABLE TRIGGER tviews_zz_drain_ins     | hc_author | ERROR   | (tviews_zz_drain_*) are missing or disabled on hc.tb_user
            """)
    void aBrokenRegistrationIsReportedThenRegenerated(String breakage, String ddl, String entity, String status, String diagnosis)
            throws SQLException {
        exec(c, ddl);
        assertBrokenThenRepaired(entity, status, diagnosis);
    }

    /** Breakages that make a statement fail with an SQLSTATE until the health check regenerates the TVIEW. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            a missing generated function: refreshes fail | DROP FUNCTION hc.tviews_hc_post_rebuild()                  | SELECT pg_tviews_refresh('hc_post')                  | 42883 | hc_post   | 1 of its 14 generated function(s) missing
            a dropped key index: ON CONFLICT needs it    | ALTER TABLE hc.tv_hc_author DROP CONSTRAINT tv_hc_author_pkey | UPDATE hc.tb_user SET name = 'x' WHERE pk_user = 1 | 42P10 | hc_author | hc.tv_hc_author has no unique index on pk_hc_author any more
            """)
    void aBreakageThatFailsStatementsIsReportedThenRegenerated(String breakage, String ddl, String failing, String sqlState,
            String entity, String diagnosis) throws SQLException {
        exec(c, ddl);
        assertThat(sqlState(c, failing)).as(breakage).isEqualTo(sqlState);
        assertBrokenThenRepaired(entity, "ERROR", diagnosis);
    }

    @Test
    void aRenamedColumnIsReportedThenRegeneratedFromTheView() throws SQLException {
        exec(c, "ALTER TABLE hc.tb_user RENAME COLUMN name TO full_name");
        // the views follow the rename; the generated code named the old column
        assertThat(sqlState(c, "UPDATE hc.tb_user SET full_name = 'x' WHERE pk_user = 1")).isEqualTo("42703");
        assertBrokenThenRepaired("hc_post", "ERROR", "column(s) hc.tb_user.name that it reads no longer exist (renamed or dropped)", "full_name");
        assertThat(string(c, "SELECT definition FROM pg_tview_meta WHERE entity_name = 'hc_author'")).contains("full_name");
    }

    @Test
    void aRenamedSourceTableIsReportedThenRegenerated() throws SQLException {
        exec(c, "ALTER TABLE hc.tb_post RENAME TO tb_article");
        // the views follow; the code mapping changed users to their posts joins tb_post by name
        RuntimeFixture.errorMessage(c, "42P01", "UPDATE hc.tb_user SET name = 'x' WHERE pk_user = 1");
        assertThat(status("tview hc_post", false)).isEqualTo("ERROR|error");
        assertThat(message("tview hc_post")).startsWith("its code names relation(s) hc.tb_post that no longer exist (renamed?)");

        assertThat(lines(c, "SELECT component || '|' || status FROM pg_tviews_health_check() WHERE status <> 'OK' ORDER BY 1"))
                .contains("tview hc_post|WARNING").allMatch(l -> l.endsWith("|WARNING"));
        assertThat(lines(c, "SELECT component FROM pg_tviews_health_check() WHERE status <> 'OK'")).isEmpty();
        exec(c, "UPDATE hc.tb_user SET name = 'x' WHERE pk_user = 1", "INSERT INTO hc.tb_article (fk_user, title) VALUES (3, 'n')",
                "UPDATE hc.tb_article SET fk_user = 3 WHERE pk_post = 1", "INSERT INTO hc.tb_tag (fk_post, label) VALUES (4, 'z')");
        assertThat(staleTViews(c)).isEmpty();
        assertThat(lines(c, "SELECT name, posts FROM hc.tv_hc_feed ORDER BY 1")).containsExactly("BEN|1", "CID|2", "X|1");
    }

    @Test
    void aRenamedViewIsReportedThenCreatedAgain() throws SQLException {
        exec(c, "ALTER VIEW hc.v_hc_author RENAME TO v_old_author");
        assertThat(RuntimeFixture.errorMessage(c, "55000", "UPDATE hc.tb_user SET name = 'x' WHERE pk_user = 1")).contains("the view of TVIEW hc_author was renamed to hc.v_old_author");
        assertBrokenThenRepaired("hc_author", "ERROR", "its view was renamed to hc.v_old_author, its code names hc.v_hc_author");
        assertThat(string(c, "SELECT view_oid::regclass::text FROM pg_tview_meta WHERE entity_name = 'hc_author'")).isEqualTo("hc.v_hc_author");
    }

    @Test
    void aDroppedViewComesBackFromTheRegisteredDefinition() throws SQLException {
        exec(c, "DROP VIEW hc.v_hc_post");
        assertThat(sqlState(c, "SELECT * FROM pg_tviews_verify('hc_post')")).isEqualTo("55000");
        assertThat(assertBrokenThenRepaired("hc_post", "ERROR", "its view hc.v_hc_post was dropped"))
                .contains("re-registered from its registered definition, view created again");
        assertThat(string(c, "SELECT definition FROM pg_tview_meta WHERE entity_name = 'hc_post'")).isEqualTo(blog.postSelect());
    }

    @Test
    void aViewDroppedAndCreatedAgainIsFollowed() throws SQLException {
        exec(c, "DROP VIEW hc.v_hc_author",
                "CREATE VIEW hc.v_hc_author AS SELECT u.pk_user AS pk_hc_author, lower(u.name) AS name, 0::bigint AS posts FROM hc.tb_user u");
        assertThat(assertBrokenThenRepaired("hc_author", "ERROR", "its view hc.v_hc_author was dropped"))
                .contains("re-registered from view hc.v_hc_author, which exists again");
        assertThat(lines(c, "SELECT posts FROM hc.tv_hc_author ORDER BY 1")).containsOnly("0");
    }

    @Test
    void aDroppedTableRemovesTheRegistrationAndItsCode() throws SQLException {
        exec(c, "DROP TABLE hc.tv_hc_post");
        assertThat(sqlState(c, "UPDATE hc.tb_tag SET label = 'x'")).as("leftover triggers fail writes").isEqualTo("42P01");
        assertThat(status("tview hc_post", false)).isEqualTo("ERROR|error");
        assertThat(message("tview hc_post", false)).isEqualTo("its table hc.tv_hc_post was dropped; "
                + "pg_tviews_drop('hc_post', if_exists => true) or pg_tviews_health_check() removes the registration");

        assertThat(status("tview hc_post", true)).isEqualTo("ERROR|error");
        assertThat(string(c, "SELECT details->>'reason' FROM pg_tview_meta_audit WHERE entity_name = 'hc_post' "
                + "ORDER BY audit_id DESC LIMIT 1")).isEqualTo("table dropped");
        assertThat(number(c, "SELECT count(*) FROM pg_tview_meta WHERE entity_name = 'hc_post'")).isZero();
        assertThat(leftoverCode("hc_post")).isEmpty();
        assertThat(string(c, "SELECT to_regclass('hc.v_hc_post')::text")).as("the view is kept").isEqualTo("hc.v_hc_post");
        assertThat(lines(c, "SELECT component FROM pg_tviews_health_check() WHERE status <> 'OK'")).isEmpty();
        blog.write(c);
        assertThat(staleTViews(c)).isEmpty();
    }

    @Test
    void nothingIsRepairedInAReadOnlyTransactionOrWhenAskedNotTo() throws SQLException {
        exec(c, "DROP TRIGGER tviews_00_hc_post_del ON hc.tb_tag");
        List<String> before = lines(c, "SELECT tgname FROM pg_trigger WHERE tgname LIKE 'tviews_hc_%' ORDER BY 1");
        assertThat(status("tview hc_post", false)).isEqualTo("ERROR|error");
        c.setAutoCommit(false);
        try {
            exec(c, "SET TRANSACTION READ ONLY");
            assertThat(status("tview hc_post", true)).isEqualTo("ERROR|error");
            assertThat(message("tview hc_post", true)).endsWith("regenerates it from the view (not in a read-only transaction)");
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
        assertThat(lines(c, "SELECT tgname FROM pg_trigger WHERE tgname LIKE 'tviews_hc_%' ORDER BY 1")).isEqualTo(before);
        assertThat(status("tview hc_post", true)).isEqualTo("WARNING|warning");
    }

    /**
     * The broken registration is reported (repair => false, twice: it changes nothing), then repaired by the
     * default health check (a WARNING saying what was done), then OK; writes to every table keep every TVIEW
     * exact afterwards. Returns the message of the repairing health check.
     */
    private String assertBrokenThenRepaired(String entity, String status, String diagnosis) throws SQLException {
        return assertBrokenThenRepaired(entity, status, diagnosis, "name");
    }

    private String assertBrokenThenRepaired(String entity, String status, String diagnosis, String nameColumn) throws SQLException {
        String component = "tview " + entity;
        String severity = status.toLowerCase(java.util.Locale.ROOT);
        for (int i = 0; i < 2; i++) {
            assertThat(status(component, false)).isEqualTo(status + "|" + severity);
            assertThat(message(component, false)).contains(diagnosis).contains("pg_tviews_health_check()");
        }
        List<String> others = lines(c, "SELECT component FROM pg_tviews_health_check(false) WHERE status <> 'OK' ORDER BY 1");

        List<String> repaired = lines(c, "SELECT component || '|' || status || '|' || message FROM pg_tviews_health_check() "
                + "WHERE status <> 'OK' ORDER BY 1");
        assertThat(repaired).hasSameSizeAs(others);
        String line = repaired.stream().filter(l -> l.startsWith(component + "|")).findFirst().orElseThrow();
        assertThat(line).startsWith(component + "|WARNING|").contains(diagnosis).contains("; repaired: re-registered from ");
        assertThat(string(c, "SELECT operation FROM pg_tview_meta_audit WHERE entity_name = '" + entity + "' ORDER BY audit_id DESC LIMIT 1"))
                .startsWith("repair:");

        assertThat(lines(c, "SELECT component FROM pg_tviews_health_check() WHERE status <> 'OK'")).isEmpty();
        assertThat(staleTViews(c)).isEmpty();
        blog.write(c, nameColumn);
        assertThat(staleTViews(c)).isEmpty();
        assertThat(number(c, "SELECT count(*) FROM hc.tv_hc_post")).isEqualTo(4);
        return line;
    }

    private String status(String component, boolean repair) throws SQLException {
        return string(c, "SELECT status || '|' || severity FROM pg_tviews_health_check(" + repair + ") WHERE component = '" + component + "'");
    }

    /**
     * The stamps line of repairing health checks, once one kept no stamp (or after 10 s): a transaction still open
     * in the database (autovacuum's, say) keeps the stamps younger than it, rightly.
     */
    private String prunedOnceOlderTransactionsEnd() throws Exception {
        String line = message("stamps", true);
        for (int i = 0; i < 100 && !line.startsWith("0 stamp(s) kept"); i++) {
            Thread.sleep(100);
            line = message("stamps", true);
        }
        return line;
    }

    private String message(String component) throws SQLException {
        return message(component, false);
    }

    private String message(String component, boolean repair) throws SQLException {
        return string(c, "SELECT message FROM pg_tviews_health_check(" + repair + ") WHERE component = '" + component + "'");
    }

    /** Triggers and functions generated for an entity that still exist. */
    private List<String> leftoverCode(String entity) throws SQLException {
        return lines(c, "SELECT tgname FROM pg_trigger WHERE tgname LIKE 'tviews\\_" + entity + "\\_%' "
                + "UNION ALL SELECT proname FROM pg_proc WHERE proname LIKE 'tviews\\_" + entity + "\\_%'");
    }
}

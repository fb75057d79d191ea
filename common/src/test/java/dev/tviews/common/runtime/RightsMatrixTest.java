package dev.tviews.common.runtime;

import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.lines;
import static dev.tviews.common.runtime.RuntimeFixture.staleTViews;
import static dev.tviews.testsupport.Jdbc.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.testsupport.Jdbc;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import dev.tviews.testsupport.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each role's rights as a tested matrix: the owner (installed the runtime), a writer that may only write
 * tb_item, a monitor (member of tviews_monitor), a reader of tv_item, and another role. Every forbidden
 * action fails with 42501 and changes nothing; a writer cannot skip maintenance from its own session; a
 * monitor's health check reports without repairing.
 */
@PostgresTest
class RightsMatrixTest {

    private static final TestRoles ROLES = TestRoles.unique("tvrights", "owner", "writer", "monitor", "reader", "other");
    private static final String OWNER = ROLES.name("owner");
    private static final String WRITER = ROLES.name("writer");
    private static final String MONITOR = ROLES.name("monitor");
    private static final String READER = ROLES.name("reader");
    private static final String OTHER = ROLES.name("other");

    /** Action -> the roles allowed to do it; every other role gets 42501. */
    private static final Map<String, List<String>> MATRIX = Map.of(
            "INSERT INTO tb_item (name) VALUES ('x')", List.of(OWNER, WRITER),
            "SELECT count(*) FROM tv_item", List.of(OWNER, READER),
            "SELECT count(*) FROM pg_tviews_verify()", List.of(OWNER, MONITOR),
            "SELECT count(*) FROM pg_tviews_health_check(repair => false)", List.of(OWNER, MONITOR),
            "SELECT count(*) FROM pg_tviews_show_cascade_path('item')", List.of(OWNER, MONITOR),
            "SELECT pg_tviews_refresh('item')", List.of(OWNER),
            "SELECT pg_tviews_generated_sql('item')", List.of(OWNER),
            "SELECT pg_tviews_create_or_replace('item', 'SELECT pk_item, upper(name) AS name FROM tb_item')", List.of(OWNER),
            "SELECT pg_tviews_drop('item')", List.of(),
            "SELECT pg_tviews_suspend_triggers()", List.of(OWNER));

    @BeforeAll
    static void roles(TestServer server, TestDatabase db) throws SQLException {
        ROLES.create(server, db,
                "DO $$ BEGIN CREATE ROLE tviews_monitor NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
                "GRANT tviews_monitor TO " + MONITOR);
        try (Connection owner = ROLES.connectOwnerWithRuntime(db)) {
            exec(owner, "CREATE TABLE tb_item (pk_item bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL)",
                    "INSERT INTO tb_item (name) VALUES ('a'), ('b')",
                    "SELECT pg_tviews_create('item', 'SELECT pk_item, name FROM tb_item')",
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON tb_item TO " + WRITER,
                    "GRANT SELECT ON tv_item TO " + READER);
        }
    }

    @AfterAll
    static void dropRoles(TestServer server, TestDatabase db) throws SQLException {
        ROLES.drop(server, db);
    }


    private static List<String> state(Connection owner) throws SQLException {
        return lines(owner, "SELECT 'meta ' || entity_name || ' ' || definition FROM pg_tview_meta "
                + "UNION ALL SELECT 'row ' || pk_item || ' ' || name FROM tv_item "
                + "UNION ALL SELECT 'queue ' || count(*) FROM pg_tview_queue ORDER BY 1");
    }

    @Test
    void everyForbiddenActionIsRefusedWith42501AndChangesNothing(TestDatabase db) throws SQLException {
        try (Connection owner = ROLES.connect(db, OWNER)) {
            for (String role : List.of(WRITER, MONITOR, READER, OTHER)) {
                try (Connection c = ROLES.connect(db, role)) {
                    for (Map.Entry<String, List<String>> action : MATRIX.entrySet()) {
                        List<String> before = state(owner);
                        c.setAutoCommit(false);
                        SQLException e = RuntimeFixture.error(c, action.getKey());
                        c.rollback();
                        c.setAutoCommit(true);
                        if (action.getValue().contains(role)) {
                            assertThat((Throwable) e).as("%s may %s", role, action.getKey()).isNull();
                        } else {
                            assertThat((Throwable) e).as("%s may not %s", role, action.getKey()).isNotNull();
                            assertThat(e.getSQLState()).as("%s: %s (%s)", role, action.getKey(), e.getMessage()).isEqualTo("42501");
                            assertThat(e.getMessage()).as("%s: %s", role, action.getKey()).doesNotContain("permission denied for function _tviews");
                            assertThat(state(owner)).as("%s: %s changed nothing", role, action.getKey()).isEqualTo(before);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aWriterCannotSkipMaintenanceFromItsSession(TestDatabase db) throws SQLException {
        try (Connection owner = ROLES.connect(db, OWNER); Connection writer = ROLES.connect(db, WRITER)) {
            exec(writer, "SET tviews.suspend_depth = '1'", "SET tviews.flush_armed = 'on'",
                    "INSERT INTO tb_item (name) VALUES ('forged')", "UPDATE tb_item SET name = 'forged too' WHERE pk_item = 1");
            assertThat(string(owner, "SELECT count(*) FROM tv_item WHERE name LIKE 'forged%'")).isEqualTo("2");
            assertThat(string(owner, "SELECT count(*) FROM pg_tview_queue")).isEqualTo("0");
            assertThat(staleTViews(owner)).isEmpty();
        }
    }

    @Test
    void rowLevelSecurityThatWouldFilterByTheWritersSessionIsRefused(TestDatabase db) throws SQLException {
        try (Connection owner = ROLES.connect(db, OWNER)) {
            exec(owner, "CREATE TABLE tb_secret (pk_secret bigint PRIMARY KEY, tenant text NOT NULL, body text)",
                    "INSERT INTO tb_secret VALUES (1, 'a', 'x'), (2, 'b', 'y')",
                    "ALTER TABLE tb_secret ENABLE ROW LEVEL SECURITY", "ALTER TABLE tb_secret FORCE ROW LEVEL SECURITY",
                    "CREATE POLICY by_tenant ON tb_secret USING (tenant = current_setting('app.tenant', true))");
            List<String> before = state(owner);
            SQLException e = RuntimeFixture.error(owner, "SELECT pg_tviews_create('secret', 'SELECT pk_secret, tenant, body FROM tb_secret')");
            // rows computed with the writer's tenant would leave the other tenants' rows stale: refused, not filtered
            assertThat((Throwable) e).isNotNull();
            assertThat(e.getSQLState()).isEqualTo("42501");
            assertThat(e.getMessage()).contains("row-level security");
            assertThat(string(owner, "SELECT count(*) FROM pg_tview_meta WHERE entity_name = 'secret'")).isEqualTo("0");
            assertThat(state(owner)).isEqualTo(before);
            exec(owner, "DROP TABLE tb_secret");
        }
    }

    @Test
    void aMonitorsHealthCheckReportsButDoesNotRepair(TestDatabase db) throws SQLException {
        try (Connection owner = ROLES.connect(db, OWNER); Connection monitor = ROLES.connect(db, MONITOR)) {
            exec(owner, "DROP TRIGGER tviews_00_item_upd ON tb_item");
            assertThat(lines(monitor, "SELECT status FROM pg_tviews_health_check() WHERE component = 'tview item'")).containsExactly("ERROR");
            assertThat(string(owner, "SELECT count(*) FROM pg_trigger WHERE tgname = 'tviews_00_item_upd'")).isEqualTo("0");
            assertThat(lines(owner, "SELECT status FROM pg_tviews_health_check() WHERE component = 'tview item'")).containsExactly("WARNING");
            assertThat(string(owner, "SELECT count(*) FROM pg_trigger WHERE tgname = 'tviews_00_item_upd'")).isEqualTo("1");
        }
    }
}

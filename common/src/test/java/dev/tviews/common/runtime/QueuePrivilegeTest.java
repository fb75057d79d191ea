package dev.tviews.common.runtime;

import static dev.tviews.common.runtime.RuntimeFixture.errorMessage;
import static dev.tviews.common.runtime.RuntimeFixture.staleTViews;
import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.lines;
import static dev.tviews.testsupport.Jdbc.number;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import dev.tviews.testsupport.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The queue and the rights of roles: a writer that may only write tb_* queues keys of async TVIEWs (the
 * generated code runs as the owner), may ask whether it is suspended and gets the 55000 of a resume without
 * suspend, but may neither suspend maintenance nor drain (42501, up front, naming the fix); the owner does both. Roles are cluster-wide: uniquely
 * named, dropped after.
 */
@PostgresTest
class QueuePrivilegeTest {

    private static final TestRoles ROLES = TestRoles.unique("tvqueue", "owner", "writer");
    private static final String OWNER = ROLES.name("owner");
    private static final String WRITER = ROLES.name("writer");

    @BeforeAll
    static void rolesAndTViews(TestServer server, TestDatabase db) throws SQLException {
        ROLES.create(server, db);
        try (Connection owner = ROLES.connectOwnerWithRuntime(db)) {
            exec(owner, """
                    CREATE TABLE tb_user (pk_user bigint PRIMARY KEY, name text NOT NULL);
                    CREATE TABLE tb_post (pk_post bigint PRIMARY KEY, fk_user bigint NOT NULL REFERENCES tb_user, title text NOT NULL);
                    INSERT INTO tb_user VALUES (1, 'ann');
                    """);
            exec(owner, "SELECT pg_tviews_create('q_user', $q$SELECT pk_user AS pk_q_user, name FROM tb_user$q$)",
                    "SELECT pg_tviews_create_or_replace('q_post', $q$SELECT p.pk_post AS pk_q_post, p.title, u.name AS author "
                            + "FROM tb_post p JOIN tb_user u ON u.pk_user = p.fk_user$q$, '{\"mode\": \"async\"}')",
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON tb_user, tb_post TO " + WRITER);
        }
    }

    @AfterAll
    static void dropRoles(TestServer server, TestDatabase db) throws SQLException {
        ROLES.drop(server, db);
    }

    @Test
    void aWriterQueuesAsyncKeysButOnlyTheOwnerSuspendsAndDrains(TestDatabase db) throws SQLException {
        try (Connection writer = ROLES.connect(db, WRITER)) {
            exec(writer, "INSERT INTO tb_post VALUES (1, 1, 'hello'), (2, 1, 'again')", "UPDATE tb_user SET name = 'Ann'");
            // the sync TVIEW followed; the async one queued its keys, with the owner's rights
            assertThat(lines(writer, "SELECT entity_name, key FROM pg_tview_queue ORDER BY 2")).containsExactly("q_post|1", "q_post|2");

            assertThat(errorMessage(writer, "42501", "SELECT pg_tviews_suspend_triggers()")).contains(WRITER).contains("pg_tview_queue").contains("owning the TVIEWs");

            errorMessage(writer, "55000", "SELECT pg_tviews_resume_triggers()");
            assertThat(lines(writer, "SELECT pg_tviews_is_suspended()")).containsExactly("f");
            assertThat(errorMessage(writer, "42501", "SELECT pg_tviews_process_queue()")).contains("may not drain the queue").contains("owning the TVIEWs");
            assertThat(number(writer, "SELECT count(*) FROM pg_tview_queue")).isEqualTo(2);
        }
        try (Connection owner = ROLES.connect(db, OWNER)) {
            assertThat(number(owner, "SELECT pg_tviews_process_queue()")).isEqualTo(2);
            assertThat(staleTViews(owner)).isEmpty();
            assertThat(lines(owner, "SELECT title, author FROM tv_q_post ORDER BY 1")).containsExactly("again|Ann", "hello|Ann");

            owner.setAutoCommit(false);
            exec(owner, "SELECT pg_tviews_suspend_triggers()", "UPDATE tb_user SET name = 'ANN'");
            assertThat(lines(owner, "SELECT entity_name, reason FROM pg_tview_queue ORDER BY 1, key"))
                    .containsExactly("q_post|async", "q_post|async", "q_user|suspended");
            owner.commit();
            owner.setAutoCommit(true);
            assertThat(lines(owner, "SELECT name FROM tv_q_user")).containsExactly("ANN");
            assertThat(number(owner, "SELECT pg_tviews_process_queue()")).isEqualTo(2);
            assertThat(staleTViews(owner)).isEmpty();
        }
    }

}

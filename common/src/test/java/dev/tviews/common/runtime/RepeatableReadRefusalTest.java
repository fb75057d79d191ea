package dev.tviews.common.runtime;

import static dev.tviews.common.runtime.RuntimeFixture.errorMessage;
import static dev.tviews.common.runtime.RuntimeFixture.staleTViews;
import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.lines;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A REPEATABLE READ transaction reads its snapshot, which misses rows committed after it was taken: maintenance
 * would leave their TVIEW rows with old values, silently (a post inserted meanwhile keeps its author's old name).
 * So every way maintenance runs refuses it with 0A000, and the refused statement changes nothing. READ COMMITTED
 * and SERIALIZABLE are unaffected (ConcurrentWritersTest).
 */
class RepeatableReadRefusalTest extends RuntimeConnectionTest {

    private static final String SCHEMA = """
            CREATE TABLE tb_user (pk_user bigint PRIMARY KEY, name text NOT NULL);
            CREATE TABLE tb_post (pk_post bigint PRIMARY KEY, fk_user bigint NOT NULL REFERENCES tb_user, title text NOT NULL);
            INSERT INTO tb_user VALUES (1, 'ann'), (2, 'bob');
            INSERT INTO tb_post VALUES (10, 1, 'hello'), (20, 2, 'world');
            SELECT pg_tviews_create('post', $q$SELECT p.pk_post, jsonb_build_object('title', p.title, 'author', u.name) AS data
                                             FROM tb_post p JOIN tb_user u ON u.pk_user = p.fk_user$q$);
            SELECT pg_tviews_create('user', $q$SELECT u.pk_user, jsonb_build_object('name', u.name,
                                             'posts', (SELECT count(*) FROM tb_post p WHERE p.fk_user = u.pk_user)) AS data
                                             FROM tb_user u$q$);
            """;

    @BeforeEach
    void createSchema() throws SQLException {
        exec(c, "DROP TABLE IF EXISTS tb_post, tb_user CASCADE", SCHEMA);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "UPDATE tb_user SET name = 'ANN' WHERE pk_user = 1",          // walks to the posts of the user
        "UPDATE tb_post SET title = 'HELLO' WHERE pk_post = 10",      // one key, straight from the row
        "INSERT INTO tb_post VALUES (11, 2, 'new')",
        "DELETE FROM tb_post WHERE pk_post = 20",
        "TRUNCATE tb_post",                                            // rebuilds without key locks
        "SELECT pg_tviews_refresh('post')",
        "SELECT pg_tviews_create('post_title', $q$SELECT pk_post AS pk_post_title, title FROM tb_post$q$)"})
    void maintenanceUnderRepeatableReadIsRefusedAndChangesNothing(String sql) throws SQLException {
        List<String> before = contents(c);
        c.setAutoCommit(false);
        try {
            exec(c, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            assertThat(errorMessage(c, "0A000", sql)).contains("REPEATABLE READ transaction cannot keep TVIEWs exact");
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
        assertThat(contents(c)).as("nothing changed").isEqualTo(before);
        assertThat(staleTViews(c)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"READ COMMITTED", "SERIALIZABLE"})
    void theOtherLevelsKeepMaintaining(String isolation) throws SQLException {
        c.setAutoCommit(false);
        exec(c, "SET TRANSACTION ISOLATION LEVEL " + isolation,
                "UPDATE tb_user SET name = 'ANN' WHERE pk_user = 1",
                "INSERT INTO tb_post VALUES (11, 1, 'new')");
        c.commit();
        c.setAutoCommit(true);
        assertThat(lines(c, "SELECT data->>'author' FROM tv_post WHERE pk_post IN (10, 11) ORDER BY 1")).containsExactly("ANN", "ANN");
        assertThat(staleTViews(c)).isEmpty();
    }

    private static List<String> contents(Connection c) throws SQLException {
        return lines(c, "SELECT 'user ' || t::text FROM tb_user t UNION ALL SELECT 'post ' || t::text FROM tb_post t "
                + "UNION ALL SELECT 'tv_post ' || t::text FROM tv_post t UNION ALL SELECT 'tv_user ' || t::text FROM tv_user t ORDER BY 1");
    }
}

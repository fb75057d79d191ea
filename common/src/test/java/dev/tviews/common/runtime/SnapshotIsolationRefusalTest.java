package dev.tviews.common.runtime;

import static dev.tviews.common.runtime.RuntimeFixture.errorMessage;
import static dev.tviews.common.runtime.RuntimeFixture.staleTViews;
import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * REPEATABLE READ and SERIALIZABLE transactions read their snapshot, which misses rows committed after it was
 * taken: maintenance would leave their TVIEW rows with old values, silently (a post inserted meanwhile keeps its
 * author's old name; PostgreSQL's serializable checks see nothing when the inserter ran READ COMMITTED). So a
 * TVIEW registered without {@code {"isolation": "any"}} refuses them with 0A000 on every way maintenance runs,
 * and rebuilds refuse them for every TVIEW; the refused statement changes nothing. With the option, their writes
 * are maintained (ConcurrentWritersTest and ConcurrentOracleTest check them against concurrent writers).
 */
class SnapshotIsolationRefusalTest extends RuntimeConnectionTest {

    private static final String TABLES = """
            CREATE TABLE tb_user (pk_user bigint PRIMARY KEY, name text NOT NULL);
            CREATE TABLE tb_post (pk_post bigint PRIMARY KEY, fk_user bigint NOT NULL REFERENCES tb_user, title text NOT NULL);
            CREATE TABLE tb_tag (pk_tag bigint PRIMARY KEY, label text NOT NULL);
            INSERT INTO tb_user VALUES (1, 'ann'), (2, 'bob');
            INSERT INTO tb_post VALUES (10, 1, 'hello'), (20, 2, 'world');
            """;

    private static final String POST = "SELECT p.pk_post, jsonb_build_object('title', p.title, 'author', u.name) AS data"
            + " FROM tb_post p JOIN tb_user u ON u.pk_user = p.fk_user";
    /** (tb_tag, read by no condition on the user, is refreshed in full: a write to it rebuilds tv_user.) */
    private static final String USER = "SELECT u.pk_user, jsonb_build_object('name', u.name,"
            + " 'posts', (SELECT count(*) FROM tb_post p WHERE p.fk_user = u.pk_user),"
            + " 'tags', (SELECT count(*) FROM tb_tag)) AS data FROM tb_user u";

    private static final List<String> WRITES = List.of(
            "UPDATE tb_user SET name = 'ANN' WHERE pk_user = 1",          // walks to the posts of the user
            "UPDATE tb_post SET title = 'HELLO' WHERE pk_post = 10",      // one key, straight from the row
            "INSERT INTO tb_post VALUES (11, 2, 'new')",
            "DELETE FROM tb_post WHERE pk_post = 20");

    private static final List<String> REBUILDS = List.of(
            "TRUNCATE tb_post",                                            // rebuilds without key locks
            "INSERT INTO tb_tag VALUES (1, 'news')",                       // a relation refreshed in full
            "SELECT pg_tviews_refresh('post')",
            "SELECT pg_tviews_create('post_title', $q$SELECT pk_post AS pk_post_title, title FROM tb_post$q$)");

    private void register(String isolationOption) throws SQLException {
        String options = "'{\"isolation\": \"" + isolationOption + "\"}'";
        exec(c, "DROP TABLE IF EXISTS tb_post, tb_user, tb_tag CASCADE", TABLES,
                "SELECT pg_tviews_create_or_replace('post', $q$" + POST + "$q$, " + options + ")",
                "SELECT pg_tviews_create_or_replace('user', $q$" + USER + "$q$, " + options + ")");
    }

    static Stream<Arguments> writesAtSnapshotLevels() {
        List<Arguments> cases = new ArrayList<>();
        for (String level : List.of("REPEATABLE READ", "SERIALIZABLE")) {
            for (String sql : WRITES) {
                cases.add(Arguments.of(level, sql, "transaction cannot keep TVIEW"));
            }
            for (String sql : REBUILDS) {
                // (a statement's triggers refuse it before they rebuild anything)
                boolean trigger = sql.startsWith("TRUNCATE") || sql.startsWith("INSERT");
                cases.add(Arguments.of(level, sql, trigger ? "transaction cannot keep TVIEW" : "transaction cannot rebuild TVIEWs"));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("writesAtSnapshotLevels")
    void withoutTheOptionMaintenanceIsRefusedAndChangesNothing(String level, String sql, String message) throws SQLException {
        register("read committed");
        assertRefused(level, sql, message);
    }

    static Stream<Arguments> rebuildsAtSnapshotLevels() {
        return Stream.of("REPEATABLE READ", "SERIALIZABLE").flatMap(level -> REBUILDS.stream().map(sql -> Arguments.of(level, sql)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("rebuildsAtSnapshotLevels")
    void withTheOptionRebuildsAreStillRefused(String level, String sql) throws SQLException {
        register("any");
        assertRefused(level, sql, "transaction cannot rebuild TVIEWs");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"REPEATABLE READ", "SERIALIZABLE"})
    void withTheOptionWritesAreMaintained(String level) throws SQLException {
        register("any");
        c.setAutoCommit(false);
        exec(c, "SET TRANSACTION ISOLATION LEVEL " + level);
        for (String sql : WRITES) {
            exec(c, sql);
        }
        c.commit();
        c.setAutoCommit(true);
        assertThat(lines(c, "SELECT pk_post || ' ' || (data->>'author') FROM tv_post ORDER BY 1")).containsExactly("10 ANN", "11 bob");
        assertThat(lines(c, "SELECT data::text FROM tv_user ORDER BY pk_user"))
                .containsExactly("{\"name\": \"ANN\", \"tags\": 0, \"posts\": 1}", "{\"name\": \"bob\", \"tags\": 0, \"posts\": 1}");
        assertThat(staleTViews(c)).isEmpty();
    }

    /**
     * The case the stamps exist for: a READ COMMITTED transaction commits a post of user 1 after the snapshot was
     * taken; renaming user 1 from that snapshot would miss the post. The stamp of the join value it carried is newer
     * than the snapshot: 40001, and the statement changes nothing.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"REPEATABLE READ", "SERIALIZABLE"})
    void aStampNewerThanTheSnapshotRaises40001AndChangesNothing(String level, TestDatabase db) throws SQLException {
        register("any");
        assertFailsAfterACommitItCannotSee(db, level, List.of("INSERT INTO tb_post VALUES (11, 1, 'meanwhile')"),
                "UPDATE tb_user SET name = 'ANN' WHERE pk_user = 1",
                "a transaction committed after this one's snapshot changed rows feeding the same TVIEW rows");
    }

    /** Writers that committed before the option was registered did not stamp: a snapshot older than it gets 40001. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"REPEATABLE READ", "SERIALIZABLE"})
    void aSnapshotOlderThanTheOptionRaises40001(String level, TestDatabase db) throws SQLException {
        register("read committed");
        assertFailsAfterACommitItCannotSee(db, level,
                List.of("SELECT pg_tviews_create_or_replace('post', $q$" + POST + "$q$, '{\"isolation\": \"any\"}')",
                        "SELECT pg_tviews_create_or_replace('user', $q$" + USER + "$q$, '{\"isolation\": \"any\"}')"),
                "INSERT INTO tb_post VALUES (11, 2, 'new')",
                "was registered for writers at any isolation level after this transaction's snapshot");
    }

    /**
     * A transaction at {@code level} takes its snapshot, another connection runs {@code meanwhile} and commits, then
     * {@code sql} must fail with 40001 and {@code message}, changing nothing.
     */
    private void assertFailsAfterACommitItCannotSee(TestDatabase db, String level, List<String> meanwhile, String sql, String message)
            throws SQLException {
        try (Connection other = db.connect()) {
            c.setAutoCommit(false);
            try {
                exec(c, "SET TRANSACTION ISOLATION LEVEL " + level, "SELECT 1");
                exec(other, meanwhile.toArray(String[]::new));
                List<String> before = contents(other);
                assertThat(errorMessage(c, "40001", sql)).contains(message);
                c.rollback();
                assertThat(contents(other)).as("nothing changed").isEqualTo(before);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
        assertThat(staleTViews(c)).isEmpty();
    }

    @Test
    void readCommittedKeepsMaintainingWithoutTheOption() throws SQLException {
        register("read committed");
        c.setAutoCommit(false);
        exec(c, "SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
        for (String sql : WRITES) {
            exec(c, sql);
        }
        c.commit();
        c.setAutoCommit(true);
        assertThat(lines(c, "SELECT pk_post || ' ' || (data->>'author') FROM tv_post ORDER BY 1")).containsExactly("10 ANN", "11 bob");
        assertThat(staleTViews(c)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"serializable\"", "\"ANY\"", "true", "[\"any\"]"})
    void anUnknownIsolationOptionIsRefusedAndRegistersNothing(String value) throws SQLException {
        register("read committed");
        List<String> before = contents(c);
        assertThat(errorMessage(c, "22023", "SELECT pg_tviews_create_or_replace('post_title', "
                + "$q$SELECT pk_post AS pk_post_title, title FROM tb_post$q$, '{\"isolation\": " + value + "}')"))
                .contains("option isolation must be \"read committed\" or \"any\"");
        assertThat(lines(c, "SELECT entity_name FROM pg_tview_meta ORDER BY 1")).containsExactly("post", "user");
        assertThat(contents(c)).isEqualTo(before);
    }

    private void assertRefused(String level, String sql, String message) throws SQLException {
        List<String> before = contents(c);
        c.setAutoCommit(false);
        try {
            exec(c, "SET TRANSACTION ISOLATION LEVEL " + level);
            assertThat(errorMessage(c, "0A000", sql)).contains(level + " " + message);
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
        assertThat(contents(c)).as("nothing changed").isEqualTo(before);
        assertThat(staleTViews(c)).isEmpty();
    }

    private static List<String> contents(Connection c) throws SQLException {
        return lines(c, "SELECT 'user ' || t::text FROM tb_user t UNION ALL SELECT 'post ' || t::text FROM tb_post t "
                + "UNION ALL SELECT 'tag ' || t::text FROM tb_tag t "
                + "UNION ALL SELECT 'tv_post ' || t::text FROM tv_post t UNION ALL SELECT 'tv_user ' || t::text FROM tv_user t ORDER BY 1");
    }
}

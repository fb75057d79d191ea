package dev.tviews.common.runtime.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.common.RuntimeInstaller;
import dev.tviews.common.runtime.concurrency.Interleaving.FirstCommits;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Deterministic two-transaction interleavings for each way two writers can feed the same TVIEW
 * row, in both orders, with the two transactions at every pair of isolation levels that includes
 * READ COMMITTED or twice the same level (the TVIEWs are registered with {"isolation": "any"}): after
 * both commit (or one fails with a retriable 40001/40P01 and is retried, as applications must),
 * every TVIEW equals its view. The second transaction takes its snapshot before the first commits,
 * so a REPEATABLE READ or SERIALIZABLE second transaction cannot see the first's work: it must find
 * the first's stamps (concurrency.sql) or wait, and fail with 40001.
 */
@PostgresTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentWritersTest {

    /**
     * The guide's blog: a user aggregate, a post embedding its author, a comment two hops away, and a
     * per-user count of the comments on their posts (walks arrive at a post by its key and leave it by
     * fk_user: moving the post must make a concurrent comment's walk wait and map again).
     */
    private static final String SCHEMA = """
            CREATE TABLE tb_user (pk_user bigint PRIMARY KEY, name text NOT NULL);
            CREATE TABLE tb_post (pk_post bigint PRIMARY KEY, fk_user bigint NOT NULL REFERENCES tb_user ON DELETE CASCADE,
                                  title text NOT NULL);
            CREATE INDEX ON tb_post (fk_user);
            CREATE TABLE tb_comment (pk_comment bigint PRIMARY KEY,
                                     fk_post bigint NOT NULL REFERENCES tb_post ON DELETE CASCADE, body text NOT NULL);
            CREATE INDEX ON tb_comment (fk_post);
            SELECT pg_tviews_create_or_replace('tv_user', $q$
                SELECT u.pk_user, jsonb_build_object('name', u.name,
                       'posts', (SELECT count(*) FROM tb_post p WHERE p.fk_user = u.pk_user)) AS data
                  FROM tb_user u $q$, '{"isolation": "any"}');
            SELECT pg_tviews_create_or_replace('tv_post', $q$
                SELECT p.pk_post, jsonb_build_object('title', p.title, 'author', u.name) AS data
                  FROM tb_post p JOIN tb_user u ON u.pk_user = p.fk_user $q$, '{"isolation": "any"}');
            SELECT pg_tviews_create_or_replace('tv_comment', $q$
                SELECT c.pk_comment, jsonb_build_object('body', c.body, 'post', p.title, 'author', u.name) AS data
                  FROM tb_comment c JOIN tb_post p ON p.pk_post = c.fk_post JOIN tb_user u ON u.pk_user = p.fk_user $q$, '{"isolation": "any"}');
            SELECT pg_tviews_create_or_replace('tv_activity', $q$
                SELECT u.pk_user AS pk_activity,
                       (SELECT count(*) FROM tb_comment c JOIN tb_post p ON p.pk_post = c.fk_post WHERE p.fk_user = u.pk_user) AS comments
                  FROM tb_user u $q$, '{"isolation": "any"}');
            SELECT pg_tviews_create_or_replace('tv_best', $q$
                SELECT u.pk_user AS pk_best, (SELECT max(p.title) FROM tb_post p WHERE p.fk_user = u.pk_user) AS best
                  FROM tb_user u $q$, '{"isolation": "any"}');
            """;

    private static final String DATA = """
            TRUNCATE tb_user CASCADE;
            INSERT INTO tb_user VALUES (1, 'ann'), (2, 'bob');
            INSERT INTO tb_post VALUES (10, 1, 'hello'), (20, 2, 'world');
            INSERT INTO tb_comment VALUES (100, 10, 'first');
            """;

    /** Pairs of statements that feed the same TVIEW rows. */
    static Stream<Arguments> conflicts() {
        String[][] pairs = {
            // a parent changes while a child of it is inserted (tv_post shows the author's name)
            {"parent update vs child insert", "UPDATE tb_user SET name = 'ANN' WHERE pk_user = 1",
                "INSERT INTO tb_post VALUES (11, 1, 'second')"},
            // a parent changes while a child moves to it
            {"parent update vs child re-parent", "UPDATE tb_user SET name = 'BOB' WHERE pk_user = 2",
                "UPDATE tb_post SET fk_user = 2 WHERE pk_post = 10"},
            // two children of one aggregated parent (tv_user counts posts)
            {"two children of one aggregate", "INSERT INTO tb_post VALUES (11, 1, 'a')",
                "INSERT INTO tb_post VALUES (12, 1, 'b')"},
            // a grandparent changes while a grandchild is inserted (tv_comment shows the post's author)
            {"grandparent update vs grandchild insert", "UPDATE tb_user SET name = 'ANN' WHERE pk_user = 1",
                "INSERT INTO tb_comment VALUES (101, 10, 'second')"},
            // a child is deleted while its parent changes
            {"child delete vs parent update", "DELETE FROM tb_post WHERE pk_post = 10",
                "UPDATE tb_user SET name = 'ANN' WHERE pk_user = 1"},
            // a middle row moves while a row below it is inserted
            {"re-parent vs grandchild insert", "UPDATE tb_post SET fk_user = 2 WHERE pk_post = 10",
                "INSERT INTO tb_comment VALUES (101, 10, 'second')"},
            // a child inserted without changing its parent's aggregate (tv_best keeps 'hello'), while
            // another child changes it ('0' alone, 'a' with the insert): a refresh that rewrites no row
            {"aggregate unchanged by an insert", "INSERT INTO tb_post VALUES (11, 1, 'a')",
                "UPDATE tb_post SET title = '0' WHERE pk_post = 10"},
        };
        String[][] levels = {
            {"READ COMMITTED", "READ COMMITTED"}, {"REPEATABLE READ", "REPEATABLE READ"}, {"SERIALIZABLE", "SERIALIZABLE"},
            {"READ COMMITTED", "REPEATABLE READ"}, {"REPEATABLE READ", "READ COMMITTED"},
            {"READ COMMITTED", "SERIALIZABLE"}, {"SERIALIZABLE", "READ COMMITTED"},
        };
        List<Arguments> cases = new ArrayList<>();
        for (String[] level : levels) {
            for (String[] pair : pairs) {
                for (FirstCommits when : List.of(FirstCommits.BEFORE_SECOND_WRITES, FirstCommits.AFTER_SECOND_WRITES)) {
                    cases.add(Arguments.of(level[0] + " / " + level[1], pair[0], pair[1], pair[2], when));
                    cases.add(Arguments.of(level[0] + " / " + level[1], pair[0] + " (swapped)", pair[2], pair[1], when));
                }
            }
        }
        return cases.stream();
    }

    private TestDatabase db;

    @BeforeAll
    void createSchema(TestDatabase db) throws SQLException {
        this.db = db;
        try (Connection c = db.connect()) {
            new RuntimeInstaller(c).install();
            exec(c, SCHEMA);
        }
    }

    @ParameterizedTest(name = "{0}: {1}, first commits {4}")
    @MethodSource("conflicts")
    void bothCommittedLeaveEveryTViewExact(String isolation, String conflict, String firstSql, String secondSql,
                                           FirstCommits when) throws Exception {
        try (Connection first = db.connect(); Connection second = db.connect(); Connection observer = db.connect()) {
            Interleaving.Outcome outcome = interleave(first, second, observer, isolation, conflict, firstSql, secondSql, when);
            assertThat(stale(observer)).as("%s, %s, first commits %s", isolation, conflict, when).isEmpty();
            assertThat(count(observer, "SELECT count(*) FROM tb_post")).as("both transactions' changes are there")
                    .isEqualTo(expectedPosts(firstSql, secondSql));
        }
    }

    /** The conflicts, with a second transaction at a snapshot level and a first one that rolls back. */
    static Stream<Arguments> rollbacks() {
        return conflicts().filter(a -> a.get()[4] == FirstCommits.AFTER_SECOND_WRITES && !((String) a.get()[0]).endsWith("READ COMMITTED"));
    }

    /**
     * A REPEATABLE READ or SERIALIZABLE transaction that waited for a lock held by a transaction that then rolled
     * back has missed nothing: it goes on without 40001 (the holder left no stamp), and every TVIEW is exact.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("rollbacks")
    void aWaitForATransactionThatRollsBackCostsNoRetry(String isolation, String conflict, String firstSql, String secondSql,
                                                      FirstCommits ignored) throws Exception {
        try (Connection first = db.connect(); Connection second = db.connect(); Connection observer = db.connect()) {
            Interleaving.Outcome outcome = interleave(first, second, observer, isolation, conflict, firstSql, secondSql,
                    FirstCommits.ROLLS_BACK_AFTER_SECOND_WRITES);
            assertThat(outcome.retries()).as("%s, %s: the second transaction went on", isolation, conflict).isZero();
            assertThat(stale(observer)).as("%s, %s", isolation, conflict).isEmpty();
            assertThat(count(observer, "SELECT count(*) FROM tb_post")).isEqualTo(expectedPosts(secondSql));
        }
    }

    /** Resets the data, then runs the two statements at the levels "first / second" of {@code isolation}. */
    private static Interleaving.Outcome interleave(Connection first, Connection second, Connection observer, String isolation,
                                                   String conflict, String firstSql, String secondSql, FirstCommits when) throws Exception {
        exec(observer, DATA);
        String[] level = isolation.split(" / ");
        Interleaving.Outcome outcome = new Interleaving(first, second, observer, level[0], level[1]).run(firstSql, secondSql, when);
        System.out.printf("ConcurrentWritersTest: %s / %s / first %s: second waited=%s, retries=%d%n",
                isolation, conflict, when, outcome.secondWaited(), outcome.retries());
        return outcome;
    }

    private static long expectedPosts(String... statements) {
        long posts = 2;
        for (String s : statements) {
            if (s.startsWith("INSERT INTO tb_post")) {
                posts++;
            } else if (s.startsWith("DELETE FROM tb_post")) {
                posts--;
            }
        }
        return posts;
    }

    private static List<String> stale(Connection c) throws SQLException {
        List<String> stale = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT entity FROM pg_tviews_verify() WHERE missing_rows + extra_rows + differing_rows > 0")) {
            while (rs.next()) {
                stale.add(rs.getString(1));
            }
        }
        return stale;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}

package dev.tviews.common.runtime.concurrency;

import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.number;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.common.RuntimeInstaller;
import dev.tviews.testsupport.Concurrently;
import dev.tviews.testsupport.Jdbc;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Maintenance takes its locks in one global order, wherever a statement enters the graph of TVIEWs
 * (cascade.sql, concurrency.sql). A nested model (org, user, post and comment documents, each
 * embedding the level below and a name from the level above, plus a per-org feed over the base
 * tables) is written by four connections at once with single-statement transactions that enter at
 * every level: bottom-up (a comment), top-down (an org rename), in the middle (a user moving org, a
 * post moving user). Statements that change one row each cannot deadlock on their own rows, so any
 * deadlock (40P01) would be maintenance's, and so would any serialization failure (40001: tviews
 * raises it only when it must wait against the order). Both must be absent, and every TVIEW equals
 * its view afterwards. Seeded: {@code -Dtviews.lockorder.seed} reproduces a run.
 */
@PostgresTest
class LockOrderTest {

    private static final int CONNECTIONS = 4;
    private static final int TRANSACTIONS = Integer.getInteger("tviews.lockorder.transactions", 150);
    private static final int ORGS = 3;
    private static final int USERS = 9;
    private static final int POSTS = 27;

    private static final String SCHEMA = """
            CREATE TABLE tb_org (pk_org bigint PRIMARY KEY, name text NOT NULL);
            CREATE TABLE tb_user (pk_user bigint PRIMARY KEY, fk_org bigint NOT NULL REFERENCES tb_org, name text NOT NULL);
            CREATE TABLE tb_post (pk_post bigint PRIMARY KEY, fk_user bigint NOT NULL REFERENCES tb_user, title text NOT NULL);
            CREATE TABLE tb_comment (pk_comment bigint PRIMARY KEY, fk_post bigint NOT NULL REFERENCES tb_post,
                                     fk_user bigint NOT NULL REFERENCES tb_user, text text NOT NULL);
            CREATE INDEX ON tb_user (fk_org);
            CREATE INDEX ON tb_post (fk_user);
            CREATE INDEX ON tb_comment (fk_post);
            CREATE INDEX ON tb_comment (fk_user);
            INSERT INTO tb_org SELECT o, 'org ' || o FROM generate_series(1, %1$d) o;
            INSERT INTO tb_user SELECT u, (u - 1) %% %1$d + 1, 'user ' || u FROM generate_series(1, %2$d) u;
            INSERT INTO tb_post SELECT p, (p - 1) %% %2$d + 1, 'post ' || p FROM generate_series(1, %3$d) p;
            INSERT INTO tb_comment SELECT c, (c - 1) %% %3$d + 1, c %% %2$d + 1, 'comment ' || c FROM generate_series(1, 2 * %3$d) c;
            SELECT pg_tviews_create('comment', $q$
                SELECT c.pk_comment, c.fk_post, jsonb_build_object('text', c.text, 'author', a.name) AS data
                  FROM tb_comment c JOIN tb_user a ON a.pk_user = c.fk_user $q$);
            SELECT pg_tviews_create('post', $q$
                SELECT p.pk_post, p.fk_user, jsonb_build_object('title', p.title, 'author', u.name,
                       'comments', COALESCE((SELECT jsonb_agg(c.data ORDER BY c.pk_comment) FROM tv_comment c
                                              WHERE c.fk_post = p.pk_post), '[]')) AS data
                  FROM tb_post p JOIN tb_user u ON u.pk_user = p.fk_user $q$);
            SELECT pg_tviews_create('user', $q$
                SELECT u.pk_user, u.fk_org, jsonb_build_object('name', u.name, 'org', o.name,
                       'posts', COALESCE((SELECT jsonb_agg(p.data ORDER BY p.pk_post) FROM tv_post p
                                           WHERE p.fk_user = u.pk_user), '[]')) AS data
                  FROM tb_user u JOIN tb_org o ON o.pk_org = u.fk_org $q$);
            SELECT pg_tviews_create('org', $q$
                SELECT o.pk_org, jsonb_build_object('name', o.name,
                       'users', COALESCE((SELECT jsonb_agg(u.data ORDER BY u.pk_user) FROM tv_user u
                                           WHERE u.fk_org = o.pk_org), '[]')) AS data
                  FROM tb_org o $q$);
            SELECT pg_tviews_create('feed', $q$
                SELECT o.pk_org AS pk_feed,
                       COALESCE((SELECT jsonb_agg(jsonb_build_object('post', p.pk_post, 'title', p.title, 'author', u.name,
                                                                     'comments', (SELECT count(*) FROM tb_comment c WHERE c.fk_post = p.pk_post))
                                                  ORDER BY p.pk_post)
                                   FROM tb_user u JOIN tb_post p ON p.fk_user = u.pk_user WHERE u.fk_org = o.pk_org), '[]') AS data
                  FROM tb_org o $q$);
            """.formatted(ORGS, USERS, POSTS);

    /** Statement kinds, entering the TVIEW graph at every level; {@code n} makes new keys unique. */
    private static final List<IntFunction<String>> KINDS = List.of(
            n -> "INSERT INTO tb_comment VALUES (%d, %d, %d, 'new')".formatted(1000 + n, 1 + n % POSTS, 1 + (n * 7) % USERS),
            n -> "UPDATE tb_comment SET text = 'edited %d' WHERE pk_comment = %d".formatted(n, 1 + n % (2 * POSTS)),
            n -> "DELETE FROM tb_comment WHERE pk_comment = %d".formatted(1000 + n / 2),
            n -> "UPDATE tb_post SET title = 'title %d' WHERE pk_post = %d".formatted(n, 1 + n % POSTS),
            n -> "UPDATE tb_post SET fk_user = %d WHERE pk_post = %d".formatted(1 + (n * 5) % USERS, 1 + n % POSTS),
            n -> "INSERT INTO tb_post VALUES (%d, %d, 'new')".formatted(1000 + n, 1 + n % USERS),
            n -> "UPDATE tb_user SET name = 'user %d' WHERE pk_user = %d".formatted(n, 1 + n % USERS),
            n -> "UPDATE tb_user SET fk_org = %d WHERE pk_user = %d".formatted(1 + n % ORGS, 1 + (n * 3) % USERS),
            n -> "UPDATE tb_org SET name = 'org %d' WHERE pk_org = %d".formatted(n, 1 + n % ORGS));

    /** What one connection saw. */
    record Tally(int committed, int serializationFailures, int deadlocks) {}

    @Test
    void singleStatementsNeverDeadlockOrFailOnMaintenanceLocks(TestDatabase db) throws Exception {
        long seed = Long.getLong("tviews.lockorder.seed", System.nanoTime());
        System.out.printf("LockOrderTest: seed=%d (-Dtviews.lockorder.seed=%d reproduces), %d connections x %d transactions%n",
                seed, seed, CONNECTIONS, TRANSACTIONS);
        try (Connection setup = db.connect()) {
            new RuntimeInstaller(setup).install();
            exec(setup, SCHEMA);
            List<Tally> tallies = runWriters(db, seed);
            int committed = tallies.stream().mapToInt(Tally::committed).sum();
            int failures = tallies.stream().mapToInt(Tally::serializationFailures).sum();
            int deadlocks = tallies.stream().mapToInt(Tally::deadlocks).sum();
            System.out.printf("LockOrderTest: seed=%d: %d committed, %d x 40001, %d x 40P01%n", seed, committed, failures, deadlocks);
            assertThat(deadlocks).as("deadlocks (seed %d)", seed).isZero();
            assertThat(failures).as("serialization failures (seed %d)", seed).isZero();
            assertThat(Jdbc.column(setup, "SELECT entity FROM pg_tviews_verify() WHERE missing_rows + extra_rows + differing_rows > 0"))
                    .as("stale TVIEWs (seed %d)", seed).isEmpty();
            assertThat(number(setup, "SELECT count(*) FROM tv_comment WHERE pk_comment >= 1000")).as("the writers added comments").isPositive();
        }
    }

    private static List<Tally> runWriters(TestDatabase db, long seed) throws Exception {
        List<Callable<Tally>> writers = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            int writer = i;
            writers.add(() -> writer(db, new Random(seed + writer), writer));
        }
        return Concurrently.run(writers, Duration.ofMinutes(10));
    }

    private static Tally writer(TestDatabase db, Random random, int writer) throws SQLException {
        int committed = 0;
        int serializationFailures = 0;
        int deadlocks = 0;
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            detectDeadlocksSooner(st);
            for (int t = 0; t < TRANSACTIONS; t++) {
                int n = CONNECTIONS * t + writer;
                String sql = KINDS.get(random.nextInt(KINDS.size())).apply(n);
                while (true) {
                    try {
                        st.execute(sql);
                        committed++;
                        break;
                    } catch (SQLException e) {
                        if ("40001".equals(e.getSQLState())) {
                            serializationFailures++;
                        } else if ("40P01".equals(e.getSQLState())) {
                            deadlocks++;
                            System.err.println("LockOrderTest: deadlock in " + sql + ": " + e.getMessage());
                        } else {
                            throw new SQLException("Statement failed: " + sql + ": " + e.getMessage(), e.getSQLState(), e);
                        }
                    }
                }
            }
        }
        return new Tally(committed, serializationFailures, deadlocks);
    }

    /** A deadlock would otherwise cost a second before PostgreSQL notices it (where the role may not set it, only time). */
    private static void detectDeadlocksSooner(Statement st) throws SQLException {
        try {
            st.execute("SET deadlock_timeout = '100ms'");
        } catch (SQLException notAllowed) {
            if (!"42501".equals(notAllowed.getSQLState())) {
                throw notAllowed;
            }
        }
    }
}

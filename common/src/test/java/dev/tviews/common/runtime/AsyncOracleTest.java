package dev.tviews.common.runtime;

import static dev.tviews.common.runtime.RuntimeFixture.staleTViews;
import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.lines;
import static dev.tviews.testsupport.Jdbc.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The oracle in async mode, over {@link OracleSchema} with post and comment async (profile, sync, reads the
 * async tv_post): after every random statement the sync TVIEWs equal their views; after a drain, all do.
 * A worker terminated in the middle of a drain loses nothing; two workers drain the queue between them
 * without doing any entry twice. Seeded: {@code -Dtviews.oracle.seed=<seed> -Dtviews.oracle.statements=<n>}.
 */
@PostgresTest
class AsyncOracleTest {

    private static final int STATEMENTS = Integer.getInteger("tviews.oracle.statements", 20_000);
    private static final List<String> ASYNC = List.of("post", "comment");

    @BeforeAll
    static void tviews(TestDatabase db) throws SQLException {
        OracleSchema.connectWithTViews(db, Set.copyOf(ASYNC)).close();
    }

    @Test
    void everyTViewEqualsItsViewOnceTheQueueIsDrained(TestDatabase db) throws Exception {
        long seed = OracleSchema.seed("AsyncOracleTest", "tviews.oracle.seed", "statements=" + STATEMENTS);
        Random random = new Random(seed);
        try (Connection c = db.connect()) {
            RandomStatements statements = new RandomStatements(random, db.serverMajorVersion() >= 15);
            long drained = 0;
            int drains = 0;
            int staleBeforeDrain = 0;
            for (int i = 0; i < STATEMENTS; i++) {
                String sql = statements.next();
                StatementRunner.run(c, sql);
                List<String> stale = staleTViews(c);
                assertThat(stale).as("seed %d, statement %d (%s): only async TVIEWs may lag", seed, i, sql)
                        .allSatisfy(s -> assertThat(ASYNC).contains(s.substring(0, s.indexOf(':'))));
                if (random.nextInt(25) == 0 || i == STATEMENTS - 1) {
                    staleBeforeDrain += stale.size();
                    drained += drainAll(c);
                    drains++;
                    assertThat(staleTViews(c)).as("seed %d, statement %d: after the drain", seed, i).isEmpty();
                    assertThat(number(c, "SELECT count(*) FROM pg_tview_queue")).isZero();
                }
            }
            System.out.printf("AsyncOracleTest: seed=%d %d statements, %d drains refreshed %d queue entries (%d stale async "
                    + "TVIEW states before them); all exact after each drain%n", seed, STATEMENTS, drains, drained, staleBeforeDrain);
            assertThat(drained).isPositive();
            assertThat(staleBeforeDrain).as("async TVIEWs lagged before drains (else the test proves nothing)").isPositive();
        }
    }

    @Test
    void aWorkerTerminatedInTheMiddleOfADrainLosesNothing(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Connection blocker = db.connect(); Connection worker = db.connect()) {
            drainAll(c);
            exec(c, "INSERT INTO tb_user (pk_user, name) VALUES (901, 'w') ON CONFLICT (pk_user) DO UPDATE SET name = 'w'",
                    "INSERT INTO tb_post (pk_post, fk_user, title) SELECT 10000 + g, 901, 'p' || g FROM generate_series(1, 20) g");
            drainAll(c);
            exec(c, "UPDATE tb_post SET title = title || '*' WHERE fk_user = 901");
            long queued = number(c, "SELECT count(*) FROM pg_tview_queue");
            long lockedPost = number(c, "SELECT max(pk_post) FROM tb_post WHERE fk_user = 901");
            assertThat(queued).isGreaterThanOrEqualTo(20);
            // the worker will stop on this row of tv_post, in the middle of its drain
            blocker.setAutoCommit(false);
            exec(blocker, "SELECT 1 FROM tv_post WHERE pk_post = " + lockedPost + " FOR UPDATE");
            int workerPid = (int) number(worker, "SELECT pg_backend_pid()");
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<Long> drain = pool.submit(() -> number(worker, "SELECT pg_tviews_process_queue()"));
                AsyncQueueTest.awaitLockWait(db, workerPid);
                assertThat(number(c, "SELECT count(*) FROM pg_stat_activity WHERE pid = " + workerPid
                        + " AND query LIKE '%pg_tviews_process_queue%'")).isEqualTo(1);
                exec(c, "SELECT pg_terminate_backend(" + workerPid + ")");
                assertThatThrownBy(() -> drain.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(SQLException.class);
            } finally {
                pool.shutdownNow();
            }
            blocker.rollback();
            assertThat(number(c, "SELECT count(*) FROM pg_tview_queue")).as("every entry is still queued").isEqualTo(queued);
            assertThat(drainAll(c)).isEqualTo(queued);
            assertThat(staleTViews(c)).isEmpty();
            assertThat(lines(c, "SELECT count(*) FROM tv_post WHERE fk_user = 901 AND data->>'title' LIKE '%*'")).containsExactly("20");
        }
    }

    @Test
    void twoWorkersDrainTheQueueBetweenThemWithoutDoubleWork(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Connection first = db.connect(); Connection second = db.connect()) {
            // 100 users with 3 posts each; the free-running workers' batches of 7 cut across users, so both
            // refresh posts of the same user and, by trigger, the same row of the sync profile TVIEW
            exec(c, "INSERT INTO tb_user (pk_user, name) SELECT g, 'w' || g FROM generate_series(903, 1002) g",
                    "INSERT INTO tb_post (pk_post, fk_user, title) SELECT 20000 + g, 903 + (g - 1) / 3, 'q' || g FROM generate_series(1, 300) g");
            drainAll(c);
            String change = "UPDATE tb_post SET title = title || '+' WHERE fk_user BETWEEN 903 AND 1002";
            exec(c, change);
            assertThat(lines(c, "SELECT entity_name, count(*) FROM pg_tview_queue GROUP BY 1")).containsExactly("post|300");

            // step by step: the first worker holds its half, uncommitted; the second takes the rest, skipping the
            // first's entries (its refresh may then wait for the first's key locks, hence the thread)
            first.setAutoCommit(false);
            assertThat(number(first, "SELECT pg_tviews_process_queue(150)")).isEqualTo(150);
            int secondPid = (int) number(second, "SELECT pg_backend_pid()");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Long> secondDone = pool.submit(() -> number(second, "SELECT pg_tviews_process_queue(100000)"));
                awaitLockWaitOrDone(db, secondPid, secondDone);
                first.commit();
                first.setAutoCommit(true);
                assertThat(secondDone.get(60, TimeUnit.SECONDS)).isEqualTo(150);
                assertThat(number(c, "SELECT count(*) FROM pg_tview_queue")).isZero();
                assertThat(staleTViews(c)).isEmpty();

                // free-running: both loop until they find nothing; every entry is done exactly once
                exec(c, change);
                List<Future<Long>> workers = new ArrayList<>();
                for (Connection w : List.of(first, second)) {
                    Callable<Long> loop = () -> {
                        long done = 0;
                        for (long n = number(w, "SELECT pg_tviews_process_queue(7)"); n > 0;
                             n = number(w, "SELECT pg_tviews_process_queue(7)")) {
                            done += n;
                        }
                        return done;
                    };
                    workers.add(pool.submit(loop));
                }
                List<Long> done = new ArrayList<>();
                for (Future<Long> w : workers) {
                    done.add(w.get(120, TimeUnit.SECONDS));
                }
                System.out.printf("AsyncOracleTest: two free-running workers refreshed %s of 300 entries%n", done);
                assertThat(done.get(0) + done.get(1)).isEqualTo(300);
                // a worker may stop while the other still holds entries, but the last one to stop found none left
                assertThat(number(c, "SELECT count(*) FROM pg_tview_queue")).isZero();
                assertThat(staleTViews(c)).isEmpty();
                assertThat(number(c, "SELECT count(*) FROM tv_post WHERE data->>'title' LIKE 'q%++'")).isEqualTo(300);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** Waits until the backend {@code pid} waits for a lock or {@code work} is done (polls; asserts no time). */
    private static void awaitLockWaitOrDone(TestDatabase db, int pid, Future<?> work) throws Exception {
        try (Connection watcher = db.connect()) {
            for (int i = 0; i < 6000 && !work.isDone(); i++) {
                if (lines(watcher, "SELECT 1 FROM pg_stat_activity WHERE pid = " + pid + " AND wait_event_type = 'Lock'").size() == 1) {
                    return;
                }
                Thread.sleep(10);
            }
        }
    }

    /** Drains until a call does nothing; returns the entries refreshed. */
    static long drainAll(Connection c) throws SQLException {
        long total = 0;
        for (long n = number(c, "SELECT pg_tviews_process_queue()"); n > 0; n = number(c, "SELECT pg_tviews_process_queue()")) {
            total += n;
        }
        return total;
    }
}

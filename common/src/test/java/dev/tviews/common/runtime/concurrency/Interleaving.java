package dev.tviews.common.runtime.concurrency;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Two transactions in a fixed order, each at its own isolation level: both begin (and, under
 * REPEATABLE READ and SERIALIZABLE, take their snapshot),
 * the first writes, the second writes (in a thread, since it may have to wait for the first), the
 * first commits once the second is done or waiting on a lock, then the second commits. A
 * transaction that fails with 40001 or 40P01 is rolled back and retried alone, as an application
 * would; any other error fails the test.
 */
record Interleaving(Connection first, Connection second, Connection observer, String firstIsolation, String secondIsolation) {

    /**
     * When the first transaction commits: before the second writes, or after (the usual race); or whether it rolls
     * back after the second wrote (then the second has nothing to retry for).
     */
    enum FirstCommits { BEFORE_SECOND_WRITES, AFTER_SECOND_WRITES, ROLLS_BACK_AFTER_SECOND_WRITES }

    record Outcome(boolean secondWaited, int retries) {
    }

    Outcome run(String firstSql, String secondSql, FirstCommits when) throws Exception {
        int retries = 0;
        begin(first, firstIsolation);
        begin(second, secondIsolation);
        boolean firstOk = attempt(first, firstSql);
        boolean secondOk;
        boolean secondWaited = false;
        if (when == FirstCommits.BEFORE_SECOND_WRITES) {
            firstOk = firstOk && commit(first);
            secondOk = attempt(second, secondSql);
        } else {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                int secondPid = pid(second);
                Future<Boolean> secondWrite = pool.submit(() -> attempt(second, secondSql));
                secondWaited = waitUntilDoneOrBlocked(secondWrite, secondPid);
                if (when == FirstCommits.ROLLS_BACK_AFTER_SECOND_WRITES) {
                    first.rollback();
                } else {
                    firstOk = firstOk && commit(first);
                }
                secondOk = secondWrite.get(30, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
        }
        secondOk = secondOk && commit(second);
        if (!firstOk) {
            retries++;
            retryAlone(first, firstSql, firstIsolation);
        }
        if (!secondOk) {
            retries++;
            retryAlone(second, secondSql, secondIsolation);
        }
        first.setAutoCommit(true);
        second.setAutoCommit(true);
        return new Outcome(secondWaited, retries);
    }

    private static void begin(Connection c, String isolation) throws SQLException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SET TRANSACTION ISOLATION LEVEL " + isolation);
            st.execute("SELECT 1"); // takes the snapshot under REPEATABLE READ and SERIALIZABLE
        }
    }

    /** Runs the statement; false (after a rollback) on a serialization failure or deadlock. */
    private static boolean attempt(Connection c, String sql) throws SQLException {
        return unlessRetriable(c, () -> {
            try (Statement st = c.createStatement()) {
                st.execute(sql);
            }
        });
    }

    /** Commits; false (after a rollback) on a serialization failure or deadlock. */
    private static boolean commit(Connection c) throws SQLException {
        return unlessRetriable(c, c::commit);
    }

    /** A step of a transaction. */
    private interface Step {
        void run() throws SQLException;
    }

    /** Runs the step: true when it succeeded, false (after a rollback) when it failed in a way a retry can fix. */
    private static boolean unlessRetriable(Connection c, Step step) throws SQLException {
        try {
            step.run();
            return true;
        } catch (SQLException e) {
            if (retriable(e)) {
                c.rollback();
                return false;
            }
            throw e;
        }
    }

    private static void retryAlone(Connection c, String sql, String isolation) throws SQLException {
        for (int attempt = 0; attempt < 5; attempt++) {
            begin(c, isolation);
            if (attempt(c, sql) && commit(c)) {
                c.setAutoCommit(true);
                return;
            }
        }
        throw new AssertionError("still failing after 5 retries alone: " + sql);
    }

    static boolean retriable(SQLException e) {
        return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** True when the second transaction was seen waiting on a lock (rather than finishing). */
    private boolean waitUntilDoneOrBlocked(Future<Boolean> write, int pid) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (write.isDone()) {
                return false;
            }
            try (Statement st = observer.createStatement();
                 ResultSet rs = st.executeQuery("SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = " + pid)) {
                if (rs.next() && rs.getBoolean(1)) {
                    return true;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the second transaction neither finished nor waited on a lock within 10 s");
    }
}

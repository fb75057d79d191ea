package dev.tviews.benchmarks;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writers on threads of their own, released together once every one is connected and prepared; the clock runs from
 * the release until the last one is done, and their counts are summed.
 */
final class SimultaneousWriters {

    /** Blocks a writer until every writer has called it. */
    @FunctionalInterface
    interface Start {
        void await() throws InterruptedException;
    }

    /** Writer number {@code writer}: connects and prepares, calls {@code start}, writes, and returns its counts. */
    @FunctionalInterface
    interface Writer {
        Counts write(int writer, Start start) throws Exception;
    }

    /** Transactions committed, and those given up on a serialization failure (40001) or a deadlock (40P01). */
    record Counts(long committed, long serializationFailures, long deadlocks) {

        Counts plus(Counts other) {
            return new Counts(committed + other.committed, serializationFailures + other.serializationFailures,
                    deadlocks + other.deadlocks);
        }
    }

    /** A writer's running counts. */
    static final class Tally {

        private long committed;
        private long serializationFailures;
        private long deadlocks;

        void committed() {
            committed++;
        }

        /**
         * Counts {@code e} (its transaction rolled back) when it is a serialization failure (40001) or a deadlock
         * (40P01), which a writer retries or moves on from; false for any other error.
         */
        boolean countRetriable(SQLException e) {
            if ("40001".equals(e.getSQLState())) {
                serializationFailures++;
                return true;
            }
            if ("40P01".equals(e.getSQLState())) {
                deadlocks++;
                return true;
            }
            return false;
        }

        Counts counts() {
            return new Counts(committed, serializationFailures, deadlocks);
        }
    }

    /** The summed counts of one run, and its duration. */
    record Totals(Counts counts, double seconds) {

        /** Committed transactions per second. */
        double perSecond() {
            return counts.committed() / seconds;
        }
    }

    private SimultaneousWriters() {
    }

    /** Runs {@code writers} writers together; {@code where} says where, for the message when one fails ("on raw", or empty). */
    static Totals run(int writers, String where, Writer writer) throws SQLException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch ready = new CountDownLatch(writers);
        CountDownLatch go = new CountDownLatch(1);
        Start start = () -> {
            ready.countDown();
            go.await();
        };
        List<Future<Counts>> futures = new ArrayList<>();
        try {
            for (int w = 0; w < writers; w++) {
                int number = w;
                futures.add(pool.submit(() -> writer.write(number, start)));
            }
            ready.await();
            long started = System.nanoTime();
            go.countDown();
            Counts total = new Counts(0, 0, 0);
            for (Future<Counts> f : futures) {
                total = total.plus(f.get());
            }
            return new Totals(total, (System.nanoTime() - started) / 1e9);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException("A writer" + (where.isEmpty() ? "" : " " + where) + " failed: " + e.getCause(),
                    e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}

package dev.tviews.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs tasks at the same time, each on a thread of its own, as concurrent writers or migrations do. */
public final class Concurrently {

    private Concurrently() {
    }

    /**
     * Starts every task, then waits for each (at most {@code timeout} each, in order) and returns their results in
     * the order of {@code tasks}. The first failure is thrown; the tasks still running are then interrupted.
     */
    public static <T> List<T> run(List<Callable<T>> tasks, Duration timeout) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}

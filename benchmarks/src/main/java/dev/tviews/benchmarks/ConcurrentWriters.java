package dev.tviews.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N writers, each on a connection of its own, run short transactions for a fixed time on the raw and on the
 * tviews database (taking turns, repetition by repetition). Each transaction is one statement: half of them
 * update the title of a random post, half add a comment to a random post (which changes that post's
 * comment count in tv_post). The rows overlap on purpose: every writer draws from the same 100 posts
 * (users 1 to 10), so writers meet on the same tb_post rows and, with TVIEWs, on the same tv_post rows
 * (the classic case of two children of one aggregated row). Serialization failures (40001) and
 * deadlocks (40P01) are rolled back, counted and retried, as an application would; any other error
 * fails the run.
 */
public final class ConcurrentWriters {

    static final int HOT_POSTS = 100;

    private final BenchServer server;
    private final Map<Variant, String> urls;
    private final long durationMillis;
    private final int repetitions;
    private final AtomicLong commentKeys = new AtomicLong(BlogSchema.SCRATCH);

    public ConcurrentWriters(BenchServer server, Map<Variant, String> urls, long durationMillis, int repetitions) {
        this.server = server;
        this.urls = Map.copyOf(urls);
        this.durationMillis = durationMillis;
        this.repetitions = repetitions;
    }

    /** Runs {@code writers} writers on raw and on tviews; the comments they added are deleted afterwards. */
    public List<ThroughputResult> run(int writers, Session rawCleanup, Session tviewsCleanup) throws SQLException {
        List<Double> raw = new ArrayList<>();
        List<Double> tviews = new ArrayList<>();
        long[] rawCounts = new long[3];
        long[] tviewsCounts = new long[3];
        for (int rep = 0; rep < repetitions; rep++) {
            boolean rawFirst = rep % 2 == 0;
            for (Variant variant : rawFirst ? List.of(Variant.RAW, Variant.TVIEWS) : List.of(Variant.TVIEWS, Variant.RAW)) {
                long[] counts = variant == Variant.RAW ? rawCounts : tviewsCounts;
                double tps = once(variant, writers, rep, counts);
                (variant == Variant.RAW ? raw : tviews).add(tps);
                Session cleanup = variant == Variant.RAW ? rawCleanup : tviewsCleanup;
                cleanup.run(List.of(Sql.of("DELETE FROM tb_comment WHERE pk_comment >= ?", BlogSchema.SCRATCH)));
            }
        }
        return List.of(new ThroughputResult(writers, Variant.RAW, Stats.of(raw), rawCounts[0], rawCounts[1], rawCounts[2]),
                new ThroughputResult(writers, Variant.TVIEWS, Stats.of(tviews), tviewsCounts[0], tviewsCounts[1], tviewsCounts[2]));
    }

    /** One timed run; adds committed, 40001 and 40P01 counts to {@code counts}; returns transactions/s. */
    private double once(Variant variant, int writers, int rep, long[] counts) throws SQLException {
        try {
            SimultaneousWriters.Totals totals = SimultaneousWriters.run(writers, "on " + variant.label(),
                    (w, start) -> write(variant, new SplittableRandom(31L * rep + w), start));
            counts[0] += totals.counts().committed();
            counts[1] += totals.counts().serializationFailures();
            counts[2] += totals.counts().deadlocks();
            return totals.perSecond();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while " + writers + " writers ran on " + variant.label(), e);
        }
    }

    private SimultaneousWriters.Counts write(Variant variant, SplittableRandom random, SimultaneousWriters.Start start)
            throws Exception {
        SimultaneousWriters.Tally tally = new SimultaneousWriters.Tally();
        try (Connection c = server.connect(urls.get(variant));
             PreparedStatement update = c.prepareStatement("UPDATE tb_post SET title = ? WHERE pk_post = ?");
             PreparedStatement comment = c.prepareStatement(
                     "INSERT INTO tb_comment (pk_comment, fk_post, fk_user, text) VALUES (?, ?, ?, 'concurrent')")) {
            c.setAutoCommit(false);
            start.await();
            long deadline = System.nanoTime() + durationMillis * 1_000_000L;
            while (System.nanoTime() < deadline) {
                try {
                    if (random.nextBoolean()) {
                        update.setString(1, "Concurrent " + random.nextInt());
                        update.setLong(2, 1 + random.nextInt(HOT_POSTS));
                        update.executeUpdate();
                    } else {
                        comment.setLong(1, commentKeys.getAndIncrement());
                        comment.setLong(2, 1 + random.nextInt(HOT_POSTS));
                        comment.setLong(3, 1 + random.nextInt(10));
                        comment.executeUpdate();
                    }
                    c.commit();
                    tally.committed();
                } catch (SQLException e) {
                    c.rollback();
                    if (!tally.countRetriable(e)) {
                        throw new SQLException("A writer on the " + variant.label() + " database failed: " + e.getMessage(),
                                e.getSQLState(), e);
                    }
                }
            }
        }
        return tally.counts();
    }
}

package dev.tviews.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One timed run of the nested mixed workload: {@code writers} connections, each running one-statement
 * transactions (READ COMMITTED) of random kinds for a fixed time. "overlapping": every writer draws from
 * all rows; "distinct": writer w only touches the orgs with (pk_org - 1) % writers = w and what is under
 * them (moves and re-parents stay inside). 40001 and 40P01 are rolled back, counted and the same
 * statement retried; any other error fails the run.
 */
final class WriterRun {

    record Outcome(double tps, long committed, long serialization, long deadlocks) {
    }

    private final BenchServer server;
    private final String url;
    private final int writers;
    private final String mode;
    private final long millis;
    private final long seed;
    private final AtomicLong keys;
    private final DeadlockCollector collector;

    WriterRun(BenchServer server, String url, int writers, String mode, long millis, long seed, AtomicLong keys,
              DeadlockCollector collector) {
        this.server = server;
        this.url = url;
        this.writers = writers;
        this.mode = mode;
        this.millis = millis;
        this.seed = seed;
        this.keys = keys;
        this.collector = collector;
    }

    Outcome run() throws SQLException, InterruptedException {
        SimultaneousWriters.Totals totals = SimultaneousWriters.run(writers, "", this::write);
        SimultaneousWriters.Counts counts = totals.counts();
        return new Outcome(totals.perSecond(), counts.committed(), counts.serializationFailures(), counts.deadlocks());
    }

    private SimultaneousWriters.Counts write(int writer, SimultaneousWriters.Start start) throws Exception {
        SimultaneousWriters.Tally tally = new SimultaneousWriters.Tally();
        SplittableRandom random = new SplittableRandom(seed * 101 + writer);
        try (Connection c = server.connect(url)) {
            NestedBench.Pool rows = NestedBench.Pool.of(c, mode.equals("distinct")
                    ? "(pk_org - 1) % " + writers + " = " + writer : "true");
            int pid = Integer.parseInt(Db.rows(c, "SELECT pg_backend_pid()").get(0).get(0));
            c.setAutoCommit(false);
            Map<NestedBench.Kind, PreparedStatement> statements = new EnumMap<>(NestedBench.Kind.class);
            for (NestedBench.Kind k : NestedBench.Kind.values()) {
                statements.put(k, c.prepareStatement(k.sql));
            }
            start.await();
            long deadline = System.nanoTime() + millis * 1_000_000L;
            while (System.nanoTime() < deadline) {
                NestedBench.Kind kind = NestedBench.Kind.pick(random);
                if (!rows.canRun(kind)) {
                    continue;
                }
                Object[] args = NestedBench.args(kind, rows, random, keys.getAndIncrement());
                if (collector != null) {
                    collector.running(pid, kind.title);
                }
                while (true) {
                    try {
                        PreparedStatement ps = statements.get(kind);
                        NestedBench.bind(ps, args);
                        ps.execute();
                        c.commit();
                        tally.committed();
                        break;
                    } catch (SQLException e) {
                        c.rollback();
                        if (!tally.countRetriable(e)) {
                            throw new SQLException("A writer failed on " + url + " (" + kind.title + "): " + e.getMessage(),
                                    e.getSQLState(), e);
                        }
                        if (collector != null && "40P01".equals(e.getSQLState())) {
                            collector.deadlock(kind.title, e);
                        }
                        if (System.nanoTime() >= deadline) {
                            break;
                        }
                    }
                }
            }
            for (PreparedStatement ps : statements.values()) {
                ps.close();
            }
        }
        return tally.counts();
    }
}

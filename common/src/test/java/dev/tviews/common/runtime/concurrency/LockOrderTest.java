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
    /** What one connection saw. */
    record Tally(int committed, int serializationFailures, int deadlocks) {}

    @Test
    void singleStatementsNeverDeadlockOrFailOnMaintenanceLocks(TestDatabase db) throws Exception {
        long seed = Long.getLong("tviews.lockorder.seed", System.nanoTime());
        System.out.printf("LockOrderTest: seed=%d (-Dtviews.lockorder.seed=%d reproduces), %d connections x %d transactions%n",
                seed, seed, CONNECTIONS, TRANSACTIONS);
        try (Connection setup = db.connect()) {
            new RuntimeInstaller(setup).install();
            exec(setup, NestedModel.SCHEMA);
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
                String sql = NestedModel.KINDS.get(random.nextInt(NestedModel.KINDS.size())).apply(n);
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

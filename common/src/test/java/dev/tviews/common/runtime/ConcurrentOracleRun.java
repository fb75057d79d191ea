package dev.tviews.common.runtime;

import static dev.tviews.common.runtime.RuntimeFixture.staleTViews;
import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.number;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.testsupport.Concurrently;
import dev.tviews.testsupport.TestDatabase;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.postgresql.PGConnection;

/**
 * The concurrent oracle's run: 8 connections run random transactions (1 to 4 statements of
 * {@link RandomStatements}) at once against the oracle schema, each at an isolation level drawn from the
 * given ones, retrying serialization failures and deadlocks as applications must; afterwards every TVIEW
 * equals its view. Seeded (each connection draws from seed + its number): {@code -Dtviews.concurrent.seed}
 * and {@code -Dtviews.concurrent.transactions} (per connection) reproduce or vary a run;
 * {@code -Dtviews.concurrent.debug=true} prints each deadlock's details.
 */
final class ConcurrentOracleRun {

    private static final int CONNECTIONS = 8;
    private static final int TRANSACTIONS = Integer.getInteger("tviews.concurrent.transactions", 250);
    /** Attempts of one transaction before the run fails as a livelock (a run retries about 7% of its attempts). */
    private static final int MAX_ATTEMPTS = 500;
    /**
     * Attempts of a REPEATABLE READ or SERIALIZABLE transaction before it is retried under READ COMMITTED: at those
     * levels any wait for a lock ends in 40001 (the snapshot cannot read again), and 8 writers on a dozen users make
     * some transactions wait on almost every attempt. The oracle checks what was committed, at whatever level.
     */
    private static final int SNAPSHOT_ATTEMPTS = 25;

    private ConcurrentOracleRun() {
    }

    /** What one connection did. */
    record Tally(int committed, int refused, int serializationFailures, int deadlocks, int escalated) {

        int retried() {
            return serializationFailures + deadlocks;
        }
    }

    /** Runs the writers with TVIEWs registered with option isolation {@code option}, then checks the oracle. */
    static void checkOracleAfterWriters(TestDatabase db, List<String> levels, String option) throws Exception {
        long seed = OracleSchema.seed("ConcurrentOracleRun", "tviews.concurrent.seed", "connections=" + CONNECTIONS
                + " transactions/connection=" + TRANSACTIONS + " isolation=" + levels + " option isolation=" + option);
        try (Connection setup = OracleSchema.connectWithTViews(db, java.util.Set.of(), option)) {
            long started = System.nanoTime();
            List<Tally> tallies = runWriters(db, seed, levels);
            double seconds = (System.nanoTime() - started) / 1e9;
            int committed = tallies.stream().mapToInt(Tally::committed).sum();
            int refused = tallies.stream().mapToInt(Tally::refused).sum();
            int retried = tallies.stream().mapToInt(Tally::retried).sum();
            System.out.printf("ConcurrentOracleRun: seed=%d: %d transactions committed, %d refused by constraints, "
                    + "%d retries (%d after 40001, %d after 40P01; %.1f%% of attempts), %d retried under READ COMMITTED after %d "
                    + "attempts, %.0f transactions/s; checking the oracle%n",
                    seed, committed, refused, retried, tallies.stream().mapToInt(Tally::serializationFailures).sum(),
                    tallies.stream().mapToInt(Tally::deadlocks).sum(), 100.0 * retried / (committed + refused + retried),
                    tallies.stream().mapToInt(Tally::escalated).sum(), SNAPSHOT_ATTEMPTS, (committed + refused) / seconds);
            assertThat(committed + refused).isEqualTo(CONNECTIONS * TRANSACTIONS);
            assertThat(staleTViews(setup)).as("seed %d", seed).isEmpty();
            assertThat(number(setup, "SELECT count(*) FROM tv_post")).as("the writers left data behind").isPositive();
        }
    }

    private static List<Tally> runWriters(TestDatabase db, long seed, List<String> levels) throws Exception {
        List<Callable<Tally>> writers = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            long writerSeed = seed + i;
            writers.add(() -> writer(db, new Random(writerSeed), levels));
        }
        return Concurrently.run(writers, Duration.ofMinutes(20));
    }

    private static Tally writer(TestDatabase db, Random random, List<String> levels) throws SQLException {
        int committed = 0;
        int refused = 0;
        int serializationFailures = 0;
        int deadlocks = 0;
        int escalated = 0;
        try (Connection c = db.connect()) {
            boundWaits(c);
            c.setAutoCommit(false);
            RandomStatements statements = new RandomStatements(random, db.serverMajorVersion() >= 15);
            for (int t = 0; t < TRANSACTIONS; t++) {
                List<String> transaction = new ArrayList<>();
                for (int k = 1 + random.nextInt(4); k > 0; k--) {
                    transaction.add(statements.next());
                }
                String isolation = transaction.stream().anyMatch(sql -> sql.startsWith("TRUNCATE"))
                        ? "READ COMMITTED" : levels.get(random.nextInt(levels.size()));
                String lastFailure = null;
                for (int attempt = 1; ; attempt++) {
                    if (attempt > MAX_ATTEMPTS) {
                        throw new SQLException("Transaction retried " + MAX_ATTEMPTS + " times without committing (a livelock?) at "
                                + isolation + ": " + transaction + "; last failure: " + lastFailure);
                    }
                    if (attempt == SNAPSHOT_ATTEMPTS + 1 && !isolation.equals("READ COMMITTED")) {
                        isolation = "READ COMMITTED";
                        escalated++;
                    }
                    try {
                        exec(c, "SET TRANSACTION ISOLATION LEVEL " + isolation);
                        for (String sql : transaction) {
                            run(c, sql);
                        }
                        c.commit();
                        committed++;
                        break;
                    } catch (SQLException e) {
                        c.rollback();
                        String state = e.getSQLState();
                        lastFailure = state + " " + e.getMessage();
                        if ("40001".equals(state)) {
                            serializationFailures++;
                        } else if ("40P01".equals(state)) {
                            deadlocks++;
                            if (Boolean.getBoolean("tviews.concurrent.debug")) {
                                System.err.println("ConcurrentOracleRun: deadlock in " + transaction + ": " + e.getMessage());
                            }
                        } else if (state != null && state.startsWith("23")) {
                            refused++;
                            break;
                        } else {
                            throw new SQLException("Transaction failed: " + transaction + ": " + e.getMessage(), state, e);
                        }
                    }
                }
            }
        }
        return new Tally(committed, refused, serializationFailures, deadlocks, escalated);
    }

    /**
     * This workload deadlocks often (a dozen users, feeds over all of them, TRUNCATEs), and each
     * deadlock costs deadlock_timeout (1 s by default) before PostgreSQL notices. Where the test
     * role may change it, detect them after 50 ms; elsewhere the test is only slower. A statement
     * stuck on something no deadlock check sees fails after 5 minutes, naming its transaction,
     * instead of holding the run until its 20-minute timeout.
     */
    private static void boundWaits(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET statement_timeout = '5min'");
            st.execute("SET deadlock_timeout = '50ms'");
        } catch (SQLException notAllowed) {
            if (!"42501".equals(notAllowed.getSQLState())) {
                throw notAllowed;
            }
        }
    }

    private static void run(Connection c, String sql) throws SQLException {
        if (sql.startsWith("COPY ")) {
            String[] parts = sql.split("\n", 2);
            try {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn(parts[0], new StringReader(parts[1]));
            } catch (IOException e) {
                throw new SQLException("COPY failed: " + e.getMessage(), e);
            }
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}

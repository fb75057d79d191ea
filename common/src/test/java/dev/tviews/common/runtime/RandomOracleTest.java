package dev.tviews.common.runtime;

import static dev.tviews.common.runtime.RuntimeFixture.staleTViews;
import static dev.tviews.testsupport.Jdbc.exec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * The oracle: random DML of every kind against a schema with every lineage shape; after EVERY
 * statement, every TVIEW must equal its view. Seeded and reproducible:
 * {@code -Dtviews.oracle.seed=<seed> -Dtviews.oracle.statements=<n>}.
 */
@PostgresTest
class RandomOracleTest {

    @Test
    void everyTViewEqualsItsViewAfterEveryStatement(TestDatabase db) throws Exception {
        OracleRun oracle = OracleRun.of("RandomOracleTest", db);
        try (Connection c = OracleSchema.connectWithTViews(db, Set.of())) {
            int executed = 0;
            int failed = 0;
            for (int i = 0; i < oracle.statementCount(); i++) {
                if (oracle.random().nextInt(40) == 0) {
                    executed += transactionWithRollback(c, oracle, i);
                    continue;
                }
                String sql = oracle.statements().next();
                if (!run(c, sql)) {
                    failed++;
                }
                executed++;
                List<String> stale = staleTViews(c);
                assertThat(stale).as("seed %d, statement %d: %s", oracle.seed(), i, sql).isEmpty();
            }
            System.out.printf("RandomOracleTest: seed=%d executed=%d (%d refused by constraints), all TVIEWs exact after each%n",
                    oracle.seed(), executed, failed);
            assertThat(executed).isGreaterThanOrEqualTo(oracle.statementCount());
        }
    }

    /** A transaction whose middle part is rolled back to a savepoint; checked inside and after. */
    private int transactionWithRollback(Connection c, OracleRun oracle, int i) throws SQLException {
        RandomStatements statements = oracle.statements();
        Random random = oracle.random();
        long seed = oracle.seed();
        int n = 0;
        c.setAutoCommit(false);
        try {
            for (int k = 0; k < 1 + random.nextInt(3); k++, n++) {
                run(c, statements.next());
            }
            exec(c, "SAVEPOINT s");
            String inner = statements.next();
            try (Statement st = c.createStatement()) {
                st.execute(inner);
            } catch (SQLException refused) {
                // the rollback below covers both outcomes
            }
            exec(c, "ROLLBACK TO SAVEPOINT s");
            n++;
            assertThat(staleTViews(c)).as("seed %d, statement %d: inside a transaction after ROLLBACK TO (%s)", seed, i, inner).isEmpty();
            if (random.nextBoolean()) {
                c.commit();
            } else {
                c.rollback();
            }
        } finally {
            c.setAutoCommit(true);
        }
        assertThat(staleTViews(c)).as("seed %d, statement %d: after the transaction", seed, i).isEmpty();
        return n;
    }

    /** Runs one statement in its own savepoint-free way; false when a constraint refused it. */
    private static boolean run(Connection c, String sql) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        try (Statement st = c.createStatement()) {
            if (!autoCommit) {
                st.execute("SAVEPOINT stmt");
            }
            if (sql.startsWith("COPY ")) {
                String[] parts = sql.split("\n", 2);
                try {
                    c.unwrap(PGConnection.class).getCopyAPI().copyIn(parts[0], new StringReader(parts[1]));
                } catch (java.io.IOException e) {
                    throw new SQLException("COPY failed: " + e.getMessage(), e);
                }
            } else {
                st.execute(sql);
            }
            if (!autoCommit) {
                st.execute("RELEASE SAVEPOINT stmt");
            }
            return true;
        } catch (SQLException e) {
            String state = e.getSQLState();
            if (state != null && (state.startsWith("23"))) {
                if (!autoCommit) {
                    exec(c, "ROLLBACK TO SAVEPOINT stmt");
                }
                return false;
            }
            throw new SQLException("Statement failed: " + sql + ": " + e.getMessage(), state, e);
        }
    }
}

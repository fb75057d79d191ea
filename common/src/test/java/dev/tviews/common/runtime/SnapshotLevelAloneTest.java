package dev.tviews.common.runtime;

import static dev.tviews.common.runtime.RuntimeFixture.staleTViews;
import static dev.tviews.testsupport.Jdbc.exec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A REPEATABLE READ or SERIALIZABLE writer alone misses nothing, so it must never be told to retry: random
 * transactions of 1 to 4 statements ({@link RandomStatements}, TRUNCATE left out: rebuilds refuse those levels)
 * at a level drawn per transaction, on one connection, against the oracle schema with every TVIEW registered with
 * {@code {"isolation": "any"}}. Each statement runs in a savepoint ({@link StatementRunner}) and is either done or
 * refused by a constraint (23xxx, rolled back to its savepoint); every transaction commits. A 40001 or any other
 * error fails the test (a stamp its own transaction wrote, or one committed before its snapshot, taken for another
 * transaction's work). After each transaction every TVIEW equals its view. Seeded:
 * {@code -Dtviews.alone.seed}, {@code -Dtviews.alone.transactions}.
 */
@PostgresTest
class SnapshotLevelAloneTest {

    private static final int TRANSACTIONS = Integer.getInteger("tviews.alone.transactions", 300);
    private static final List<String> LEVELS = List.of("REPEATABLE READ", "SERIALIZABLE");

    @Test
    void aSnapshotLevelWriterAloneAlwaysCommitsAndKeepsEveryTViewExact(TestDatabase db) throws SQLException {
        long seed = OracleSchema.seed("SnapshotLevelAloneTest", "tviews.alone.seed", "transactions=" + TRANSACTIONS);
        Random random = new Random(seed);
        RandomStatements statements = new RandomStatements(random, db.serverMajorVersion() >= 15);
        int committed = 0;
        int refused = 0;
        try (Connection c = OracleSchema.connectWithTViews(db, Set.of(), "any")) {
            c.setAutoCommit(false);
            for (int t = 0; t < TRANSACTIONS; t++) {
                List<String> transaction = new ArrayList<>();
                while (transaction.size() < 1 + random.nextInt(4)) {
                    String sql = statements.next();
                    if (!sql.startsWith("TRUNCATE")) {
                        transaction.add(sql);
                    }
                }
                String level = LEVELS.get(random.nextInt(LEVELS.size()));
                exec(c, "SET TRANSACTION ISOLATION LEVEL " + level);
                try {
                    for (String sql : transaction) {
                        if (!StatementRunner.run(c, sql)) {
                            refused++;
                        }
                    }
                    c.commit();
                    committed++;
                } catch (SQLException e) {
                    c.rollback();
                    throw new AssertionError("seed " + seed + ", transaction " + t + " at " + level + ": " + transaction
                            + " failed alone: " + e.getSQLState() + " " + e.getMessage(), e);
                }
                assertThat(staleTViews(c)).as("seed %d, transaction %d at %s: %s", seed, t, level, transaction).isEmpty();
                c.rollback(); // (ends the check's own transaction)
            }
            c.setAutoCommit(true);
        }
        System.out.printf("SnapshotLevelAloneTest: seed=%d: %d transactions committed (%d statements refused by constraints), none retried%n",
                seed, committed, refused);
        assertThat(committed).isPositive();
    }
}

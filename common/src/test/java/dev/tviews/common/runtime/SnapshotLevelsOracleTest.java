package dev.tviews.common.runtime;

import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The concurrent oracle ({@link ConcurrentOracleRun}) with every TVIEW registered with
 * {@code {"isolation": "any"}} and each transaction's isolation level drawn from READ COMMITTED, REPEATABLE READ
 * and SERIALIZABLE (a transaction that truncates runs READ COMMITTED: rebuilds refuse the others). The writers at
 * the two snapshot levels see other transactions' work only through the stamps (concurrency.sql): a stamp they
 * cannot see raises 40001, which they retry.
 */
@PostgresTest
class SnapshotLevelsOracleTest {

    @Test
    void everyTViewEqualsItsViewAfterWritersAtEveryIsolationLevel(TestDatabase db) throws Exception {
        ConcurrentOracleRun.checkOracleAfterWriters(db, List.of("READ COMMITTED", "REPEATABLE READ", "SERIALIZABLE"), "any");
    }
}

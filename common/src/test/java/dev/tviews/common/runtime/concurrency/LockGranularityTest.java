package dev.tviews.common.runtime.concurrency;

import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.number;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.common.RuntimeInstaller;
import dev.tviews.testsupport.Jdbc;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How wide the locks of one statement are (concurrency.sql): up to _tviews_kind_lock_limit() (256) keys of a
 * TVIEW, one exclusive value lock per key under a shared lock on the kind, so that writers of other keys go on;
 * past it, one exclusive lock on the whole kind (the lock table is finite). Either way the TVIEW stays exact.
 */
@PostgresTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LockGranularityTest {

    private Connection c;

    @BeforeAll
    void createSchema(TestDatabase db) throws SQLException {
        c = db.connect();
        new RuntimeInstaller(c).install();
        exec(c, """
                CREATE TABLE tb_item (pk_item bigint PRIMARY KEY, val int NOT NULL);
                INSERT INTO tb_item SELECT g, 0 FROM generate_series(1, 2500) g;
                SELECT pg_tviews_create('item', $q$SELECT pk_item, val * 2 AS doubled FROM tb_item$q$);
                """);
    }

    @AfterAll
    void close() throws SQLException {
        c.close();
    }

    @ParameterizedTest(name = "{0} keys")
    @CsvSource({"1, 1, 0", "256, 256, 0", "257, 0, 1"})
    void upToTheLimitEveryKeyIsLockedAlonePastItTheWholeKind(int keys, long valueLocks, long wholeKindLocks) throws SQLException {
        c.setAutoCommit(false);
        try {
            exec(c, "UPDATE tb_item SET val = val + 1 WHERE pk_item <= " + keys);
            // two-int advisory locks (objsubid 2) are values, one-bigint ones (objsubid 1) kinds
            assertThat(number(c, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() "
                    + "AND objsubid = 2 AND mode = 'ExclusiveLock'")).as("exclusive value locks").isEqualTo(valueLocks);
            assertThat(number(c, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() "
                    + "AND objsubid = 1 AND mode = 'ExclusiveLock'")).as("exclusive whole-kind locks").isEqualTo(wholeKindLocks);
            assertThat(Jdbc.column(c, "SELECT entity FROM pg_tviews_verify() WHERE missing_rows + extra_rows + differing_rows > 0"))
                    .isEmpty();
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
    }

    /**
     * A transaction of many single-row statements (each takes the single-key path of its trigger) counts its
     * value locks against _tviews_fine_lock_budget() (2,000): past the budget, the kind is locked whole
     * instead, so the transaction never holds more value locks than the budget.
     */
    @Test
    void singleRowStatementsStopTakingValueLocksAtTheBudget() throws SQLException {
        long budget = number(c, "SELECT _tviews_fine_lock_budget()");
        c.setAutoCommit(false);
        try {
            exec(c, "PREPARE bump(bigint) AS UPDATE tb_item SET val = val + 1 WHERE pk_item = $1");
            for (int key = 1; key <= budget + 300; key++) {
                exec(c, "EXECUTE bump(" + key + ")");
            }
            long valueLocks = number(c, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() "
                    + "AND objsubid = 2 AND mode = 'ExclusiveLock'");
            assertThat(valueLocks).as("exclusive value locks").isPositive().isLessThanOrEqualTo(budget);
            assertThat(number(c, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() "
                    + "AND objsubid = 1 AND mode = 'ExclusiveLock'")).as("exclusive whole-kind locks").isEqualTo(1);
            assertThat(Jdbc.column(c, "SELECT entity FROM pg_tviews_verify() WHERE missing_rows + extra_rows + differing_rows > 0"))
                    .isEmpty();
            c.commit();
        } finally {
            exec(c, "DEALLOCATE bump");
            c.setAutoCommit(true);
        }
    }
}

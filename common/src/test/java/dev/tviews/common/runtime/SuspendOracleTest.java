package dev.tviews.common.runtime;

import static dev.tviews.common.runtime.RuntimeFixture.staleTViews;
import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.number;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.sql.Connection;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The oracle in bulk mode: transactions that suspend maintenance, run random statements of every kind
 * (nested suspends, savepoint rollbacks, TRUNCATE included), then resume, commit while suspended, or roll
 * back. After the resume, and after every transaction, every TVIEW equals its view and the queue is empty.
 * Seeded and reproducible: {@code -Dtviews.oracle.seed=<seed> -Dtviews.oracle.statements=<n>}.
 */
@PostgresTest
class SuspendOracleTest {

    @Test
    void everyTViewEqualsItsViewAfterTheResumeAndAfterTheCommit(TestDatabase db) throws Exception {
        OracleRun oracle = OracleRun.of("SuspendOracleTest", db);
        Random random = oracle.random();
        try (Connection c = OracleSchema.connectWithTViews(db, Set.of())) {
            int executed = 0;
            int transactions = 0;
            int resumed = 0;
            int committedSuspended = 0;
            long queuedEntries = 0;
            long staleWhileSuspended = 0;
            while (executed < oracle.statementCount()) {
                transactions++;
                c.setAutoCommit(false);
                exec(c, "SELECT pg_tviews_suspend_triggers()");
                int n = 1 + random.nextInt(40);
                String last = "";
                for (int k = 0; k < n; k++, executed++) {
                    last = oracle.statements().next();
                    switch (random.nextInt(12)) {
                        case 0 -> { // a nested suspension around the statement
                            exec(c, "SELECT pg_tviews_suspend_triggers()");
                            StatementRunner.run(c, last);
                            exec(c, "SELECT pg_tviews_resume_triggers()");
                        }
                        case 1 -> { // a statement rolled back to a savepoint
                            exec(c, "SAVEPOINT r");
                            StatementRunner.run(c, last);
                            exec(c, "ROLLBACK TO SAVEPOINT r");
                        }
                        default -> StatementRunner.run(c, last);
                    }
                }
                queuedEntries += number(c, "SELECT count(*) FROM pg_tview_queue");
                staleWhileSuspended += staleTViews(c).size();
                String context = "seed " + oracle.seed() + ", transaction " + transactions + ", last statement: " + last;
                switch (random.nextInt(3)) {
                    case 0 -> {
                        exec(c, "SELECT pg_tviews_resume_triggers()");
                        resumed++;
                        assertThat(staleTViews(c)).as("%s: after the resume", context).isEmpty();
                        assertThat(number(c, "SELECT count(*) FROM pg_tview_queue")).as(context).isZero();
                        c.commit();
                    }
                    case 1 -> {
                        c.commit();
                        committedSuspended++;
                    }
                    default -> c.rollback();
                }
                c.setAutoCommit(true);
                assertThat(staleTViews(c)).as("%s: after the transaction", context).isEmpty();
                assertThat(number(c, "SELECT count(*) FROM pg_tview_queue")).as(context).isZero();
            }
            System.out.printf("SuspendOracleTest: seed=%d executed=%d statements in %d transactions (%d resumed, %d committed "
                    + "while suspended); %d queue entries and %d stale TVIEW states seen while suspended; all exact after%n",
                    oracle.seed(), executed, transactions, resumed, committedSuspended, queuedEntries, staleWhileSuspended);
            assertThat(queuedEntries).as("work was queued while suspended").isPositive();
            assertThat(staleWhileSuspended).as("TVIEWs were stale while suspended (else the test proves nothing)").isPositive();
        }
    }
}

package dev.tviews.common.runtime.concurrency;

import static dev.tviews.testsupport.Jdbc.exec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.common.RuntimeInstaller;
import dev.tviews.testsupport.Jdbc;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The oracle after every statement on the nested model of {@link NestedModel}, whose statements cascade through
 * up to four TVIEW levels (deferred and refreshed rank by rank, cascade.sql): the single-row statements of the
 * lock-order test, statements that touch many rows of several levels at once, and transactions of several
 * statements (a later statement starting again at rank 0). Seeded: {@code -Dtviews.nested.seed} reproduces a run,
 * {@code -Dtviews.nested.statements} sets its length.
 */
@PostgresTest
class NestedCascadeOracleTest {

    private static final int STATEMENTS = Integer.getInteger("tviews.nested.statements", 600);

    /** Statements touching many rows, at several levels at once. */
    private static final List<IntFunction<String>> WIDE = List.of(
            n -> "UPDATE tb_post SET title = 'wide %d' WHERE fk_user IN (SELECT pk_user FROM tb_user WHERE fk_org = %d)"
                    .formatted(n, 1 + n % NestedModel.ORGS),
            n -> "UPDATE tb_user SET fk_org = %d WHERE pk_user %% 3 = %d".formatted(1 + n % NestedModel.ORGS, n % 3),
            n -> "DELETE FROM tb_comment WHERE fk_post = %d".formatted(1 + n % NestedModel.POSTS),
            n -> "INSERT INTO tb_comment SELECT 5000 + %d * 10 + g, %d, 1 + g, 'batch' FROM generate_series(0, 4) g"
                    .formatted(n, 1 + n % NestedModel.POSTS),
            n -> "UPDATE tb_org SET name = name || '+'",
            n -> "UPDATE tb_comment SET text = text || '.' WHERE pk_comment %% 7 = %d".formatted(n % 7),
            // about a hundred comments change key and author at once: keys vanish and appear, rows move
            n -> "UPDATE tb_comment SET pk_comment = pk_comment + 1000000, fk_user = %d WHERE pk_comment %% 37 = %d"
                    .formatted(1 + n % NestedModel.USERS, n % 37));

    @Test
    void everyTViewEqualsItsViewAfterEveryStatement(TestDatabase db) throws SQLException {
        long seed = Long.getLong("tviews.nested.seed", System.nanoTime());
        System.out.printf("NestedCascadeOracleTest: seed=%d (-Dtviews.nested.seed=%d reproduces), %d statements%n", seed, seed, STATEMENTS);
        Random random = new Random(seed);
        try (Connection c = db.connect()) {
            new RuntimeInstaller(c).install();
            exec(c, NestedModel.SCHEMA);
            // comment was registered before post read it: registering post regenerated comment, so statements on
            // tb_comment defer their cascades and end in the drain (registration.sql, cascade.sql)
            assertThat(Jdbc.column(c, "SELECT tgname FROM pg_trigger WHERE tgrelid = 'tb_comment'::regclass "
                    + "AND tgname LIKE 'tviews\\_zz\\_drain\\_%' ORDER BY 1"))
                    .containsExactly("tviews_zz_drain_del", "tviews_zz_drain_ins", "tviews_zz_drain_upd");
            assertThat(Jdbc.string(c, "SELECT pg_tviews_generated_sql('comment')")).contains("set_config('tviews.defer', 'on', true)");
            int transactions = 0;
            for (int n = 0; n < STATEMENTS; ) {
                boolean several = random.nextInt(4) == 0;
                c.setAutoCommit(!several);
                int length = several ? 2 + random.nextInt(3) : 1;
                for (int i = 0; i < length && n < STATEMENTS; i++, n++) {
                    String sql = next(random, n);
                    try {
                        exec(c, sql);
                    } catch (SQLException e) {
                        throw new AssertionError("seed " + seed + ", statement " + n + ": " + sql + ": " + e.getMessage(), e);
                    }
                    assertThat(stale(c)).as("seed %d, after statement %d: %s", seed, n, sql).isEmpty();
                }
                if (several) {
                    c.commit();
                    transactions++;
                }
            }
            c.setAutoCommit(true);
            assertThat(stale(c)).as("seed %d, at the end", seed).isEmpty();
            assertThat(Jdbc.number(c, "SELECT count(*) FROM tv_org")).isEqualTo(NestedModel.ORGS);
            System.out.printf("NestedCascadeOracleTest: seed=%d: %d statements (%d transactions of several), every TVIEW exact after each%n",
                    seed, STATEMENTS, transactions);
        }
    }

    private static String next(Random random, int n) {
        List<IntFunction<String>> kinds = random.nextInt(3) == 0 ? WIDE : NestedModel.KINDS;
        return kinds.get(random.nextInt(kinds.size())).apply(n);
    }

    private static List<String> stale(Connection c) throws SQLException {
        return Jdbc.column(c, "SELECT entity || ': ' || missing_rows || '/' || extra_rows || '/' || differing_rows "
                + "FROM pg_tviews_verify() WHERE missing_rows + extra_rows + differing_rows > 0");
    }
}

package dev.tviews.common.runtime;

import static dev.tviews.common.runtime.RuntimeFixture.staleTViews;
import static dev.tviews.testsupport.Jdbc.exec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.common.RuntimeInstaller;
import dev.tviews.testsupport.Jdbc;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An upgrade from the previous released runtime (0.2.0, its install script kept as a test resource):
 * TVIEWs registered and written under 0.2.0 are derived again by this runtime (lineage from the
 * analysed query, new code) and stay exact, then the oracle's random writes run on the upgraded
 * database. Seeded: {@code -Dtviews.upgrade.seed=<seed>}.
 */
@PostgresTest
class UpgradeTest {

    private static final int STATEMENTS = Integer.getInteger("tviews.upgrade.statements", 1_500);

    @Test
    void tviewsRegisteredUnderThePreviousRuntimeStayExactAfterTheUpgrade(TestDatabase db) throws Exception {
        long seed = OracleSchema.seed("UpgradeTest", "tviews.upgrade.seed", "statements=" + STATEMENTS);
        Random random = new Random(seed);
        RandomStatements statements = new RandomStatements(random, db.serverMajorVersion() >= 15);
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute(previousRuntime());
            }
            c.commit();
            c.setAutoCommit(true);
            assertThat(Jdbc.string(c, "SELECT pg_tviews_version()")).isEqualTo("0.2.0");
            exec(c, OracleSchema.TABLES);
            for (String[] tview : OracleSchema.TVIEWS) {
                exec(c, "SELECT pg_tviews_create('" + tview[0] + "', $q$" + tview[1] + "$q$)");
            }
            for (int i = 0; i < 200; i++) {
                StatementRunner.run(c, statements.next());
            }
            assertThat(staleTViews(c)).as("under 0.2.0").isEmpty();

            new RuntimeInstaller(c).install();
            assertThat(Jdbc.string(c, "SELECT pg_tviews_version()")).isNotEqualTo("0.2.0");
            assertThat(Jdbc.string(c, "SELECT count(*) FROM pg_tview_source WHERE refresh_mode = 'incremental' AND walks IS NULL"))
                    .as("every incremental relation has walks derived by the new runtime").isEqualTo("0");
            assertThat(staleTViews(c)).as("right after the upgrade").isEmpty();

            for (int i = 0; i < STATEMENTS; i++) {
                String sql = statements.next();
                StatementRunner.run(c, sql);
                assertThat(staleTViews(c)).as("seed %d, statement %d after the upgrade: %s", seed, i, sql).isEmpty();
            }
            System.out.printf("UpgradeTest: seed=%d 0.2.0 -> %s, %d statements after the upgrade, every TVIEW exact after each%n",
                    seed, Jdbc.string(c, "SELECT pg_tviews_version()"), STATEMENTS);
        }
    }

    private static String previousRuntime() throws IOException {
        try (InputStream in = UpgradeTest.class.getResourceAsStream("/upgrade/tviews-runtime-0.2.0.sql.txt")) {
            assertThat(in).as("the 0.2.0 install script among the test resources").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

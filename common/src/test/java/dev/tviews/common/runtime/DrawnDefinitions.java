package dev.tviews.common.runtime;

import static dev.tviews.testsupport.Jdbc.exec;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;

/**
 * The two outcomes of a drawn definition in the tests of orders and of values the plan decides: refused (0A000 with
 * its reason, nothing changed), or accepted and exact after each of a number of writes, read back under plans forced
 * to hash, sort and scan otherwise.
 */
final class DrawnDefinitions {

    /** Plans the oracle reads the view with: the TVIEW must equal the view under each. */
    static final List<String[]> PLANS = List.of(
            new String[] {},
            new String[] {"SET enable_hashagg = off", "SET enable_hashjoin = off"},
            new String[] {"SET work_mem = '64kB'", "SET enable_indexscan = off", "SET enable_bitmapscan = off"},
            new String[] {"SET enable_seqscan = off", "SET enable_sort = off"});

    private DrawnDefinitions() {
    }

    /** Registering {@code definition} as {@code entity} fails with 0A000 saying {@code reason}, and changes nothing. */
    static void assertRefused(Connection c, String entity, String definition, String reason, String what) throws SQLException {
        List<String> before = RuntimeFixture.catalogSnapshot(c);
        String message = RuntimeFixture.errorMessage(c, "0A000", "SELECT pg_tviews_create('" + entity + "', $q$" + definition + "$q$)");
        assertThat(message).as(what).contains(reason);
        assertThat(RuntimeFixture.catalogSnapshot(c)).as("nothing changed: " + what).isEqualTo(before);
    }

    /** Registers {@code definition}, then after each of {@code writes} writes checks it under every plan; drops it. */
    static void assertStaysExact(Connection c, String entity, String definition, long seed, String what, int writes, Supplier<String> write)
            throws SQLException {
        try {
            exec(c, "SELECT pg_tviews_create('" + entity + "', $q$" + definition + "$q$)");
        } catch (SQLException e) {
            throw new AssertionError("refused, though it should be accepted: " + what, e);
        }
        for (int w = 0; w < writes; w++) {
            String sql = write.get();
            exec(c, sql);
            for (String[] plan : PLANS) {
                exec(c, plan);
                ViewShapeOracleTest.assertExact(c, entity, definition, seed, "write " + w + " (" + sql + ") under " + String.join("; ", plan));
                exec(c, "RESET ALL");
            }
        }
        exec(c, "SELECT pg_tviews_drop('" + entity + "')");
    }
}

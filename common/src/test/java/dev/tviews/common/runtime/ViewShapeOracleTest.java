package dev.tviews.common.runtime;

import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.number;
import static dev.tviews.testsupport.Jdbc.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tviews.testsupport.Jdbc;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The differential test of view shapes: random definitions from {@link ViewShapes} are registered,
 * then random writes run; after EVERY statement each TVIEW must equal a fresh evaluation of its view,
 * compared as the text a client reads, as multisets (duplicates and NULL keys count). The oracle is
 * computed here, independently of pg_tviews_verify. Seeded and reproducible:
 * {@code -Dtviews.shapes.seed=<seed> -Dtviews.shapes.views=<n> -Dtviews.shapes.statements=<n>}.
 */
@PostgresTest
class ViewShapeOracleTest {

    private static final int VIEWS = Integer.getInteger("tviews.shapes.views", 14);
    private static final int STATEMENTS = Integer.getInteger("tviews.shapes.statements", 1_500);

    @Test
    void everyGeneratedShapeStaysExactAfterEveryStatement(TestDatabase db) throws Exception {
        long seed = Long.getLong("tviews.shapes.seed", System.nanoTime());
        System.out.printf("ViewShapeOracleTest: seed=%d views=%d statements=%d (reproduce with -Dtviews.shapes.seed=%d)%n",
                seed, VIEWS, STATEMENTS, seed);
        Random random = new Random(seed);
        ViewShapes shapes = new ViewShapes(random);
        try (Connection c = RuntimeFixture.connectWithRuntime(db)) {
            exec(c, ViewShapes.TABLES);
            for (int i = 0; i < 40; i++) {
                runWrite(c, shapes.write());
            }
            Map<String, String> definitions = new LinkedHashMap<>();
            for (int i = 0; i < VIEWS; i++) {
                String entity = "shape" + i;
                String definition = shapes.definition(entity);
                definitions.put(entity, definition);
                try {
                    exec(c, "SELECT pg_tviews_create('" + entity + "', $q$" + definition + "$q$)");
                } catch (SQLException e) {
                    fail("seed %d: registering %s failed (%s): %s%n%s", seed, entity, e.getSQLState(), e.getMessage(), definition);
                }
                assertExact(c, entity, definition, seed, "after registration");
            }
            int refused = 0;
            for (int i = 0; i < STATEMENTS; i++) {
                String sql = shapes.write();
                if (!runWrite(c, sql)) {
                    refused++;
                }
                for (Map.Entry<String, String> e : definitions.entrySet()) {
                    assertExact(c, e.getKey(), e.getValue(), seed, "statement " + i + ": " + sql);
                }
            }
            long full = number(c, "SELECT count(*) FROM pg_tview_source WHERE refresh_mode = 'full'");
            long incremental = number(c, "SELECT count(*) FROM pg_tview_source WHERE refresh_mode = 'incremental'");
            System.out.printf("ViewShapeOracleTest: seed=%d %d statements (%d refused by constraints), %d TVIEWs exact after each; "
                    + "relations read incrementally %d, in full %d%n", seed, STATEMENTS, refused, definitions.size(), incremental, full);
            assertThat(incremental).as("most relations are followed incrementally").isGreaterThan(full);
        }
    }

    /** Runs a write; false when a constraint (class 23, not a tviews error) refused it. */
    private static boolean runWrite(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23") && !String.valueOf(e.getMessage()).contains("tviews")) {
                return false;
            }
            throw new SQLException("Statement failed: " + sql + ": " + e.getMessage(), e.getSQLState(), e);
        }
    }

    /** The rows of tv_entity and of v_entity, on the view's columns, as text multisets: equal or the test fails. */
    static void assertExact(Connection c, String entity, String definition, long seed, String when) throws SQLException {
        String columns = string(c, "SELECT string_agg(format('x.%I', attname), ', ' ORDER BY attnum) FROM pg_attribute "
                + "WHERE attrelid = 'v_" + entity + "'::regclass AND attnum > 0 AND NOT attisdropped");
        String differences = "(SELECT ROW(" + columns + ")::text AS r FROM v_" + entity + " x EXCEPT ALL SELECT ROW(" + columns
                + ")::text FROM tv_" + entity + " x) UNION ALL (SELECT ROW(" + columns + ")::text FROM tv_" + entity
                + " x EXCEPT ALL SELECT ROW(" + columns + ")::text FROM v_" + entity + " x)";
        List<String> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); var rs = st.executeQuery(differences + " LIMIT 6")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        if (!rows.isEmpty()) {
            fail("seed %d, %s: tv_%s differs from its view (rows on one side only: %s)%nlineage: %s%ndefinition:%n%s", seed, when, entity, rows,
                    string(c, "SELECT string_agg(source_oid::text || ' ' || refresh_mode || ' ' || coalesce(walks::text, reason), E'\\n') "
                            + "FROM pg_tview_source WHERE entity_name = '" + entity + "'"),
                    definition);
        }
    }
}

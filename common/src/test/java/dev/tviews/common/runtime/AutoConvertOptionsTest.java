package dev.tviews.common.runtime;

import static dev.tviews.common.runtime.RuntimeFixture.connectWithRuntime;
import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.number;
import static dev.tviews.testsupport.Jdbc.rows;
import static dev.tviews.testsupport.Jdbc.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * pg_tviews_auto_convert's options from psql, the way every tool passes them: include/exclude, per-entity
 * overrides, several schemas, dry run, bad options refused with 22023; and one call converting hundreds of tv_
 * tables, its time printed for 50, 100 and 200 tables (linear growth is read from the output, not asserted).
 */
@PostgresTest
class AutoConvertOptionsTest {

    private static void entities(Connection c, String schema, String... names) throws SQLException {
        exec(c, "CREATE SCHEMA " + schema);
        for (String name : names) {
            exec(c, String.format(Locale.ROOT, """
                    CREATE TABLE %1$s.tb_%2$s (pk_%2$s BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, label TEXT NOT NULL);
                    CREATE TABLE %1$s.tv_%2$s (pk_%2$s BIGINT PRIMARY KEY, data JSONB);
                    INSERT INTO %1$s.tb_%2$s (label) VALUES ('one'), ('two');
                    """, schema, name));
        }
    }

    @Test
    void includeExcludeAndOverridesDecidePerEntity(TestDatabase db) throws SQLException {
        try (Connection c = connectWithRuntime(db)) {
            entities(c, "opt_a", "post", "post_archive", "user", "comment");
            List<List<String>> report = rows(c, """
                    SELECT entity, status, message FROM pg_tviews_auto_convert('opt_a', '{
                        "include": ["post*", "u?er", "headline"], "exclude": ["post_archive"],
                        "entities": {"user": {"fk_columns": ["label"], "mode": "sync"},
                                     "headline": {"select": "SELECT pk_post AS pk_headline, upper(label) AS label FROM opt_a.tb_post"}}}')
                     ORDER BY entity""");

            assertThat(report).extracting(r -> r.get(0) + "=" + r.get(1)).containsExactly(
                    "comment=SKIPPED", "headline=CREATED", "post=CREATED", "post_archive=SKIPPED", "user=CREATED");
            assertThat(report.get(0).get(2)).isEqualTo("matches no include pattern [post*, u?er, headline]");
            assertThat(report.get(3).get(2)).isEqualTo("excluded by pattern post_archive (exclude)");
            assertThat(report.get(1).get(2)).startsWith("created opt_a.tv_headline from the configured select (2 rows) in ");
            assertThat(string(c, "SELECT label FROM opt_a.tv_headline WHERE pk_headline = 1")).isEqualTo("ONE");
            assertThat(string(c, "SELECT fk_columns::text || ' ' || options::text FROM pg_tview_meta WHERE entity_name = 'user'"))
                    .isEqualTo("{label} {\"mode\": \"sync\"}");

            // the same call again changes nothing; a changed fk_columns is a REPLACED registration
            assertThat(rows(c, "SELECT status FROM pg_tviews_auto_convert('opt_a', '{\"include\": [\"post\", \"user\"]}') ORDER BY entity"))
                    .extracting(r -> r.get(0)).containsExactly("SKIPPED", "SKIPPED", "UNCHANGED", "SKIPPED", "UNCHANGED");
            assertThat(string(c, "SELECT status FROM pg_tviews_auto_convert('opt_a', "
                    + "'{\"include\": [\"user\"], \"entities\": {\"user\": {\"fk_columns\": []}}}') WHERE entity = 'user'"))
                    .isEqualTo("REPLACED");
        }
    }

    @Test
    void severalSchemasInOneCallAndQualifiedPatterns(TestDatabase db) throws SQLException {
        try (Connection c = connectWithRuntime(db)) {
            entities(c, "opt_b1", "item");
            entities(c, "opt_b2", "note", "memo");
            List<List<String>> report = rows(c, """
                    SELECT schema_name, entity, status FROM pg_tviews_auto_convert(NULL,
                        '{"schemas": ["opt_b1", "opt_b2"], "exclude": ["opt_b2.m*"]}') ORDER BY 1, 2""");
            assertThat(report).extracting(r -> String.join(".", r)).containsExactly(
                    "opt_b1.item.CREATED", "opt_b2.memo.SKIPPED", "opt_b2.note.CREATED");

            List<List<String>> plan = rows(c, """
                    SELECT schema_name, entity, action FROM pg_tviews_auto_convert_plan(NULL,
                        '{"schemas": ["opt_b2"], "entities": {"opt_b1.item": {}}}') ORDER BY 1, 2""");
            assertThat(plan).extracting(r -> String.join(" ", r)).containsExactly(
                    "opt_b1 item error: entities.opt_b1.item is configured, but schema opt_b1 is not converted (schemas: [opt_b2])",
                    "opt_b2 memo create",
                    "opt_b2 note create or replace with the generated view");
        }
    }

    @Test
    void aDryRunReportsWhatARunWouldDoAndKeepsNothing(TestDatabase db) throws SQLException {
        try (Connection c = connectWithRuntime(db)) {
            entities(c, "opt_c", "alpha", "beta");
            exec(c, "CREATE VIEW opt_c.v_beta AS SELECT label FROM opt_c.tb_beta");

            List<List<String>> report = rows(c,
                    "SELECT entity, status, message FROM pg_tviews_auto_convert('opt_c', '{\"dry_run\": true}') ORDER BY entity");

            assertThat(report).extracting(r -> r.get(0) + "=" + r.get(1)).containsExactly("alpha=CREATED", "beta=ERROR");
            assertThat(report.get(0).get(2)).startsWith("dry run, rolled back: created opt_c.tv_alpha");
            assertThat(report.get(1).get(2)).contains("has no key column").contains("pk_beta");
            assertThat(number(c, "SELECT count(*) FROM pg_tview_meta WHERE schema_name = 'opt_c'")).isZero();
            assertThat(number(c, "SELECT count(*) FROM pg_class WHERE relname = 'v_alpha'")).isZero();
        }
    }

    @Test
    void badOptionsAreRefusedWithTheirFix(TestDatabase db) throws SQLException {
        try (Connection c = connectWithRuntime(db)) {
            for (String options : List.of("[]", "{\"inclde\": []}", "{\"include\": \"post\"}", "{\"include\": [\"a.b.c\"]}",
                    "{\"entities\": {\"post\": {\"selct\": \"x\"}}}", "{\"dry_run\": \"yes\"}", "{\"schemas\": []}")) {
                assertThatThrownBy(() -> rows(c, "SELECT * FROM pg_tviews_auto_convert(NULL, '" + options + "')"))
                        .as(options).isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22023"));
            }
            assertThatThrownBy(() -> rows(c, "SELECT * FROM pg_tviews_auto_convert('public', '{\"schemas\": [\"public\"]}')"))
                    .hasMessageContaining("given twice");
            assertThatThrownBy(() -> rows(c, "SELECT * FROM pg_tviews_auto_convert(NULL, '{\"schemas\": [\"public\", \"nope\"]}')"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("3F000"));
        }
    }

    @Test
    void hundredsOfTvTablesConvertInOneCall(TestDatabase db) throws SQLException {
        try (Connection c = connectWithRuntime(db)) {
            for (int size : new int[] {50, 100, 200}) {
                String schema = "opt_many_" + size;
                String[] names = new String[size];
                for (int i = 0; i < size; i++) {
                    names[i] = String.format(Locale.ROOT, "e%03d_%d", i, size);
                }
                entities(c, schema, names);

                long started = System.nanoTime();
                List<List<String>> report = rows(c, "SELECT status FROM pg_tviews_auto_convert('" + schema + "')");
                double ms = (System.nanoTime() - started) / 1e6;

                assertThat(report).hasSize(size).allSatisfy(r -> assertThat(r.get(0)).isEqualTo("CREATED"));
                assertThat(number(c, "SELECT count(*) FROM pg_tview_meta WHERE schema_name = '" + schema + "'")).isEqualTo(size);
                System.out.printf(Locale.ROOT, "auto-convert of %d tv_ tables in one call: %.0f ms (%.2f ms per table)%n",
                        size, ms, ms / size);
            }
        }
    }
}

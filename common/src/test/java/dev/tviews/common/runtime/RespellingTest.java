package dev.tviews.common.runtime;

import static dev.tviews.testsupport.Jdbc.exec;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tviews.testsupport.Jdbc;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writes that change a value only into another spelling of it: equal to "=" (and to the column's collation), printed
 * differently (numeric 1.0 and 1.00, float -0 and 0, interval 1 day and 24 hours, jsonb 1 and 1.0, 'a' and 'A' under a
 * nondeterministic collation, in arrays, varchar and a domain of it). The TVIEW must follow each, read directly, inside jsonb and through a
 * join, on the single-key, few-keys and bulk paths. Every pair of spellings of every group is written, both ways.
 */
class RespellingTest extends RuntimeConnectionTest {

    /** A column and groups of spellings of one value each. */
    record Column(String name, String type, List<List<String>> equalSpellings) {
        @Override
        public String toString() {
            return name + " " + type;
        }
    }

    static List<Column> columns() {
        return List.of(
                new Column("price", "numeric", List.of(List.of("1", "1.0", "1.00"), List.of("0", "-0.0"))),
                new Column("weight", "float8", List.of(List.of("0", "'-0'"))),
                new Column("span", "interval", List.of(List.of("'1 day'", "'24 hours'"))),
                new Column("doc", "jsonb", List.of(List.of("'1'", "'1.0'"), List.of("'{\"a\": 1}'", "'{\"a\": 1.00}'"))),
                new Column("nick", "text COLLATE tviews_test_ci", List.of(List.of("'a'", "'A'"))),
                new Column("nicks", "text[] COLLATE tviews_test_ci", List.of(List.of("ARRAY['a', 'b']", "ARRAY['A', 'b']"))),
                new Column("code", "varchar(10) COLLATE tviews_test_ci", List.of(List.of("'ab'", "'AB'", "'aB'"))),
                // a domain that carries the collation itself
                new Column("handle", "tviews_test_cit", List.of(List.of("'x'", "'X'"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("columns")
    void everyRespellingReachesTheTView(Column column) throws SQLException {
        boolean icu = Jdbc.number(c, "SELECT count(*) FROM pg_collation WHERE collprovider = 'i'") > 0;
        assumeTrue(icu || !column.type().contains("tviews_test_ci"),
                "a nondeterministic collation needs ICU");
        exec(c, "SELECT pg_tviews_drop(entity_name, true, true) FROM pg_tview_meta", "DROP TABLE IF EXISTS tb_item, tb_part CASCADE");
        if (icu) {
            exec(c, "CREATE COLLATION IF NOT EXISTS tviews_test_ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false)",
                    "DROP DOMAIN IF EXISTS tviews_test_cit", "CREATE DOMAIN tviews_test_cit AS text COLLATE tviews_test_ci");
        }
        exec(c, "CREATE TABLE tb_item (pk_item bigint PRIMARY KEY, " + column.name() + " " + column.type() + ")",
                "CREATE TABLE tb_part (pk_part bigint PRIMARY KEY, fk_item bigint NOT NULL REFERENCES tb_item)",
                "INSERT INTO tb_item SELECT g, " + column.equalSpellings().get(0).get(0) + " FROM generate_series(1, 300) g",
                "INSERT INTO tb_part SELECT g, g FROM generate_series(1, 300) g");
        String col = column.name();
        List<String> definitions = List.of(
                "SELECT pk_item AS pk_direct, " + col + " AS v FROM tb_item",
                "SELECT pk_item AS pk_wrapped, jsonb_build_object('v', " + col + ") AS v FROM tb_item",
                "SELECT p.pk_part AS pk_joined, i." + col + " AS v FROM tb_part p JOIN tb_item i ON i.pk_item = p.fk_item");
        List<String> entities = List.of("direct", "wrapped", "joined");
        for (int i = 0; i < definitions.size(); i++) {
            exec(c, "SELECT pg_tviews_create('" + entities.get(i) + "', $q$" + definitions.get(i) + "$q$)");
        }
        List<String> writes = new ArrayList<>();
        for (List<String> group : column.equalSpellings()) {
            for (String from : group) {
                for (String to : group) {
                    if (!from.equals(to)) {
                        writes.add("UPDATE tb_item SET " + col + " = " + from);
                        writes.add("UPDATE tb_item SET " + col + " = " + to + " WHERE pk_item = 1");
                        writes.add("UPDATE tb_item SET " + col + " = " + to + " WHERE pk_item <= 3");
                        writes.add("UPDATE tb_item SET " + col + " = " + to);
                    }
                }
            }
        }
        for (String write : writes) {
            exec(c, write);
            for (int i = 0; i < definitions.size(); i++) {
                ViewShapeOracleTest.assertExact(c, entities.get(i), definitions.get(i), 0, column + ": after " + write);
            }
        }
    }
}

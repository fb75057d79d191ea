package dev.tviews.common.compat;

import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tviews.common.RuntimeInstaller;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runtime bugs found while restating the native pg_tviews SQL tests (docs/compatibility-native.md,
 * "Runtime bugs found"), kept as regression tests now that they are fixed: a relation whose virtual
 * generated columns (PostgreSQL 18) the view reads is refreshed in full, since transition tables do
 * not carry them.
 */
@PostgresTest
class VirtualGeneratedColumnTest {

    /** Tables and a TVIEW set up, one write, then what each query must answer. */
    record Case(String name, String setup, String write, Map<String, String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("a virtual generated column of a joined table follows its input", """
                        CREATE TABLE tb_vshop (pk_vshop int PRIMARY KEY, name text, code text GENERATED ALWAYS AS (upper(name)));
                        CREATE TABLE tb_vitem (pk_vitem int PRIMARY KEY, fk_vshop int);
                        INSERT INTO tb_vshop VALUES (1, 's1'); INSERT INTO tb_vitem VALUES (1, 1);
                        SELECT pg_tviews_create('vitem', $$SELECT i.pk_vitem, s.code FROM tb_vitem i JOIN tb_vshop s ON s.pk_vshop = i.fk_vshop$$)""",
                        "UPDATE tb_vshop SET name = 'zz'",
                        Map.of("SELECT code FROM v_vitem", "ZZ", "SELECT code FROM tv_vitem", "ZZ")),
                new Case("a join on a virtual generated column follows its input", """
                        CREATE TABLE tb_vtag (pk_vtag int PRIMARY KEY, raw text, norm text GENERATED ALWAYS AS (lower(raw)));
                        CREATE TABLE tb_vnote (pk_vnote int PRIMARY KEY, tag text);
                        INSERT INTO tb_vtag VALUES (1, 'A'); INSERT INTO tb_vnote VALUES (1, 'a'), (2, 'b');
                        SELECT pg_tviews_create('vnote', $$SELECT n.pk_vnote, t.pk_vtag AS tagged FROM tb_vnote n LEFT JOIN tb_vtag t ON t.norm = n.tag$$)""",
                        "UPDATE tb_vtag SET raw = 'B'",
                        Map.of("SELECT string_agg(pk_vnote || '=' || coalesce(tagged::text, '-'), ',' ORDER BY pk_vnote) FROM tv_vnote",
                                "1=-,2=1")),
                new Case("a write to a table with a virtual generated column succeeds", """
                        CREATE TABLE tb_vcat (pk_vcat int PRIMARY KEY, name text, name_up text GENERATED ALWAYS AS (upper(name)));
                        CREATE TABLE tb_vgood (pk_vgood int PRIMARY KEY, fk_vcat int);
                        INSERT INTO tb_vcat VALUES (1, 'c1'); INSERT INTO tb_vgood VALUES (1, 1);
                        SELECT pg_tviews_create('vgood', $$SELECT g.pk_vgood, c.name, c.name_up FROM tb_vgood g JOIN tb_vcat c ON c.pk_vcat = g.fk_vcat$$)""",
                        "UPDATE tb_vcat SET name = 'c2'",
                        Map.of("SELECT name || ' ' || name_up FROM tv_vgood", "c2 C2")),
                new Case("a write to the TVIEW's own table with a virtual generated column succeeds", """
                        CREATE TABLE tb_vprod (pk_vprod int PRIMARY KEY, price numeric, taxed numeric GENERATED ALWAYS AS (price * 1.2));
                        INSERT INTO tb_vprod VALUES (1, 10);
                        SELECT pg_tviews_create('vprod', $$SELECT pk_vprod, jsonb_build_object('price', price, 'taxed', taxed) AS data FROM tb_vprod$$)""",
                        "UPDATE tb_vprod SET price = 15",
                        Map.of("SELECT data->>'taxed' FROM tv_vprod", "18.0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theTViewFollowsTheWrite(Case test, TestDatabase db) throws SQLException {
        assumeTrue(db.serverMajorVersion() >= 18, "virtual generated columns need PostgreSQL 18");
        try (Connection c = db.connect()) {
            new RuntimeInstaller(c).install();
            exec(c, test.setup());
            exec(c, test.write());
            for (Map.Entry<String, String> query : test.expected().entrySet()) {
                assertThat(string(c, query.getKey())).as(query.getKey()).isEqualTo(query.getValue());
            }
        }
    }
}

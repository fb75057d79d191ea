package dev.tviews.common.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tviews.common.RuntimeInstaller;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Runtime bugs found while restating the native pg_tviews SQL tests (docs/compatibility-native.md,
 * "Runtime bugs found"), kept as regression tests now that they are fixed: a relation whose virtual
 * generated columns (PostgreSQL 18) the view reads is refreshed in full, since transition tables do
 * not carry them.
 */
@PostgresTest
class VirtualGeneratedColumnTest {

    @Test
    void aVirtualGeneratedColumnOfAJoinedTableFollowsItsInput(TestDatabase db) throws SQLException {
        assumeTrue(db.serverMajorVersion() >= 18, "virtual generated columns need PostgreSQL 18");
        try (Connection c = connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE tb_vshop (pk_vshop int PRIMARY KEY, name text, code text GENERATED ALWAYS AS (upper(name)))");
            st.execute("CREATE TABLE tb_vitem (pk_vitem int PRIMARY KEY, fk_vshop int)");
            st.execute("INSERT INTO tb_vshop VALUES (1, 's1'); INSERT INTO tb_vitem VALUES (1, 1)");
            st.execute("SELECT pg_tviews_create('vitem', $$SELECT i.pk_vitem, s.code FROM tb_vitem i JOIN tb_vshop s ON s.pk_vshop = i.fk_vshop$$)");
            st.execute("UPDATE tb_vshop SET name = 'zz'");
            assertThat(string(st, "SELECT code FROM v_vitem")).isEqualTo("ZZ");
            assertThat(string(st, "SELECT code FROM tv_vitem")).isEqualTo("ZZ");
        }
    }

    @Test
    void aJoinOnAVirtualGeneratedColumnFollowsItsInput(TestDatabase db) throws SQLException {
        assumeTrue(db.serverMajorVersion() >= 18, "virtual generated columns need PostgreSQL 18");
        try (Connection c = connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE tb_vtag (pk_vtag int PRIMARY KEY, raw text, norm text GENERATED ALWAYS AS (lower(raw)))");
            st.execute("CREATE TABLE tb_vnote (pk_vnote int PRIMARY KEY, tag text)");
            st.execute("INSERT INTO tb_vtag VALUES (1, 'A'); INSERT INTO tb_vnote VALUES (1, 'a'), (2, 'b')");
            st.execute("SELECT pg_tviews_create('vnote', $$SELECT n.pk_vnote, t.pk_vtag AS tagged FROM tb_vnote n LEFT JOIN tb_vtag t ON t.norm = n.tag$$)");
            st.execute("UPDATE tb_vtag SET raw = 'B'");
            assertThat(string(st, "SELECT string_agg(pk_vnote || '=' || coalesce(tagged::text, '-'), ',' ORDER BY pk_vnote) FROM tv_vnote"))
                    .isEqualTo("1=-,2=1");
        }
    }

    @Test
    void aWriteToATableWithAVirtualGeneratedColumnSucceeds(TestDatabase db) throws SQLException {
        assumeTrue(db.serverMajorVersion() >= 18, "virtual generated columns need PostgreSQL 18");
        try (Connection c = connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE tb_vcat (pk_vcat int PRIMARY KEY, name text, name_up text GENERATED ALWAYS AS (upper(name)))");
            st.execute("CREATE TABLE tb_vgood (pk_vgood int PRIMARY KEY, fk_vcat int)");
            st.execute("INSERT INTO tb_vcat VALUES (1, 'c1'); INSERT INTO tb_vgood VALUES (1, 1)");
            st.execute("SELECT pg_tviews_create('vgood', $$SELECT g.pk_vgood, c.name, c.name_up FROM tb_vgood g JOIN tb_vcat c ON c.pk_vcat = g.fk_vcat$$)");
            st.execute("UPDATE tb_vcat SET name = 'c2'");
            assertThat(string(st, "SELECT name || ' ' || name_up FROM tv_vgood")).isEqualTo("c2 C2");
        }
    }

    @Test
    void aWriteToTheTViewsOwnTableWithAVirtualGeneratedColumnSucceeds(TestDatabase db) throws SQLException {
        assumeTrue(db.serverMajorVersion() >= 18, "virtual generated columns need PostgreSQL 18");
        try (Connection c = connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE tb_vprod (pk_vprod int PRIMARY KEY, price numeric, taxed numeric GENERATED ALWAYS AS (price * 1.2))");
            st.execute("INSERT INTO tb_vprod VALUES (1, 10)");
            st.execute("SELECT pg_tviews_create('vprod', $$SELECT pk_vprod, jsonb_build_object('price', price, 'taxed', taxed) AS data FROM tb_vprod$$)");
            st.execute("UPDATE tb_vprod SET price = 15");
            assertThat(string(st, "SELECT data->>'taxed' FROM tv_vprod")).isEqualTo("18.0");
        }
    }

    private static Connection connect(TestDatabase db) throws SQLException {
        Connection c = db.connect();
        new RuntimeInstaller(c).install();
        return c;
    }

    private static String string(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}

package dev.tviews.liquibase;

import static dev.tviews.testsupport.Jdbc.column;
import static dev.tviews.testsupport.Jdbc.exec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tviews.testsupport.Jdbc;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** autoConvert over a schema where one tv_ table cannot be converted. */
@PostgresTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoConvertTest {

    @BeforeAll
    static void schema(TestDatabase db) throws Exception {
        exec(db, "CREATE SCHEMA app",
                "CREATE TABLE app.tb_good (pk_good bigint PRIMARY KEY, name text NOT NULL)",
                "CREATE TABLE app.tv_good (pk_good bigint PRIMARY KEY, data jsonb NOT NULL)",
                "INSERT INTO app.tb_good VALUES (1, 'one')",
                // NOT NULL without a default, and the generated view can't produce it: this one fails.
                "CREATE TABLE app.tb_broken (pk_broken bigint PRIMARY KEY, name text)",
                "CREATE TABLE app.tv_broken (pk_broken bigint PRIMARY KEY, data jsonb NOT NULL, extra text NOT NULL)");
    }

    @Test
    @Order(1)
    void anErrorRowFailsTheChangeSetNamingTheEntity(TestDatabase db) throws Exception {
        assertThatThrownBy(() -> Liquibases.update(db, "e2e/convert-error/changeLog.xml"))
                .hasMessageContaining("e2e/convert-error/changeLog.xml::1-convert::test")
                .hasMessageContaining("tviews: auto-convert of schema app failed for 1 of 2 TVIEW(s): broken: ")
                .hasMessageContaining("app.tv_broken.extra is NOT NULL without a default")
                .hasMessageContaining("set failOnError=\"false\"");
        // The changeSet rolled back as a whole: not even the entity that converted is kept, nor the runtime
        // installed in the same transaction.
        assertThat(Jdbc.string(db, "SELECT to_regclass('app.v_good')::text")).isNull();
        assertThat(Jdbc.string(db, "SELECT to_regclass('public.pg_tview_meta')::text")).isNull();
        assertThat(column(db, "SELECT id FROM databasechangelog")).isEmpty();
    }

    @Test
    @Order(2)
    void failOnErrorFalseKeepsTheOthers(TestDatabase db) throws Exception {
        Liquibases.update(db, "e2e/convert-error/changeLog-keep-going.xml");
        assertThat(column(db, "SELECT entity_name FROM pg_tview_meta")).containsExactly("good");
        assertThat(column(db, "SELECT data->>'name' FROM app.tv_good")).containsExactly("one");
        exec(db, "UPDATE app.tb_good SET name = 'uno'");
        assertThat(column(db, "SELECT data->>'name' FROM app.tv_good")).containsExactly("uno");
    }

    @Test
    @Order(3)
    void includeAndExcludeLeaveTheBrokenOneAlone(TestDatabase db) throws Exception {
        exec(db, "DELETE FROM pg_tview_meta_audit");
        Liquibases.update(db, "e2e/convert-error/changeLog-exclude.xml");
        assertThat(column(db, "SELECT id FROM databasechangelog ORDER BY orderexecuted")).contains("3-convert-excluding");
        assertThat(column(db, "SELECT entity_name FROM pg_tview_meta")).containsExactly("good");
        assertThat(column(db, "SELECT count(*)::text FROM pg_tview_meta_audit WHERE entity_name = 'broken'")).containsExactly("0");
    }

    @Test
    void updateSqlPassesThePatternsToTheRuntime() {
        AutoConvertTViewsChange change = new AutoConvertTViewsChange();
        change.setSchemaName("app");
        change.setInclude("go*, broken");
        change.setExclude("bro?en");
        String sql = TViewsSql.autoConvert("public",
                dev.tviews.common.ConversionRequest.of("app").filtered(java.util.List.of("go*", "broken"), java.util.List.of("bro?en")), true);
        assertThat(sql).contains("public.pg_tviews_auto_convert(NULL, '{\"schemas\":[\"app\"],\"include\":[\"go*\",\"broken\"],"
                + "\"exclude\":[\"bro?en\"]}'::jsonb)");
        assertThat(change.validate(null).getErrorMessages()).isEmpty();
        change.setExclude("a.b.c");
        assertThat(change.validate(null).getErrorMessages()).singleElement().asString().contains("a.b.c is not an entity pattern");
    }
}

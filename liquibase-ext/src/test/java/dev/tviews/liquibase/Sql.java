package dev.tviews.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Small JDBC helpers for the assertions. */
final class Sql {

    private Sql() {
    }

    static void exec(TestDatabase db, String... sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    static String string(TestDatabase db, String sql) throws SQLException {
        List<List<String>> rows = rows(db, sql);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }

    static long number(TestDatabase db, String sql) throws SQLException {
        List<List<String>> rows = rows(db, sql);
        assertThat(rows).as("a row from %s", sql).isNotEmpty();
        return Long.parseLong(rows.get(0).get(0));
    }

    static List<String> column(TestDatabase db, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        for (List<String> row : rows(db, sql)) {
            values.add(row.get(0));
        }
        return values;
    }

    static List<List<String>> rows(TestDatabase db, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** TVIEWs whose table differs from their view; empty when every TVIEW is exact. */
    static List<String> staleTViews(TestDatabase db) throws SQLException {
        return column(db, "SELECT entity FROM pg_tviews_verify() WHERE missing_rows + extra_rows + differing_rows > 0");
    }
}

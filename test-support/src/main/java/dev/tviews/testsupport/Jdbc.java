package dev.tviews.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The JDBC one-liners every test module uses: run statements, read one value, a column, or rows as text. Each has a
 * form on an open {@link Connection} (its transaction and search_path as they are) and one on a {@link TestDatabase}
 * (a connection of its own, auto-commit).
 */
public final class Jdbc {

    private Jdbc() {
    }

    /** Runs each statement (a string may hold several, separated by semicolons). */
    public static void exec(Connection c, String... sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    /** Every row of a query, each column as text ({@code null} for NULL). */
    public static List<List<String>> rows(Connection c, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
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

    /** The first column of every row. */
    public static List<String> column(Connection c, String sql) throws SQLException {
        return rows(c, sql).stream().map(r -> r.get(0)).toList();
    }

    /** Every row as one string, columns joined by {@code |}: handy to compare snapshots. */
    public static List<String> lines(Connection c, String sql) throws SQLException {
        return rows(c, sql).stream().map(r -> String.join("|", r.stream().map(String::valueOf).toList())).toList();
    }

    /** The first column of the first row, or {@code null} when there is no row. */
    public static String string(Connection c, String sql) throws SQLException {
        List<List<String>> rows = rows(c, sql);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }

    /** The first column of the first row as a number; fails when there is no row or it is NULL. */
    public static long number(Connection c, String sql) throws SQLException {
        String value = string(c, sql);
        if (value == null) {
            throw new AssertionError("expected a number from " + sql + ", got no row or NULL");
        }
        return Long.parseLong(value);
    }

    /** {@link #exec(Connection, String...)} on a connection of its own. */
    public static void exec(TestDatabase db, String... sql) throws SQLException {
        try (Connection c = db.connect()) {
            exec(c, sql);
        }
    }

    /** {@link #rows(Connection, String)} on a connection of its own. */
    public static List<List<String>> rows(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect()) {
            return rows(c, sql);
        }
    }

    /** {@link #column(Connection, String)} on a connection of its own. */
    public static List<String> column(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect()) {
            return column(c, sql);
        }
    }

    /** {@link #string(Connection, String)} on a connection of its own. */
    public static String string(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect()) {
            return string(c, sql);
        }
    }

    /** {@link #number(Connection, String)} on a connection of its own. */
    public static long number(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect()) {
            return number(c, sql);
        }
    }
}

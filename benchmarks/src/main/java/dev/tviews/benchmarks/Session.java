package dev.tviews.benchmarks;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One connection to one of the three databases, with its prepared statements kept (so, as in an
 * application, the server plans a statement shape once). Every call runs in one transaction and commits.
 */
public final class Session implements AutoCloseable {

    private final Variant variant;
    private final Connection connection;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    public Session(Variant variant, Connection connection) throws SQLException {
        this.variant = variant;
        this.connection = connection;
        connection.setAutoCommit(false);
    }

    public Variant variant() {
        return variant;
    }

    /** Runs the statements in one transaction (nothing when empty). */
    public void run(List<Sql> statements) throws SQLException {
        if (!statements.isEmpty()) {
            timed(statements);
        }
    }

    /** Runs the statements in one transaction and returns the wall-clock nanoseconds to the commit's end. */
    public long timed(List<Sql> statements) throws SQLException {
        long started = System.nanoTime();
        try {
            for (Sql sql : statements) {
                execute(sql);
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw new SQLException("On the " + variant.label() + " database: " + e.getMessage(), e.getSQLState(), e);
        }
        return System.nanoTime() - started;
    }

    /** A statement outside any transaction (VACUUM, CREATE DATABASE). */
    public void runAlone(String sql) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        } finally {
            connection.setAutoCommit(false);
        }
    }

    /** The rows of a query, each column as text; commits. */
    public List<List<String>> rows(String sql) throws SQLException {
        try {
            return Db.rows(connection, sql);
        } finally {
            connection.commit();
        }
    }

    public String value(String sql) throws SQLException {
        List<List<String>> rows = rows(sql);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }

    private void execute(Sql sql) throws SQLException {
        PreparedStatement ps = prepared.get(sql.text());
        if (ps == null) {
            ps = connection.prepareStatement(sql.text());
            prepared.put(sql.text(), ps);
        }
        List<Object> args = sql.args();
        for (int i = 0; i < args.size(); i++) {
            bind(ps, i + 1, args.get(i));
        }
        ps.execute();
    }

    private void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value instanceof String s) {
            ps.setString(index, s);
        } else if (value instanceof Long || value instanceof Integer) {
            ps.setLong(index, ((Number) value).longValue());
        } else if (value instanceof long[] keys) {
            Long[] boxed = new Long[keys.length];
            for (int i = 0; i < keys.length; i++) {
                boxed[i] = keys[i];
            }
            Array array = connection.createArrayOf("bigint", boxed);
            ps.setArray(index, array);
        } else {
            throw new IllegalArgumentException("Cannot bind " + value + " (" + (value == null ? "null" : value.getClass())
                    + "): use String, Long, Integer or long[].");
        }
    }

    public Connection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement ps : prepared.values()) {
            ps.close();
        }
        connection.close();
    }
}

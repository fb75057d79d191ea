package dev.tviews.common.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;

/** Identifier quoting and the few catalog questions every tviews module asks. */
public final class Sql {

    private Sql() {
    }

    /** {@code "name"}, with embedded double quotes doubled: safe for any identifier. */
    public static String quoteIdent(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** {@code "schema".name}: runtime objects are always named with their schema, whatever the search_path. */
    public static String qualified(String schema, String name) {
        return quoteIdent(schema) + "." + name;
    }

    /** Whether {@code schema} exists. */
    public static boolean schemaExists(Connection connection, String schema) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * The first existing schema of the connection's search_path; when it names none, throws what {@code noSchema}
     * makes (a message saying which setting to give instead).
     */
    public static String currentSchema(Connection connection, Supplier<? extends RuntimeException> noSchema)
            throws SQLException {
        String schema = currentSchema(connection);
        if (schema == null) {
            throw noSchema.get();
        }
        return schema;
    }

    /** The first existing schema of the connection's search_path, or {@code null} when it names none. */
    public static String currentSchema(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_catalog.current_schema()");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}

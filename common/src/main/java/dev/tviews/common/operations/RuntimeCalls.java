package dev.tviews.common.operations;

import dev.tviews.common.support.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the operation classes share: the schema-qualified name of a runtime object, and the registered names. */
final class RuntimeCalls {

    /** SQLSTATE of "TVIEW is not registered" raised by the runtime. */
    static final String UNDEFINED_OBJECT = "42704";

    private final Connection connection;
    private final String runtimeSchema;

    RuntimeCalls(Connection connection, String runtimeSchema) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.runtimeSchema = Objects.requireNonNull(runtimeSchema, "runtimeSchema");
    }

    Connection connection() {
        return connection;
    }

    String runtimeSchema() {
        return runtimeSchema;
    }

    /** {@code "schema".name}: runtime objects are always named with their schema, whatever the search_path. */
    String qualified(String name) {
        return Sql.qualified(runtimeSchema, name);
    }

    /** The registered entity names, sorted. */
    List<String> registeredEntities() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT entity_name FROM " + qualified("pg_tview_meta") + " ORDER BY entity_name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /**
     * {@code e}, to rethrow: an {@link UnknownTViewException} (thrown from here) when the runtime said TVIEW {@code name}
     * isn't registered, else {@code e} itself.
     */
    SQLException unlessUnknown(String name, SQLException e) throws SQLException {
        if (UNDEFINED_OBJECT.equals(e.getSQLState())) {
            throw new UnknownTViewException(name, registeredEntities(), e);
        }
        return e;
    }


}

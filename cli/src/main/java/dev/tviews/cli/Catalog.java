package dev.tviews.cli;

import dev.tviews.common.RuntimeInstaller;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Where things are in the connected database: which schemas exist, where the tviews runtime is installed. The
 * errors say what to pass instead.
 */
public final class Catalog {

    private final Connection connection;

    public Catalog(Connection connection) {
        this.connection = connection;
    }

    /** The database connected to. */
    public String database() throws SQLException {
        return string("SELECT pg_catalog.current_database()");
    }

    /** The first existing schema of the search_path ({@code null} when there is none). */
    public String currentSchema() throws SQLException {
        return string("SELECT pg_catalog.current_schema()");
    }

    /** Fails with the list of schemas when {@code schema} doesn't exist. */
    public void requireSchema(String schema, String option) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        throw new CliException("schema " + schema + " does not exist in database " + database() + "; name an existing schema with "
                + option + " (schemas: " + String.join(", ", userSchemas()) + ")");
    }

    /** The schemas that aren't PostgreSQL's own, sorted. */
    public List<String> userSchemas() throws SQLException {
        return strings("SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname !~ '^pg_' "
                + "AND nspname <> 'information_schema' ORDER BY 1");
    }

    /** The schemas holding a tviews runtime, sorted. */
    public List<String> runtimeSchemas() throws SQLException {
        return strings("SELECT n.nspname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.relname = 'pg_tview_runtime' AND c.relkind = 'r' ORDER BY 1");
    }

    /**
     * The schema of the installed runtime: {@code explicit} when given (it must hold one), else the only schema
     * holding one.
     *
     * @throws CliException when there is none, or several and none was chosen
     */
    public String requireRuntime(String explicit) throws SQLException {
        String found = findRuntime(explicit);
        if (found == null) {
            throw new CliException("the tviews runtime is not installed "
                    + (explicit == null ? "in database " + database() : "in schema " + explicit + " of database " + database())
                    + "; run tviews install" + (explicit == null ? "" : " --runtime-schema " + explicit)
                    + " (or tviews convert, which installs it and converts the tv_ tables)");
        }
        return found;
    }

    /**
     * The schema of the installed runtime, {@code null} when none is installed ({@code explicit}: only that schema
     * is looked at).
     *
     * @throws CliException when runtimes are installed in several schemas and none was chosen
     */
    public String findRuntime(String explicit) throws SQLException {
        if (explicit != null) {
            requireSchema(explicit, "--runtime-schema");
            return new RuntimeInstaller(connection).installedVersion(explicit) == null ? null : explicit;
        }
        List<String> schemas = runtimeSchemas();
        if (schemas.size() > 1) {
            throw new CliException("the tviews runtime is installed in several schemas of database " + database() + " ("
                    + String.join(", ", schemas) + "); choose one with --runtime-schema");
        }
        return schemas.isEmpty() ? null : schemas.get(0);
    }

    /**
     * The schema to install the runtime in: the schema of the installed one ({@link #findRuntime}), else
     * {@link #newRuntimeSchema}.
     */
    public String installTarget(String explicit) throws SQLException {
        String found = findRuntime(explicit);
        return found != null ? found : newRuntimeSchema(explicit);
    }

    /**
     * The schema for a runtime not installed yet: {@code explicit} when given, else the first existing schema of the
     * search_path.
     *
     * @throws CliException when neither is there
     */
    public String newRuntimeSchema(String explicit) throws SQLException {
        String schema = explicit != null ? explicit : currentSchema();
        if (schema == null) {
            throw new CliException("the search_path of " + database()
                    + " names no existing schema; choose the runtime's schema with --runtime-schema");
        }
        return schema;
    }

    private String string(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}

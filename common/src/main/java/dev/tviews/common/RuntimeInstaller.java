package dev.tviews.common;

import dev.tviews.common.support.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs or upgrades the tviews runtime into a schema over one JDBC connection. An upgrade runs the chain of
 * upgrade steps from the installed version ({@link RuntimeUpgradePath}), then the definitions of this version.
 *
 * <p>Runs inside the caller's transaction when auto-commit is off (Flyway's and Liquibase's
 * connections: nothing is committed, rolled back or closed here), or in a transaction of its own
 * when auto-commit is on. Installers are serialized with a transaction-scoped advisory lock; when
 * the installed version equals this one, the call only reads the version marker.
 */
public final class RuntimeInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeInstaller.class);
    private static final Pattern VERSION = Pattern.compile("v_version\\s+constant\\s+text\\s*:=\\s*'([^']+)'");

    private final Connection connection;
    private final RuntimeScript script;

    public RuntimeInstaller(Connection connection) {
        this(connection, RuntimeScript.load());
    }

    public RuntimeInstaller(Connection connection, RuntimeScript script) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.script = Objects.requireNonNull(script, "script");
    }

    /** The runtime version this installer installs (declared in finish.sql). */
    public String version() {
        Matcher m = VERSION.matcher(script.text());
        if (!m.find()) {
            throw new IllegalStateException("The runtime script declares no version (v_version constant in finish.sql).");
        }
        return m.group(1);
    }

    /** Installs into the connection's current schema (normally public). */
    public InstallResult install() {
        return install(null);
    }

    /**
     * Installs or upgrades the runtime into {@code schema} ({@code null}: the current schema).
     *
     * @throws TViewsException when the schema doesn't exist, the installed version is one this runtime cannot
     *                         upgrade (nothing is changed then), or the install fails
     */
    public InstallResult install(String schema) {
        long started = System.nanoTime();
        try {
            InstallResult result = TransactionScope.run(connection, () -> installInTransaction(schema, started));
            LOG.info("{}", result);
            return result;
        } catch (SQLException e) {
            throw new TViewsException("Installing the tviews runtime" + (schema == null ? "" : " into schema " + schema)
                    + " failed: " + e.getMessage(), e);
        }
    }

    private InstallResult installInTransaction(String requestedSchema, long started) throws SQLException {
        String target = requestedSchema == null ? currentSchema() : requestedSchema;
        requireSchema(target);
        try (Statement st = connection.createStatement()) {
            st.execute("SELECT pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('tviews install'))");
        }
        String installed = installedVersion(target);
        String version = version();
        if (version.equals(installed)) {
            return new InstallResult(target, version, installed, InstallResult.Action.UNCHANGED, elapsed(started));
        }
        List<RuntimeUpgradeStep> chain = script.upgradePath().from(installed);
        if (!chain.isEmpty()) {
            LOG.info("Upgrading the tviews runtime in schema {} from {} through {}", target, installed,
                    chain.stream().map(RuntimeUpgradeStep::file).toList());
        }
        String savedPath = queryString("SELECT pg_catalog.current_setting('search_path')");
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT pg_catalog.set_config('search_path', pg_catalog.quote_ident(?), true)")) {
            ps.setString(1, target);
            ps.execute();
        }
        try (Statement st = connection.createStatement()) {
            st.execute(script.text(chain));
        } finally {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_catalog.set_config('search_path', ?, true)")) {
                ps.setString(1, savedPath);
                ps.execute();
            } catch (SQLException restoreFailure) {
                LOG.debug("Could not restore search_path after a failed install", restoreFailure);
            }
        }
        return new InstallResult(target, version, installed,
                installed == null ? InstallResult.Action.INSTALLED : InstallResult.Action.UPGRADED, elapsed(started));
    }

    private String currentSchema() throws SQLException {
        return Sql.currentSchema(connection, () -> new TViewsException("The connection's search_path names no existing "
                + "schema; pass the schema that should hold the tviews runtime (e.g. public)."));
    }

    private void requireSchema(String schema) throws SQLException {
        if (!Sql.schemaExists(connection, schema)) {
            throw new TViewsException("Schema " + schema + " does not exist; create it first "
                    + "or choose an existing schema for the tviews runtime.");
        }
    }

    /** The runtime version installed in {@code schema}, or {@code null} when there is none. */
    public String installedVersion(String schema) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT pg_catalog.to_regclass(pg_catalog.format('%I.pg_tview_runtime', ?::text)) IS NOT NULL")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return null;
                }
            }
        }
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT version FROM " + Sql.qualified(schema, "pg_tview_runtime"))) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private String queryString(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }


    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

}

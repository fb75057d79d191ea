package dev.tviews.common.operations;

import dev.tviews.common.TViewsException;
import dev.tviews.common.support.Errors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code pg_tviews_health_check} and the registered TVIEWs (entity, table, row count, newest
 * {@code updated_at}). Row counts are exact ({@code count(*)}), so on very large tables this reads each table once.
 */
public final class StatusReader {

    private final RuntimeCalls runtime;

    /**
     * @param connection    the connection to use; never committed or closed here
     * @param runtimeSchema the schema the runtime is installed in
     */
    public StatusReader(Connection connection, String runtimeSchema) {
        this.runtime = new RuntimeCalls(connection, runtimeSchema);
    }

    /**
     * Every registered TVIEW, by entity name, with its line of {@code checks} (from {@link #healthChecks}, read
     * first, since a repairing health check may change registrations); {@code schema} non-null keeps only the
     * TVIEWs in that schema.
     */
    public List<TViewStatus> status(String schema, List<HealthCheck> checks) {
        try {
            Map<String, HealthCheck> health = new LinkedHashMap<>();
            for (HealthCheck h : checks) {
                health.put(h.component(), h);
            }
            record Registration(String entity, String schema, String table, boolean tableExists, boolean hasUpdatedAt) {
            }
            List<Registration> registrations = new ArrayList<>();
            // updated_at counts as "last change" only when it is a date/time column (max() of it means something).
            String sql = "SELECT m.entity_name, m.schema_name, m.tview_oid::text, c.oid IS NOT NULL, "
                    + "EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'updated_at' "
                    + "AND NOT a.attisdropped AND a.atttypid IN ('pg_catalog.timestamp'::pg_catalog.regtype, "
                    + "'pg_catalog.timestamptz'::pg_catalog.regtype, 'pg_catalog.date'::pg_catalog.regtype)) "
                    + "FROM " + runtime.qualified("pg_tview_meta") + " m "
                    + "LEFT JOIN pg_catalog.pg_class c ON c.oid = m.tview_oid ORDER BY m.entity_name";
            try (Statement st = runtime.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    if (schema == null || schema.equals(rs.getString(2))) {
                        registrations.add(new Registration(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getBoolean(4), rs.getBoolean(5)));
                    }
                }
            }
            List<TViewStatus> result = new ArrayList<>();
            for (Registration r : registrations) {
                Long rows = null;
                String lastChange = null;
                if (r.tableExists()) {
                    // The table text comes from regclass output, which quotes as needed.
                    String count = "SELECT pg_catalog.count(*), " + (r.hasUpdatedAt() ? "pg_catalog.max(updated_at)::text" : "NULL::text")
                            + " FROM " + r.table();
                    try (Statement st = runtime.connection().createStatement(); ResultSet rs = st.executeQuery(count)) {
                        rs.next();
                        rows = rs.getLong(1);
                        lastChange = rs.getString(2);
                    }
                }
                result.add(new TViewStatus(r.entity(), r.schema(), r.table(), rows, lastChange,
                        health.get(HealthCheck.componentOf(r.entity()))));
            }
            return result;
        } catch (SQLException e) {
            throw new TViewsException("Reading the status of the TVIEWs failed: " + Errors.oneLine(e), e);
        }
    }

    /**
     * The lines of {@code pg_tviews_health_check(repair)}, in its order.
     *
     * @param repair whether registrations broken by DDL are repaired on the way (re-registered, or removed when
     *               their view can't come back); {@code false} only reads
     */
    public List<HealthCheck> healthChecks(boolean repair) {
        List<HealthCheck> checks = new ArrayList<>();
        try (PreparedStatement ps = runtime.connection().prepareStatement("SELECT status, component, message, severity FROM "
                + runtime.qualified("pg_tviews_health_check(?)"))) {
            ps.setBoolean(1, repair);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    checks.add(new HealthCheck(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return checks;
        } catch (SQLException e) {
            throw new TViewsException("Running pg_tviews_health_check() failed: " + Errors.oneLine(e), e);
        }
    }

}

package dev.tviews.spring;

import dev.tviews.common.ConversionResult;
import dev.tviews.common.operations.HealthCheck;
import dev.tviews.common.operations.StatusReader;
import dev.tviews.common.orchestration.RunReport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Reads {@code pg_tviews_health_check(repair => false)} (it changes nothing) and {@code pg_tviews_lag}, and adds the
 * entities the last startup conversion could not convert. Down when a line is ERROR or an entity failed to convert;
 * WARNING lines (a lagging or suspended queue, a registration to renew) are shown but keep it up.
 */
public class TViewsHealthProbe {

    /** What a Boot line's health indicator reports when {@link #check} fails. */
    public static final String FAILURE_MESSAGE = "tviews health check failed";

    private final DataSource dataSource;
    private final TViewsStartup startup;

    public TViewsHealthProbe(DataSource dataSource, TViewsStartup startup) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.startup = Objects.requireNonNull(startup, "startup");
    }

    /** Checks now. */
    public TViewsHealthReport check() throws SQLException {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean up = true;
        String schema = startup.runtimeSchema();
        RunReport report = startup.lastReport();
        if (report != null && report.hasErrors()) {
            up = false;
            Map<String, String> failed = new LinkedHashMap<>();
            for (ConversionResult r : report.errors()) {
                failed.put(r.schema() + "." + r.entity(), r.message());
            }
            details.put("conversionErrors", failed);
        }
        if (schema == null) {
            details.put("runtime", "not installed: the startup conversion did not run");
            return new TViewsHealthReport(false, details);
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            List<HealthCheck> checks = new StatusReader(connection, schema).healthChecks(false);
            Map<String, String> problems = new LinkedHashMap<>();
            for (HealthCheck check : checks) {
                if (check.component().equals("runtime")) {
                    details.put("runtime", check.message());
                } else if (!"OK".equals(check.status())) {
                    problems.put(check.component(), check.status() + ": " + check.message());
                    up &= !"ERROR".equals(check.status());
                }
            }
            details.put("registered", checks.stream().filter(c -> c.component().startsWith("tview ")).count());
            if (!problems.isEmpty()) {
                details.put("problems", problems);
            }
            Map<String, Object> queues = queues(connection, schema);
            if (!queues.isEmpty()) {
                details.put("asyncQueues", queues);
            }
        }
        return new TViewsHealthReport(up, details);
    }

    /** Per TVIEW in {@code pg_tviews_lag}: pending entries, lag in seconds, failing entries. */
    private static Map<String, Object> queues(Connection connection, String schema) throws SQLException {
        Map<String, Object> queues = new LinkedHashMap<>();
        String sql = "SELECT entity, pending, pg_catalog.date_part('epoch', lag)::float8, failing FROM "
                + Sql.quote(schema) + ".pg_tviews_lag ORDER BY entity";
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Map<String, Object> q = new LinkedHashMap<>();
                q.put("pending", rs.getLong(2));
                q.put("lagSeconds", rs.getDouble(3));
                q.put("failing", rs.getLong(4));
                queues.put(rs.getString(1), q);
            }
        }
        return queues;
    }
}

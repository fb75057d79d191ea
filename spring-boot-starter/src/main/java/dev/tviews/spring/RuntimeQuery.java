package dev.tviews.spring;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One number read from the runtime's tables, on a connection of its own: for gauges, which must not throw. NaN
 * before the runtime is installed, and when the query fails (with a debug line).
 *
 * @param dataSource where the runtime is
 * @param startup    knows the runtime's schema once it has run
 */
record RuntimeQuery(DataSource dataSource, TViewsStartup startup) {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeQuery.class);

    RuntimeQuery {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(startup, "startup");
    }

    /** The first column of the first row of {@code sqlTemplate}, whose {@code %s} is the runtime's quoted schema. */
    double number(String sqlTemplate) {
        String schema = startup.runtimeSchema();
        if (schema == null) {
            return Double.NaN;
        }
        try (Connection connection = dataSource.getConnection(); Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery(String.format(sqlTemplate, Sql.quote(schema)))) {
            return rs.next() ? rs.getDouble(1) : Double.NaN;
        } catch (SQLException e) {
            LOG.debug("tviews metrics: {} failed: {}", sqlTemplate, e.getMessage());
            return Double.NaN;
        }
    }
}

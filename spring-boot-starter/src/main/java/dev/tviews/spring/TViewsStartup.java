package dev.tviews.spring;

import dev.tviews.common.config.TViewsConfig;
import dev.tviews.common.orchestration.ConversionFailedException;
import dev.tviews.common.orchestration.RunReport;
import dev.tviews.common.orchestration.TViewsOrchestrator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * At startup, after the migrations (the auto-configuration makes this bean depend on Flyway's and Liquibase's
 * initializers): installs or upgrades the tviews runtime and converts the {@code tv_*} tables through common's
 * {@link TViewsOrchestrator}, in one transaction of its own. An entity that fails to convert fails the startup,
 * unless {@code tviews.fail-on-error=false}: then the failure is logged and the health contributor reports it.
 */
public class TViewsStartup implements InitializingBean {

    private static final Logger LOG = LoggerFactory.getLogger(TViewsStartup.class);

    private final DataSource dataSource;
    private final TViewsConfig config;
    private volatile RunReport lastReport;
    private volatile String runtimeSchema;

    /**
     * @param dataSource where to install and convert
     * @param config     the settings, with the migration tool's schemas filled in where unset
     */
    public TViewsStartup(DataSource dataSource, TViewsConfig config) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public void afterPropertiesSet() {
        run();
    }

    /** Installs the runtime and converts; what {@link #afterPropertiesSet()} does at startup. */
    public RunReport run() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            runtimeSchema = config.runtimeSchema() != null ? config.runtimeSchema() : currentSchema(connection);
            try {
                lastReport = new TViewsOrchestrator(connection).run(config);
            } catch (ConversionFailedException e) {
                lastReport = e.report();
                throw e;
            }
            return lastReport;
        } catch (SQLException e) {
            throw new IllegalStateException("tviews: could not get a connection to install the runtime and convert the tv_ tables: "
                    + e.getMessage(), e);
        }
    }

    /** What the last run did ({@code null} before the first); a run that failed leaves its report here too. */
    public RunReport lastReport() {
        return lastReport;
    }

    /** The schema the runtime is installed in ({@code null} before the first run). */
    public String runtimeSchema() {
        return runtimeSchema;
    }

    private static String currentSchema(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_catalog.current_schema()")) {
            if (!rs.next() || rs.getString(1) == null) {
                LOG.warn("tviews: the connection has no current schema (empty search_path); set tviews.schema");
                return null;
            }
            return rs.getString(1);
        }
    }
}

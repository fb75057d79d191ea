package dev.tviews.common.orchestration;

import dev.tviews.common.AutoConverter;
import dev.tviews.common.ConversionRequest;
import dev.tviews.common.ConversionResult;
import dev.tviews.common.InstallResult;
import dev.tviews.common.RuntimeInstaller;
import dev.tviews.common.TViewsException;
import dev.tviews.common.TransactionScope;
import dev.tviews.common.config.TViewsConfig;
import dev.tviews.common.support.Errors;
import dev.tviews.common.support.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs or upgrades the tviews runtime, converts the tv_ tables of the configured schemas with one call of the
 * runtime's {@code pg_tviews_auto_convert}, logs one line per entity and a summary, and applies the failure policy
 * (an ERROR throws {@link ConversionFailedException} unless failOnError is off, then it is logged as a warning).
 * Include/exclude patterns and per-entity overrides are passed to the runtime as they are: the conversion logic lives
 * there, once, for every caller.
 *
 * <p>Transactions: with auto-commit off (Flyway's and Liquibase's connections) everything runs in the caller's
 * transaction, which is never committed, rolled back or closed here; the runtime isolates entities from each other
 * with subtransactions. With auto-commit on, the run is one transaction of its own, rolled back when it fails. Runs
 * are serialized by a transaction-scoped advisory lock ({@code hashtext('tviews convert')}, the lock the runtime's
 * auto-convert takes too), taken before the install because migration tools call this outside their own locks.
 * Every runtime object is schema-qualified, so the caller's {@code search_path} doesn't matter.
 */
public final class TViewsOrchestrator {

    /** The advisory lock key text: {@code pg_advisory_xact_lock(hashtext('tviews convert'))}. */
    public static final String LOCK_NAME = "tviews convert";

    private static final Logger LOG = LoggerFactory.getLogger(TViewsOrchestrator.class);

    private final Connection connection;
    private final RunLog log;

    /** Logs through this class's SLF4J logger. */
    public TViewsOrchestrator(Connection connection) {
        this(connection, RunLog.of(LOG));
    }

    /**
     * @param connection the connection to use (see the class comment on transactions); never closed here
     * @param log        where the per-entity lines and the summary go
     */
    public TViewsOrchestrator(Connection connection, RunLog log) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Installs the runtime into {@code config.runtimeSchema()} (unset: the connection's current schema) and converts
     * {@code config.schemas()} (unset: the runtime schema).
     *
     * @throws ConversionFailedException when an entity failed and failOnError is on
     * @throws TViewsException           when a schema doesn't exist, the install fails, or the database fails
     */
    public RunReport run(TViewsConfig config) {
        Objects.requireNonNull(config, "config");
        long started = System.nanoTime();
        try {
            return TransactionScope.run(connection, () -> runInTransaction(config, started));
        } catch (SQLException e) {
            throw new TViewsException("tviews: converting the tv_ tables failed: " + Errors.oneLine(e), e);
        }
    }

    private RunReport runInTransaction(TViewsConfig config, long started) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SELECT pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('" + LOCK_NAME + "'))");
        }
        String runtimeSchema = config.runtimeSchema() != null ? config.runtimeSchema() : currentSchema();
        List<String> schemas = config.schemas() == null || config.schemas().isEmpty() ? List.of(runtimeSchema) : config.schemas();
        requireSchema(runtimeSchema, "tviews.schema (runtimeSchema in tviews.yml), the schema that holds the tviews runtime");
        for (String schema : schemas) {
            requireSchema(schema, "tviews.schemas (schemas in tviews.yml), the schemas whose tv_ tables are converted");
        }
        InstallResult install = new RuntimeInstaller(connection).install(runtimeSchema);

        long convertStarted = System.nanoTime();
        ConversionRequest request = ConversionRequest.of(config.withDefaults(runtimeSchema, schemas));
        List<ConversionResult> results = new AutoConverter(connection, runtimeSchema).convert(request);
        RunReport report = new RunReport(install, schemas, results, elapsed(convertStarted), elapsed(started));
        logReport(report);
        if (report.hasErrors()) {
            if (config.failOnErrorOrDefault()) {
                throw new ConversionFailedException(report);
            }
            log.warn(report.warningMessage());
        }
        return report;
    }

    private void logReport(RunReport report) {
        int width = report.results().stream().mapToInt(r -> r.schema().length() + r.entity().length() + 1).max().orElse(0);
        for (ConversionResult r : report.results()) {
            String name = r.schema() + "." + r.entity();
            String line = String.format(Locale.ROOT, "tviews: %-9s %-" + Math.max(width, 1) + "s  %s", r.status(), name, r.message());
            if (r.failed()) {
                log.warn(line);
            } else {
                log.info(line);
            }
        }
        log.info(report.summary());
    }

    private void requireSchema(String schema, String setting) throws SQLException {
        if (!Sql.schemaExists(connection, schema)) {
            throw new TViewsException("tviews: schema " + schema + " does not exist; create it, or set " + setting
                    + " to existing schemas.");
        }
    }

    private String currentSchema() throws SQLException {
        return Sql.currentSchema(connection, () -> new TViewsException("tviews: the connection's search_path names no "
                + "existing schema; set tviews.schema (runtimeSchema in tviews.yml) to the schema that should hold the "
                + "tviews runtime."));
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}

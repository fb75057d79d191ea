package dev.tviews.common.orchestration;

import dev.tviews.common.AutoConverter;
import dev.tviews.common.ConversionResult;
import dev.tviews.common.ConversionStatus;
import dev.tviews.common.InstallResult;
import dev.tviews.common.PlanRow;
import dev.tviews.common.RuntimeInstaller;
import dev.tviews.common.TViewsException;
import dev.tviews.common.TransactionScope;
import dev.tviews.common.config.EntityConfig;
import dev.tviews.common.config.EntityFilter;
import dev.tviews.common.config.TViewsConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs or upgrades the tviews runtime, converts the tv_ tables of the configured schemas, logs one line per
 * entity and a summary, and applies the failure policy (an ERROR throws {@link ConversionFailedException} unless
 * failOnError is off, then it is logged as a warning).
 *
 * <p>Transactions: with auto-commit off (Flyway's and Liquibase's connections) everything runs in the caller's
 * transaction, which is never committed, rolled back or closed here; entities are isolated from each other with
 * savepoints. With auto-commit on, the run is one transaction of its own, rolled back when it fails. Runs are
 * serialized by a transaction-scoped advisory lock ({@code hashtext('tviews convert')}), because migration tools
 * call this outside their own locks. Every runtime object is schema-qualified, so the caller's
 * {@code search_path} doesn't matter.
 *
 * <p>Conversion of a schema: entities with a configured {@code select} are registered with
 * {@code pg_tviews_create_or_replace}; the others go through {@code pg_tviews_auto_convert(schema)}, or, when
 * include/exclude leave some out or an entity has options of its own, entity by entity the same way the runtime's
 * auto-convert does. Configured {@code fkColumns} are then written to {@code pg_tview_meta} where they differ.
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
            throw new TViewsException("tviews: converting the tv_ tables failed: " + oneLine(e), e);
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
        EntityFilter filter = config.filter();
        Map<String, Map<String, EntityConfig>> bySchema = new LinkedHashMap<>();
        List<ConversionResult> results = new ArrayList<>();
        assignEntities(config.entitiesOrEmpty(), schemas, bySchema, results);
        for (String schema : schemas) {
            results.addAll(convertSchema(runtimeSchema, schema, filter, bySchema.getOrDefault(schema, Map.of())));
        }
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

    /** Decides which schema each configured entity belongs to; unplaceable ones become ERROR rows. */
    private void assignEntities(Map<String, EntityConfig> entities, List<String> schemas,
                                Map<String, Map<String, EntityConfig>> bySchema, List<ConversionResult> errors) throws SQLException {
        for (Map.Entry<String, EntityConfig> e : entities.entrySet()) {
            String key = e.getKey();
            int dot = key.indexOf('.');
            String schema = null;
            String entity = key;
            if (dot >= 0) {
                schema = key.substring(0, dot);
                entity = key.substring(dot + 1);
                if (!schemas.contains(schema)) {
                    errors.add(new ConversionResult(schema, entity, ConversionStatus.ERROR, "entities." + key
                            + " is configured, but schema " + schema + " is not converted (schemas: " + schemas + ")"));
                    continue;
                }
            } else {
                for (String s : schemas) {
                    if (tableExists(s, "tv_" + entity)) {
                        schema = s;
                        break;
                    }
                }
                if (schema == null && e.getValue().select() != null) {
                    schema = schemas.get(0);
                }
                if (schema == null) {
                    errors.add(new ConversionResult(schemas.get(0), entity, ConversionStatus.ERROR, "entities." + key
                            + " is configured, but no schema of " + schemas + " has a table tv_" + entity
                            + "; fix the name, or give it a select so that tviews creates the table"));
                    continue;
                }
            }
            bySchema.computeIfAbsent(schema, s -> new LinkedHashMap<>()).put(entity, e.getValue());
        }
    }

    private List<ConversionResult> convertSchema(String runtimeSchema, String schema, EntityFilter filter,
                                                 Map<String, EntityConfig> configured) throws SQLException {
        AutoConverter converter = new AutoConverter(connection, runtimeSchema);
        Map<String, ConversionResult> results = new LinkedHashMap<>();
        Map<String, ConversionResult> repaired = repairBroken(runtimeSchema, schema);
        List<String> candidates = filter.includesAll() ? List.of() : converter.plan(schema).stream().map(PlanRow::entity).toList();

        // 1. entities with a select of their own
        boolean overrideFailed = false;
        for (Map.Entry<String, EntityConfig> e : configured.entrySet()) {
            String entity = e.getKey();
            if (e.getValue().select() == null) {
                continue;
            }
            if (!filter.includes(schema, entity)) {
                results.put(entity, new ConversionResult(schema, entity, ConversionStatus.SKIPPED, filter.reasonExcluded(schema, entity)));
                continue;
            }
            ConversionResult r = registerOverride(runtimeSchema, schema, entity, e.getValue());
            overrideFailed |= r.failed();
            results.put(entity, r);
        }

        // 2. the others: auto-convert
        boolean someExcluded = candidates.stream().anyMatch(c -> !filter.includes(schema, c));
        boolean ownOptions = configured.values().stream().anyMatch(c -> c.select() == null && c.options() != null);
        if (!someExcluded && !ownOptions && !overrideFailed) {
            for (ConversionResult r : converter.convert(schema)) {
                results.putIfAbsent(r.entity(), r);
            }
        } else {
            for (ConversionResult r : convertEntityByEntity(runtimeSchema, schema, filter, configured, results.keySet())) {
                results.putIfAbsent(r.entity(), r);
            }
        }

        // entities whose registration was removed above and that have no tv_ table left
        repaired.forEach(results::putIfAbsent);

        // 3. fk_columns
        for (Map.Entry<String, EntityConfig> e : configured.entrySet()) {
            ConversionResult current = results.get(e.getKey());
            if (e.getValue().fkColumns() == null || current == null
                    || current.status() == ConversionStatus.ERROR || current.status() == ConversionStatus.SKIPPED) {
                continue;
            }
            results.put(e.getKey(), applyFkColumns(runtimeSchema, current, e.getValue().fkColumns()));
        }
        List<ConversionResult> sorted = new ArrayList<>(results.values());
        sorted.sort((a, b) -> a.entity().compareTo(b.entity()));
        return sorted;
    }

    /**
     * Repairs, or removes, the registrations of the schema whose table or view was dropped underneath them
     * (DROP TABLE ... CASCADE), before anything is converted: the runtime's {@code _tviews_repair_registrations}.
     * Logs one line per registration; returns them as results for entities that nothing else will report on.
     */
    private Map<String, ConversionResult> repairBroken(String runtimeSchema, String schema) throws SQLException {
        Map<String, ConversionResult> repaired = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT entity, outcome, diagnosis || '; ' || message FROM "
                + quoteIdent(runtimeSchema) + "._tviews_repair_registrations(?::name, false)")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String entity = rs.getString(1);
                    ConversionStatus status = "failed".equals(rs.getString(2)) ? ConversionStatus.ERROR : ConversionStatus.SKIPPED;
                    log.warn("tviews: " + rs.getString(2) + " " + schema + "." + entity + ": " + rs.getString(3));
                    repaired.put(entity, new ConversionResult(schema, entity, status, rs.getString(3)));
                }
            }
        }
        return repaired;
    }

    private ConversionResult registerOverride(String runtimeSchema, String schema, String entity, EntityConfig config)
            throws SQLException {
        long started = System.nanoTime();
        String sql = "SELECT " + quoteIdent(runtimeSchema) + ".pg_tviews_create_or_replace(?, ?, ?::jsonb)";
        try {
            String word = inSavepoint(() -> {
                try (PreparedStatement ps = connection.prepareStatement(sql)) {
                    ps.setString(1, schema + "." + entity);
                    ps.setString(2, config.select());
                    ps.setString(3, config.optionsJson());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getString(1);
                    }
                }
            });
            return new ConversionResult(schema, entity, status(word),
                    message(word, schema, entity, "the configured select", started));
        } catch (SQLException e) {
            return new ConversionResult(schema, entity, ConversionStatus.ERROR, "the configured select failed: " + oneLine(e));
        }
    }

    /**
     * Auto-convert one entity at a time, as {@code pg_tviews_auto_convert} does, leaving out excluded entities and
     * those already handled, and with the configured options where there are some.
     */
    private List<ConversionResult> convertEntityByEntity(String runtimeSchema, String schema, EntityFilter filter,
                                                         Map<String, EntityConfig> configured,
                                                         java.util.Set<String> handled) throws SQLException {
        String rt = quoteIdent(runtimeSchema);
        record Candidate(String entity, String selectSql, boolean defaultView, String skipReason, String backingView, String options) {
        }
        List<Candidate> candidates = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT c.entity, c.select_sql, c.default_view, c.skip_reason, c.backing_view, m.options::text FROM "
                        + rt + "._tviews_convert_candidates(?::name) c LEFT JOIN " + rt
                        + ".pg_tview_meta m ON m.entity_name = c.entity ORDER BY c.entity")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    candidates.add(new Candidate(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
        }
        List<ConversionResult> results = new ArrayList<>();
        for (Candidate c : candidates) {
            if (handled.contains(c.entity())) {
                continue;
            }
            if (!filter.includes(schema, c.entity())) {
                results.add(new ConversionResult(schema, c.entity(), ConversionStatus.SKIPPED, filter.reasonExcluded(schema, c.entity())));
                continue;
            }
            if (c.skipReason() != null) {
                results.add(new ConversionResult(schema, c.entity(), ConversionStatus.SKIPPED, c.skipReason()));
                continue;
            }
            EntityConfig own = configured.get(c.entity());
            String options = own != null && own.options() != null ? own.optionsJson() : c.options() == null ? "{}" : c.options();
            long started = System.nanoTime();
            try {
                String word = inSavepoint(() -> {
                    try (PreparedStatement ps = connection.prepareStatement("SELECT " + rt
                            + "._tviews_register(?, ?, ?::jsonb, NULL::text[], ?, 'convert')")) {
                        ps.setString(1, schema + "." + c.entity());
                        ps.setString(2, c.selectSql());
                        ps.setString(3, options);
                        ps.setBoolean(4, c.defaultView());
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            return rs.getString(1);
                        }
                    }
                });
                results.add(new ConversionResult(schema, c.entity(), status(word), message(word, schema, c.entity(),
                        (c.defaultView() ? "generated view " : "view ") + c.backingView(), started)));
            } catch (SQLException e) {
                results.add(new ConversionResult(schema, c.entity(), ConversionStatus.ERROR, oneLine(e)));
            }
        }
        return results;
    }

    private ConversionResult applyFkColumns(String runtimeSchema, ConversionResult current, List<String> fkColumns)
            throws SQLException {
        String sql = "UPDATE " + quoteIdent(runtimeSchema) + ".pg_tview_meta SET fk_columns = ? "
                + "WHERE entity_name = ? AND schema_name = ? AND fk_columns IS DISTINCT FROM ?";
        try {
            int updated = inSavepoint(() -> {
                try (PreparedStatement ps = connection.prepareStatement(sql)) {
                    java.sql.Array array = connection.createArrayOf("text", fkColumns.toArray());
                    ps.setArray(1, array);
                    ps.setString(2, current.entity());
                    ps.setString(3, current.schema());
                    ps.setArray(4, array);
                    return ps.executeUpdate();
                }
            });
            if (updated == 0) {
                return current;
            }
            ConversionStatus status = current.status() == ConversionStatus.UNCHANGED ? ConversionStatus.REPLACED : current.status();
            return new ConversionResult(current.schema(), current.entity(), status,
                    current.message() + "; fk_columns set to " + fkColumns);
        } catch (SQLException e) {
            return new ConversionResult(current.schema(), current.entity(), ConversionStatus.ERROR,
                    "setting fk_columns to " + fkColumns + " failed: " + oneLine(e));
        }
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

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** Runs {@code work} in a savepoint: a failure is undone without aborting the caller's transaction. */
    private <T> T inSavepoint(SqlWork<T> work) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        T result;
        try {
            result = work.run();
        } catch (SQLException e) {
            try {
                connection.rollback(savepoint);
                connection.releaseSavepoint(savepoint);
            } catch (SQLException cleanup) {
                LOG.debug("Rolling back to the savepoint failed too: {}", cleanup.getMessage());
            }
            throw e;
        }
        connection.releaseSavepoint(savepoint);
        return result;
    }

    private static ConversionStatus status(String word) {
        return switch (word == null ? "" : word) {
            case "created" -> ConversionStatus.CREATED;
            case "unchanged" -> ConversionStatus.UNCHANGED;
            default -> ConversionStatus.REPLACED;
        };
    }

    private String message(String word, String schema, String entity, String from, long started) throws SQLException {
        StringBuilder m = new StringBuilder(word).append(' ').append(schema).append(".tv_").append(entity).append(" from ").append(from);
        if (!"unchanged".equals(word)) {
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("SELECT pg_catalog.count(*) FROM " + quoteIdent(schema) + "." + quoteIdent("tv_" + entity))) {
                rs.next();
                m.append(" (").append(rs.getLong(1)).append(" rows)");
            }
        }
        m.append(String.format(Locale.ROOT, " in %.1f ms", (System.nanoTime() - started) / 1e6));
        return m.toString();
    }

    private boolean tableExists(String schema, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_catalog.to_regclass(pg_catalog.format('%I.%I', ?::text, ?::text)) IS NOT NULL")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private void requireSchema(String schema, String setting) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new TViewsException("tviews: schema " + schema + " does not exist; create it, or set " + setting
                            + " to existing schemas.");
                }
            }
        }
    }

    private String currentSchema() throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_catalog.current_schema()")) {
            String schema = rs.next() ? rs.getString(1) : null;
            if (schema == null) {
                throw new TViewsException("tviews: the connection's search_path names no existing schema; set tviews.schema "
                        + "(runtimeSchema in tviews.yml) to the schema that should hold the tviews runtime.");
            }
            return schema;
        }
    }


    /** The database's message without the driver's "Where:" context lines. */
    static String oneLine(SQLException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        StringBuilder out = new StringBuilder();
        for (String line : message.split("\\R")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("Where:") || l.startsWith("Position:") || l.startsWith("PL/pgSQL function")
                    || l.startsWith("SQL statement") || l.startsWith("Call getNextException")) {
                continue;
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(l.startsWith("ERROR: ") ? l.substring(7) : l);
        }
        return out.toString();
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    static String quoteIdent(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}

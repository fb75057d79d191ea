package dev.tviews.liquibase;

import dev.tviews.common.AutoConverter;
import dev.tviews.common.ConversionRequest;
import dev.tviews.common.ConversionResult;
import dev.tviews.common.TViewsException;
import dev.tviews.common.support.TextTable;
import java.util.List;
import java.util.stream.Collectors;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.PreparedStatementFactory;
import liquibase.exception.DatabaseException;
import liquibase.logging.Logger;
import liquibase.statement.AbstractSqlStatement;
import liquibase.statement.ExecutablePreparedStatement;

/**
 * Runs auto-convert (schema, include/exclude) through {@link AutoConverter} in the changeSet's transaction, logs one line per
 * entity and fails the changeSet on ERROR rows when asked to. {@code update-sql} shows the
 * equivalent DO block ({@link TViewsSql#autoConvert}) instead.
 */
final class AutoConvertStatement extends AbstractSqlStatement implements ExecutablePreparedStatement {

    private final Database database;
    private final String runtimeSchema;
    private final ConversionRequest request;
    private final boolean failOnError;

    AutoConvertStatement(Database database, String runtimeSchema, ConversionRequest request, boolean failOnError) {
        this.database = database;
        this.runtimeSchema = runtimeSchema;
        this.request = request;
        this.failOnError = failOnError;
    }

    String getRuntimeSchema() {
        return runtimeSchema;
    }

    ConversionRequest getRequest() {
        return request;
    }

    boolean isFailOnError() {
        return failOnError;
    }

    @Override
    public void execute(PreparedStatementFactory factory) throws DatabaseException {
        String schema = request.schemas().get(0);
        List<ConversionResult> results;
        try {
            String functionsSchema = runtimeSchema != null ? runtimeSchema : schema;
            results = new AutoConverter(Connections.jdbc(database), functionsSchema).convert(request);
        } catch (TViewsException e) {
            throw new DatabaseException(e.getMessage(), e);
        }
        // Liquibase's UI is the console of the CLI and the log of the Maven plugin and Spring Boot.
        Logger log = Scope.getCurrentScope().getLog(getClass());
        String report = results.isEmpty() ? "tviews auto-convert of schema " + schema + ": no tv_ tables found"
                : "tviews auto-convert of schema " + schema + ":" + System.lineSeparator() + table(results);
        Scope.getCurrentScope().getUI().sendMessage(report);
        log.fine(report);
        List<ConversionResult> failed = results.stream().filter(ConversionResult::failed).collect(Collectors.toList());
        if (failed.isEmpty()) {
            return;
        }
        String names = failed.stream().map(r -> r.entity() + ": " + withoutFinalPeriod(r.message()))
                .collect(Collectors.joining("; "));
        if (failOnError) {
            throw new DatabaseException("tviews: auto-convert of schema " + schema + " failed for " + failed.size()
                    + " of " + results.size() + " TVIEW(s): " + names
                    + ". Fix the TVIEWs named, or set failOnError=\"false\" on autoConvert to keep the others.");
        }
        log.warning("tviews: auto-convert of schema " + schema + " failed for " + names + " (failOnError is false)");
    }

    private static String table(List<ConversionResult> results) {
        TextTable table = TextTable.of("entity", "status", "message");
        results.forEach(r -> table.row(r.entity(), r.status().name(), r.message()));
        return table.toString();
    }

    private static String withoutFinalPeriod(String message) {
        String text = message == null ? "(no message)" : message.strip();
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public boolean skipOnUnsupported() {
        return false;
    }

    @Override
    public String toString() {
        return TViewsSql.autoConvert(runtimeSchema, request, failOnError);
    }
}

package dev.tviews.cli.command;

import dev.tviews.cli.Catalog;
import dev.tviews.cli.CliException;
import dev.tviews.cli.DatabaseCommand;
import dev.tviews.cli.ExitCode;
import dev.tviews.cli.Output;
import dev.tviews.common.RuntimeInstaller;
import dev.tviews.common.operations.HealthCheck;
import dev.tviews.common.operations.StatusReader;
import dev.tviews.common.operations.TViewStatus;
import dev.tviews.common.support.Json;
import dev.tviews.common.support.TextTable;
import java.io.PrintWriter;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tviews status}: registered TVIEWs, their rows, last change and health. */
@Command(name = "status",
        description = {"List the registered TVIEWs: table, rows, last change (newest updated_at, when the table has that "
                + "column) and health (pg_tviews_health_check), then the runtime's and the queue's health.",
                "Only reads, unless --repair is given. Exits 1 when a health check reports ERROR."})
public final class StatusCommand extends DatabaseCommand {

    @Option(names = {"-s", "--schema"}, paramLabel = "SCHEMA", description = "Only the TVIEWs of this schema (default: all).")
    private String schema;

    @Mixin
    private RuntimeSchemaOption runtimeSchema;

    @Option(names = "--repair", description = "Let the health check repair registrations broken by DDL on the way "
            + "(re-register them, or remove those whose view can't come back): pg_tviews_health_check(true).")
    private boolean repair;

    @Override
    protected int run(Connection connection, Catalog catalog, Output output) throws Exception {
        if (schema != null) {
            catalog.requireSchema(schema, "-s/--schema");
        }
        String runtime = catalog.requireRuntime(runtimeSchema.schema());
        RuntimeInstaller installer = new RuntimeInstaller(connection);
        String version = installer.installedVersion(runtime);
        if (!installer.version().equals(version)) {
            output.note("the runtime installed in schema " + runtime + " is " + version + ", this tool carries "
                    + installer.version() + "; tviews install upgrades it");
        }
        StatusReader reader = new StatusReader(connection, runtime);
        List<HealthCheck> checks = reader.healthChecks(repair);
        List<TViewStatus> tviews = reader.status(schema, checks);
        List<HealthCheck> failed = checks.stream().filter(h -> "ERROR".equals(h.status())).toList();
        if (output.json()) {
            output.printJson(json(catalog.database(), runtime, version, tviews, checks, failed.isEmpty()));
        } else {
            print(output.out(), catalog.database(), runtime, version, tviews, checks);
        }
        if (!failed.isEmpty()) {
            throw new CliException(failed.size() + " health check" + (failed.size() == 1 ? "" : "s") + " failed: "
                    + failed.stream().map(h -> h.component() + ": " + h.message()).collect(Collectors.joining("; ")));
        }
        return ExitCode.OK;
    }

    private void print(PrintWriter out, String database, String runtime, String version, List<TViewStatus> tviews,
                       List<HealthCheck> checks) {
        out.println("tviews runtime " + version + " in schema " + runtime + " of database " + database);
        if (tviews.isEmpty()) {
            out.println(schema == null ? "no TVIEWs registered (tviews plan shows what tviews convert would register)"
                    : "no TVIEWs registered in schema " + schema);
        } else {
            TextTable table = TextTable.of("ENTITY", "TABLE", "ROWS", "LAST CHANGE", "HEALTH").nullAs("n/a");
            for (TViewStatus t : tviews) {
                table.row(t.entity(), t.table(), t.rows(), t.lastChange(), t.health() == null ? null : t.health().status());
            }
            table.print(out);
        }
        // Below the table: the queue, and every other line that isn't OK (a TVIEW's only when it is shown).
        for (HealthCheck h : checks) {
            boolean tviewLine = h.component().startsWith("tview ");
            boolean shown = tviews.stream().anyMatch(t -> t.health() == h);
            if ("queue".equals(h.component()) || !"OK".equals(h.status()) && (!tviewLine || shown)) {
                out.println(h.component() + ": " + h.status() + " " + h.message());
            }
        }
        out.flush();
    }

    private static Map<String, Object> json(String database, String runtime, String version, List<TViewStatus> tviews,
                                            List<HealthCheck> checks, boolean healthy) {
        return Json.object("database", database, "runtime", Json.object("schema", runtime, "version", version),
                "tviews", tviews.stream().map(t -> Json.object("entity", t.entity(), "schema", t.schema(),
                        "table", t.table(), "rows", t.rows(), "last_change", t.lastChange(),
                        "health", t.health() == null ? null : t.health().status(),
                        "health_message", t.health() == null ? null : t.health().message())).toList(),
                "health", checks.stream().map(h -> Json.object("status", h.status(), "component", h.component(),
                        "message", h.message(), "severity", h.severity())).toList(),
                "healthy", healthy);
    }
}

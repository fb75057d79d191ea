package dev.tviews.cli.command;

import dev.tviews.cli.Catalog;
import dev.tviews.cli.CliException;
import dev.tviews.cli.DatabaseCommand;
import dev.tviews.cli.ExitCode;
import dev.tviews.cli.Output;
import dev.tviews.common.AutoConverter;
import dev.tviews.common.ConversionRequest;
import dev.tviews.common.ConversionResult;
import dev.tviews.common.ConversionStatus;
import dev.tviews.common.InstallResult;
import dev.tviews.common.RuntimeInstaller;
import dev.tviews.common.support.Json;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tviews convert}: install the runtime when needed, then convert every tv_ table of a schema with one call of
 * the runtime's {@code pg_tviews_auto_convert} (each entity in a subtransaction of its own, so one failure keeps the
 * others), and print a line per entity with its duration.
 */
@Command(name = "convert",
        description = {"Convert the tv_* tables of a schema into TVIEWs (pg_tviews_auto_convert), installing or upgrading the "
                + "runtime first. One line per entity with its duration; one failing entity keeps the others. Running it "
                + "again changes nothing unless a table or view changed."},
        footerHeading = "%nExamples:%n",
        footer = {"  tviews convert -d mydb -s public --plan        what it would do; changes nothing",
                "  tviews convert -d mydb -s public --exclude 'audit_*'   convert all but the audit_ entities",
                "  tviews convert -d mydb -s public               convert"})
public final class ConvertCommand extends DatabaseCommand {

    @Mixin
    private ConversionOptions conversion;

    @Option(names = "--runtime-schema", paramLabel = "SCHEMA",
            description = "Schema of the tviews runtime (default: the one schema that holds it, else the first schema of "
                    + "the search_path).")
    private String runtimeSchema;

    @Option(names = "--plan", description = "Only show what would be done (as tviews plan); changes nothing.")
    private boolean plan;

    @Option(names = "--dry-run", description = "Convert, report what happened, and roll the conversion back (the runtime "
            + "install is kept).")
    private boolean dryRun;

    @Override
    protected int run(Connection connection, Catalog catalog, Output output) throws Exception {
        ConversionRequest filtered = conversion.request();
        String schema = conversion.schema();
        ConversionRequest request = dryRun ? filtered.asDryRun() : filtered;
        if (plan) {
            return Planning.run(connection, catalog, request, runtimeSchema, output);
        }
        catalog.requireSchema(schema, "-s/--schema");
        String runtime = catalog.installTarget(runtimeSchema);
        long started = System.nanoTime();
        InstallResult install = new RuntimeInstaller(connection).install(runtime);
        output.progress(install.toString());

        List<ConversionResult> results = new AutoConverter(connection, runtime).convert(request);
        int width = results.stream().mapToInt(r -> r.entity().length()).max().orElse(0);
        for (ConversionResult result : results) {
            output.progress(String.format(Locale.ROOT, "%-9s  %-" + Math.max(width, 1) + "s  %8.1f ms  %s",
                    result.status(), result.entity(), result.durationMs(), result.message()));
        }
        double totalMs = (System.nanoTime() - started) / 1e6;
        List<ConversionResult> errors = results.stream().filter(ConversionResult::failed).toList();
        if (output.json()) {
            output.printJson(json(schema, install, results, totalMs));
        } else {
            output.out().println(results.isEmpty() ? "no tv_ tables in schema " + schema + ": nothing to convert"
                    : summary(schema, results, totalMs));
            output.out().flush();
        }
        if (!errors.isEmpty()) {
            throw new CliException(errors.size() + (errors.size() == 1 ? " entity" : " entities") + " of schema " + schema
                    + " could not be converted and " + (errors.size() == 1 ? "was" : "were") + " left as before: "
                    + errors.stream().map(e -> e.entity() + ": " + e.message().strip()).collect(Collectors.joining("; "))
                    + "; fix the view or table and run tviews convert again (the others are converted)");
        }
        return ExitCode.OK;
    }

    private static String summary(String schema, List<ConversionResult> results, double totalMs) {
        Map<ConversionStatus, Long> counts = counts(results);
        return String.format(Locale.ROOT, "converted schema %s: %d %s (%d created, %d replaced, %d unchanged, %d skipped, "
                        + "%d errors) in %.1f ms", schema, results.size(), results.size() == 1 ? "entity" : "entities",
                counts.get(ConversionStatus.CREATED), counts.get(ConversionStatus.REPLACED),
                counts.get(ConversionStatus.UNCHANGED), counts.get(ConversionStatus.SKIPPED),
                counts.get(ConversionStatus.ERROR), totalMs);
    }

    private static Map<ConversionStatus, Long> counts(List<ConversionResult> results) {
        Map<ConversionStatus, Long> counts = new LinkedHashMap<>();
        for (ConversionStatus s : ConversionStatus.values()) {
            counts.put(s, results.stream().filter(r -> r.status() == s).count());
        }
        return counts;
    }

    private static Map<String, Object> json(String schema, InstallResult install, List<ConversionResult> results, double totalMs) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts(results).forEach((s, n) -> counts.put(s.name().toLowerCase(Locale.ROOT), n));
        return Json.object("schema", schema, "runtime", InstallCommand.json(install),
                "entities", results.stream().map(r -> Json.object("entity", r.entity(), "status", r.status().name(),
                        "message", r.message(), "duration_ms", r.durationMs())).toList(),
                "counts", counts, "ok", results.stream().noneMatch(ConversionResult::failed), "duration_ms", totalMs);
    }
}

package dev.tviews.cli.command;

import dev.tviews.cli.Catalog;
import dev.tviews.cli.CliException;
import dev.tviews.cli.DatabaseCommand;
import dev.tviews.cli.ExitCode;
import dev.tviews.cli.Output;
import dev.tviews.common.AutoConverter;
import dev.tviews.common.ConversionResult;
import dev.tviews.common.ConversionStatus;
import dev.tviews.common.InstallResult;
import dev.tviews.common.PlanRow;
import dev.tviews.common.RuntimeInstaller;
import dev.tviews.common.config.TViewsConfig;
import dev.tviews.common.orchestration.RunLog;
import dev.tviews.common.orchestration.RunReport;
import dev.tviews.common.orchestration.TViewsOrchestrator;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tviews convert}: install the runtime when needed, then register every tv_ table of a schema, one entity at
 * a time (each in a transaction of its own, so one failure keeps the others and an interrupted run keeps what it
 * finished), with a progress line per entity.
 */
@Command(name = "convert",
        description = {"Convert the tv_* tables of a schema into TVIEWs (pg_tviews_auto_convert), installing or upgrading the "
                + "runtime first. One line per entity as it is done; each entity is committed on its own, so one failure "
                + "keeps the others. Running it again changes nothing unless a table or view changed."},
        footerHeading = "%nExamples:%n",
        footer = {"  tviews convert -d mydb -s public --plan   what it would do; changes nothing",
                "  tviews convert -d mydb -s public          convert"})
public final class ConvertCommand extends DatabaseCommand {

    /** The report lines of the orchestrator: this command prints its own. */
    private static final RunLog SILENT = new RunLog() {
        @Override
        public void info(String line) {
        }

        @Override
        public void warn(String line) {
        }
    };

    @Option(names = {"-s", "--schema"}, paramLabel = "SCHEMA", defaultValue = "public",
            description = "Schema whose tv_* tables are converted (default: ${DEFAULT-VALUE}).")
    private String schema;

    @Option(names = "--runtime-schema", paramLabel = "SCHEMA",
            description = "Schema of the tviews runtime (default: the one schema that holds it, else the first schema of "
                    + "the search_path).")
    private String runtimeSchema;

    @Option(names = "--plan", description = "Only show what would be done (as tviews plan); changes nothing.")
    private boolean plan;

    @Override
    protected int run(Connection connection, Catalog catalog, Output output) throws Exception {
        if (plan) {
            return Planning.run(connection, catalog, schema, runtimeSchema, output);
        }
        catalog.requireSchema(schema, "-s/--schema");
        String runtime = catalog.findRuntime(runtimeSchema);
        if (runtime == null) {
            runtime = runtimeSchema != null ? runtimeSchema : catalog.currentSchema();
            if (runtime == null) {
                throw new CliException("the search_path of " + catalog.database()
                        + " names no existing schema; choose the runtime's schema with --runtime-schema");
            }
        }
        long started = System.nanoTime();
        InstallResult install = new RuntimeInstaller(connection).install(runtime);
        output.progress(install.toString());

        List<PlanRow> candidates = new AutoConverter(connection, runtime).plan(schema);
        int width = candidates.stream().mapToInt(c -> c.entity().length()).max().orElse(0);
        TViewsOrchestrator orchestrator = new TViewsOrchestrator(connection, SILENT);
        List<ConversionResult> results = new ArrayList<>();
        List<Double> durations = new ArrayList<>();
        for (PlanRow candidate : candidates) {
            long entityStarted = System.nanoTime();
            ConversionResult result = convertOne(orchestrator, runtime, candidate.entity());
            double ms = (System.nanoTime() - entityStarted) / 1e6;
            results.add(result);
            durations.add(ms);
            output.progress(String.format(Locale.ROOT, "%-9s  %-" + Math.max(width, 1) + "s  %8.1f ms  %s",
                    result.status(), result.entity(), ms, result.message()));
        }
        double totalMs = (System.nanoTime() - started) / 1e6;
        List<ConversionResult> errors = results.stream().filter(ConversionResult::failed).toList();
        if (output.json()) {
            output.printJson(json(install, results, durations, totalMs));
        } else {
            output.out().println(candidates.isEmpty() ? "no tv_ tables in schema " + schema + ": nothing to convert"
                    : summary(results, totalMs));
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

    /** One entity through the orchestrator (it installs nothing new: the runtime is current by now). */
    private ConversionResult convertOne(TViewsOrchestrator orchestrator, String runtime, String entity) {
        TViewsConfig config = new TViewsConfig(runtime, List.of(schema), List.of(entity), null, false, null);
        RunReport report = orchestrator.run(config);
        return report.results().stream().filter(r -> r.entity().equals(entity)).findFirst()
                .orElse(new ConversionResult(schema, entity, ConversionStatus.ERROR,
                        "the entity name can't be selected on its own; convert the schema with pg_tviews_auto_convert('"
                                + schema + "')"));
    }

    private String summary(List<ConversionResult> results, double totalMs) {
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

    private Map<String, Object> json(InstallResult install, List<ConversionResult> results, List<Double> durations,
                                     double totalMs) {
        List<Map<String, Object>> entities = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            ConversionResult r = results.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("entity", r.entity());
            m.put("status", r.status().name());
            m.put("message", r.message());
            m.put("duration_ms", durations.get(i));
            entities.add(m);
        }
        Map<String, Object> counts = new LinkedHashMap<>();
        counts(results).forEach((s, n) -> counts.put(s.name().toLowerCase(Locale.ROOT), n));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", schema);
        doc.put("runtime", InstallCommand.json(install));
        doc.put("entities", entities);
        doc.put("counts", counts);
        doc.put("ok", results.stream().noneMatch(ConversionResult::failed));
        doc.put("duration_ms", totalMs);
        return doc;
    }
}

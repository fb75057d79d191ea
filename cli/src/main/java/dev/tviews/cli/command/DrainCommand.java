package dev.tviews.cli.command;

import dev.tviews.cli.Catalog;
import dev.tviews.cli.CliException;
import dev.tviews.cli.DatabaseCommand;
import dev.tviews.cli.ExitCode;
import dev.tviews.cli.Output;
import dev.tviews.common.queue.DrainProgress;
import dev.tviews.common.queue.DrainReport;
import dev.tviews.common.queue.QueueDrainer;
import dev.tviews.common.support.Json;
import java.sql.Connection;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tviews drain}: works off pg_tview_queue through {@link QueueDrainer}, a progress line per batch. */
@Command(name = "drain",
        description = {"Refresh the keys waiting in pg_tview_queue (async TVIEWs, and work left by bulk mode), batch by "
                + "batch, each batch committed on its own, until nothing is left to do or --max-items entries were "
                + "handled. Several drains may run at once (FOR UPDATE SKIP LOCKED). One progress line per batch.",
                "Exits 1 when an entry failed to refresh (it stays queued with its error and is retried later)."})
public final class DrainCommand extends DatabaseCommand {

    @Spec
    private CommandSpec spec;

    @Option(names = "--batch", paramLabel = "N",
            description = "Queue entries per batch, i.e. per transaction (default: " + QueueDrainer.DEFAULT_BATCH_SIZE + ").")
    private int batch = QueueDrainer.DEFAULT_BATCH_SIZE;

    @Option(names = "--max-items", paramLabel = "N",
            description = "Stop after N queue entries (default: drain until nothing is left to do).")
    private Long maxItems;

    @Mixin
    private RuntimeSchemaOption runtimeSchema;

    @Override
    protected void validate() {
        if (batch < 1) {
            throw new ParameterException(spec.commandLine(), "--batch must be at least 1, not " + batch);
        }
        if (maxItems != null && maxItems < 1) {
            throw new ParameterException(spec.commandLine(), "--max-items must be at least 1, not " + maxItems);
        }
    }

    @Override
    protected int run(Connection connection, Catalog catalog, Output output) throws Exception {
        String runtime = catalog.requireRuntime(runtimeSchema.schema());
        QueueDrainer drainer = new QueueDrainer(connection, runtime).withBatchSize(batch)
                .withProgress(p -> output.progress(line(p)));
        if (maxItems != null) {
            drainer = drainer.withMaxItems(maxItems);
        }
        DrainReport report = drainer.drain();
        double ms = report.elapsed().toNanos() / 1e6;
        if (output.json()) {
            output.printJson(Json.object("processed", report.processed(), "failed", report.failed(),
                    "remaining", report.remaining(), "batches", report.batches(), "duration_ms", ms));
        } else {
            output.out().println(String.format(Locale.ROOT, "drained %d %s in %d %s and %.1f ms: %d failed, %d remaining",
                    report.processed(), report.processed() == 1 ? "entry" : "entries", report.batches(),
                    report.batches() == 1 ? "batch" : "batches", ms, report.failed(), report.remaining()));
            output.out().flush();
        }
        if (report.failed() > 0) {
            throw new CliException(report.failed() + " failed refresh attempt" + (report.failed() == 1 ? "" : "s")
                    + ": failing entries stay queued with their last error and are retried after a backoff; tviews status "
                    + "shows the error, SELECT * FROM pg_tview_queue WHERE last_error IS NOT NULL lists them");
        }
        return ExitCode.OK;
    }

    private static String line(DrainProgress p) {
        String entities = p.batchByEntity().isEmpty() ? "nothing to do"
                : p.batchByEntity().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "batch %d: %s; %d refreshed, %d failed so far (%.1f ms)", p.batch(), entities,
                p.processedTotal(), p.failedTotal(), p.elapsed().toNanos() / 1e6);
    }
}

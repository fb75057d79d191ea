package dev.tviews.cli.command;

import dev.tviews.cli.Catalog;
import dev.tviews.cli.DatabaseCommand;
import dev.tviews.cli.ExitCode;
import dev.tviews.cli.Output;
import dev.tviews.common.operations.RefreshAllResult;
import dev.tviews.common.operations.Refresher;
import dev.tviews.common.support.Json;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tviews refresh [entity]}: pg_tviews_refresh / pg_tviews_refresh_all. */
@Command(name = "refresh",
        description = {"Rebuild a TVIEW from its view (pg_tviews_refresh), or every TVIEW in dependency order when no "
                + "entity is given (pg_tviews_refresh_all). Only rows that differ are written."})
public final class RefreshCommand extends DatabaseCommand {

    @Parameters(arity = "0..1", paramLabel = "ENTITY", description = "The TVIEW (post, tv_post or schema.tv_post); default: all.")
    private String entity;

    @Mixin
    private RuntimeSchemaOption runtimeSchema;

    @Override
    protected int run(Connection connection, Catalog catalog, Output output) throws Exception {
        String runtime = catalog.requireRuntime(runtimeSchema.schema());
        Refresher refresher = new Refresher(connection, runtime);
        List<String> refreshed;
        double ms;
        if (entity == null) {
            RefreshAllResult all = refresher.refreshAll();
            refreshed = all.refreshed();
            ms = all.durationMs();
        } else {
            long started = System.nanoTime();
            refresher.refresh(entity);
            ms = (System.nanoTime() - started) / 1e6;
            refreshed = List.of(entity);
        }
        if (output.json()) {
            output.printJson(Json.object("refreshed", refreshed, "duration_ms", ms));
        } else if (entity != null) {
            output.out().println(String.format(Locale.ROOT, "refreshed %s in %.1f ms", entity, ms));
        } else if (refreshed.isEmpty()) {
            output.out().println("no TVIEWs registered: nothing to refresh");
        } else {
            output.out().println(String.format(Locale.ROOT, "refreshed %d TVIEW%s in %.1f ms: %s", refreshed.size(),
                    refreshed.size() == 1 ? "" : "s", ms, String.join(", ", refreshed)));
        }
        output.out().flush();
        return ExitCode.OK;
    }
}

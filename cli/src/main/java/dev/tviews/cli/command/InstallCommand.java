package dev.tviews.cli.command;

import dev.tviews.cli.Catalog;
import dev.tviews.cli.DatabaseCommand;
import dev.tviews.cli.ExitCode;
import dev.tviews.cli.Output;
import dev.tviews.common.InstallResult;
import dev.tviews.common.RuntimeInstaller;
import dev.tviews.common.support.Json;
import java.sql.Connection;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tviews install}: install or upgrade the runtime. */
@Command(name = "install",
        description = {"Install the tviews runtime, or upgrade it in place (registrations and rows are kept).",
                "Installing the version already there changes nothing."})
public final class InstallCommand extends DatabaseCommand {

    @Option(names = "--runtime-schema", paramLabel = "SCHEMA",
            description = "Schema to hold the runtime (default: the runtime's schema when one is installed, else the first "
                    + "schema of the search_path, normally public).")
    private String runtimeSchema;

    @Override
    protected int run(Connection connection, Catalog catalog, Output output) throws Exception {
        String schema = catalog.installTarget(runtimeSchema);
        InstallResult result = new RuntimeInstaller(connection).install(schema);
        if (output.json()) {
            output.printJson(json(result));
        } else {
            output.out().println(result);
        }
        return ExitCode.OK;
    }

    static Map<String, Object> json(InstallResult result) {
        return Json.object("schema", result.schema(), "version", result.version(),
                "previous_version", result.previousVersion(), "action", result.action().name().toLowerCase(Locale.ROOT),
                "duration_ms", result.duration().toNanos() / 1e6);
    }
}

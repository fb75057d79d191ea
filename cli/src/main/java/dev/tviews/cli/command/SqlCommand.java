package dev.tviews.cli.command;

import dev.tviews.cli.ExitCode;
import dev.tviews.cli.TViewsCommand;
import dev.tviews.common.RuntimeScript;
import picocli.CommandLine.Command;

/** {@code tviews sql}: the runtime install script, for psql -f or a migration of your own. */
@Command(name = "sql",
        description = {"Print the tviews runtime install script (for psql -f, or to put into a migration of your own).",
                "It installs into the first schema of the search_path and is safe to run again:",
                "  tviews sql > tviews-runtime.sql && psql -d mydb -f tviews-runtime.sql"})
public final class SqlCommand extends TViewsCommand {

    @Override
    public Integer call() {
        out().print(RuntimeScript.load().psqlScript());
        out().flush();
        return ExitCode.OK;
    }
}

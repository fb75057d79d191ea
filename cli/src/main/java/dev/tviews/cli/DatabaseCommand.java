package dev.tviews.cli;

import java.sql.Connection;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A subcommand that works on a database: the connection options, {@code --json}, and one connection (auto-commit
 * on) for {@link #run}, closed afterwards.
 */
public abstract class DatabaseCommand extends TViewsCommand {

    @Mixin
    private ConnectionOptions connectionOptions;

    @Option(names = "--json", description = "Print one JSON document on stdout instead of tables (progress goes to stderr).")
    private boolean json;

    /** Where to write, and whether as JSON. */
    protected Output output() {
        return new Output(out(), err(), json);
    }

    /** Checks the options before connecting; throws {@link picocli.CommandLine.ParameterException} (exit 2). */
    protected void validate() {
    }

    @Override
    public final Integer call() throws Exception {
        validate();
        ConnectionTarget target = connectionOptions.target(environment());
        try (Connection connection = target.open()) {
            return run(connection, new Catalog(connection), output());
        }
    }

    /** Does the work; returns the exit code. */
    protected abstract int run(Connection connection, Catalog catalog, Output output) throws Exception;
}

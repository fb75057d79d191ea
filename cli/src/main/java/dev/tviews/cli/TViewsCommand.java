package dev.tviews.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every subcommand has: {@code --help} (also {@code -?}, since {@code -h} is the host, as in psql),
 * {@code --verbose}, the tool's environment, and stdout/stderr through picocli, so that tests capture them.
 */
public abstract class TViewsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private TViewsCli tool;

    @Option(names = {"-?", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--verbose", description = "On failure, print the stack trace too.")
    private boolean verbose;

    /** Whether {@code --verbose} was given. */
    public boolean verbose() {
        return verbose;
    }

    protected Environment environment() {
        return tool.environment();
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }
}

package dev.tviews.cli;

import dev.tviews.cli.command.ConvertCommand;
import dev.tviews.cli.command.DrainCommand;
import dev.tviews.cli.command.InstallCommand;
import dev.tviews.cli.command.PlanCommand;
import dev.tviews.cli.command.RefreshCommand;
import dev.tviews.cli.command.SqlCommand;
import dev.tviews.cli.command.StatusCommand;
import dev.tviews.cli.command.VerifyCommand;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code tviews} command: {@code main}, and the picocli setup tests use with an environment of their own. */
@Command(name = "tviews",
        description = "Transactional materialized views (TVIEWs) for PostgreSQL: install the runtime, convert tv_* tables, "
                + "check and repair them.",
        mixinStandardHelpOptions = true,
        versionProvider = TViewsCli.Version.class,
        subcommands = {SqlCommand.class, InstallCommand.class, PlanCommand.class, ConvertCommand.class,
                StatusCommand.class, VerifyCommand.class, RefreshCommand.class, DrainCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  ok",
                "  1  the operation failed: cannot connect, conversion error,",
                "     verify found a difference, ...",
                "  2  usage error",
                "",
                "tviews COMMAND --help shows a command's options; docs/cli.md has examples."})
public final class TViewsCli implements Callable<Integer> {

    private final Environment environment;

    @Spec
    private CommandSpec spec;

    public TViewsCli(Environment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    public static void main(String[] args) {
        System.exit(commandLine(Environment.system()).execute(args));
    }

    /** The tool with its error handling, reading {@code environment} instead of the process's. */
    public static CommandLine commandLine(Environment environment) {
        ErrorReporter errors = new ErrorReporter();
        return new CommandLine(new TViewsCli(environment))
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
    }

    Environment environment() {
        return environment;
    }

    /** {@code tviews} without a command: the usage on stderr, a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    /** The version from the build (version.properties, filtered by Maven). */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = TViewsCli.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"tviews " + p.getProperty("version", "(unknown version)")};
        }
    }
}

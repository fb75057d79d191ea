package dev.tviews.cli;

import dev.tviews.common.support.Errors;
import java.io.PrintWriter;
import java.sql.SQLException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * Turns every failure into one line on stderr starting with {@code tviews: } and an exit code: usage errors 2,
 * failed operations 1. The stack trace follows only with {@code --verbose}.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String message = Errors.oneLine(ex.getMessage()).replaceAll("\\.$", "");
        err.println("tviews: " + message + " (see " + cmd.getCommandSpec().qualifiedName() + " --help)");
        err.flush();
        return ExitCode.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        err.println("tviews: " + message(ex));
        if (cmd.getCommand() instanceof TViewsCommand command && command.verbose()) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCode.FAILED;
    }

    private static String message(Exception ex) {
        if (ex instanceof CliException || ex instanceof dev.tviews.common.TViewsException) {
            String m = Errors.oneLine(ex.getMessage());
            return m.startsWith("tviews: ") ? m.substring(8) : m;
        }
        if (ex instanceof SQLException sql) {
            return Errors.oneLine(sql.getMessage()) + " (SQLSTATE " + sql.getSQLState() + "; --verbose shows where)";
        }
        return "unexpected " + ex.getClass().getSimpleName() + ": " + Errors.oneLine(ex.getMessage())
                + " (run again with --verbose for the stack trace)";
    }

}

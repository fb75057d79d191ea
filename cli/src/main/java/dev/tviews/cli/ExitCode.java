package dev.tviews.cli;

/** The exit codes scripts can rely on. */
public final class ExitCode {

    /** The operation succeeded (verify: every TVIEW is exact; status: no health check failed). */
    public static final int OK = 0;
    /** The operation failed: cannot connect, conversion error, verify found differences, unknown schema or TVIEW. */
    public static final int FAILED = 1;
    /** The command line is wrong: unknown command or option, bad value, conflicting options. */
    public static final int USAGE = 2;

    private ExitCode() {
    }
}

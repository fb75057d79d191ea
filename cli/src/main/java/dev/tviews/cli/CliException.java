package dev.tviews.cli;

/**
 * The operation failed for a reason the user can act on; the message is one sentence saying what failed and
 * what to do. Reported on one line of stderr, exit code 1.
 */
public class CliException extends RuntimeException {


    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}

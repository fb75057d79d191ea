package dev.tviews.testsupport;

/**
 * The test server could not be had (Docker unreachable, embedded binaries of the wrong major, bad
 * {@code TVIEWS_TEST_JDBC_URL}...). Carries no stack trace of its own: the message says what to do, and the
 * cause (if any) holds the details.
 */
public final class PostgresUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PostgresUnavailableException(String message) {
        super(message, null, false, false);
    }

    public PostgresUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}

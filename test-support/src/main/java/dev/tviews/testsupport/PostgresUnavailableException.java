package dev.tviews.testsupport;

import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * The test server could not be had (Docker unreachable, embedded binaries of the wrong major, bad
 * {@code TVIEWS_TEST_JDBC_URL}...). The message says what to do; the exception carries no stack trace of its
 * own, so a test report shows one line (plus the cause, if any, which holds the details).
 *
 * <p>It is a {@link ParameterResolutionException} so that JUnit reports it as is, also when it surfaces while
 * injecting a {@link TestDatabase} or {@link TestServer} parameter, instead of wrapping it.
 */
public final class PostgresUnavailableException extends ParameterResolutionException {

    private static final long serialVersionUID = 1L;

    public PostgresUnavailableException(String message) {
        super(message);
    }

    public PostgresUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}

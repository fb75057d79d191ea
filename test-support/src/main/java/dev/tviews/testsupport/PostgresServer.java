package dev.tviews.testsupport;

/**
 * A running PostgreSQL server the harness can create databases on. One per test JVM, closed when the
 * JUnit root context closes.
 */
interface PostgresServer extends AutoCloseable {

    TestServer.Kind kind();

    /** JDBC URL of a database that exists on the server, used to create and drop the test databases. */
    String adminJdbcUrl();

    String user();

    String password();

    /** Stops the server, if the harness started it. Never throws. */
    @Override
    void close();
}

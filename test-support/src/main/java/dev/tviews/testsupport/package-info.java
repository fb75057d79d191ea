/**
 * Test harness: a JUnit 5 extension that runs tests against a real PostgreSQL server.
 *
 * <p>Annotate a test class with {@link dev.tviews.testsupport.PostgresTest}; the class gets its own freshly
 * created database (dropped after the class), injected as a {@link dev.tviews.testsupport.TestDatabase}
 * parameter. {@link dev.tviews.testsupport.TestServer} gives superuser access to the server for tests that
 * create roles or extra databases. The server is started once per test JVM: embedded binaries (default,
 * major picked by {@code -Dpg.version}), an external server ({@code TVIEWS_TEST_JDBC_URL}), or Testcontainers
 * ({@code -Dtviews.test.pg=testcontainers}).
 *
 * <p>Stability: internal to the tviews build; used by the other modules with scope {@code test}.
 */
package dev.tviews.testsupport;

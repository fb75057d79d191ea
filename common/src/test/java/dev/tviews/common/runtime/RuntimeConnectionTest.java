package dev.tviews.common.runtime;

import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test that works on one connection {@link #c} with the runtime installed in public: opened before each
 * test (before the subclass's own {@code @BeforeEach} methods, which build its schema) and closed after it.
 */
@PostgresTest
abstract class RuntimeConnectionTest {

    /** The connection of the running test. */
    protected Connection c;

    @BeforeEach
    void connectWithRuntime(TestDatabase db) throws SQLException {
        c = RuntimeFixture.connectWithRuntime(db);
    }

    @AfterEach
    void closeConnection() throws SQLException {
        c.close();
    }
}

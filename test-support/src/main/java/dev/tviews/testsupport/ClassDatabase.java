package dev.tviews.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A test class's database, kept in the class's store. Dropped by {@code afterAll}, or by the store when it
 * closes if the extension was only registered on a {@code @Nested} class.
 */
final class ClassDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClassDatabase.class);

    private final TestServer server;
    private final TestDatabase database;
    private final AtomicBoolean dropped = new AtomicBoolean();

    ClassDatabase(TestServer server, TestDatabase database) {
        this.server = server;
        this.database = database;
    }

    TestDatabase database() {
        return database;
    }

    /** Drops the database, ending any session still connected to it. A failure is logged, not thrown. */
    @Override
    public void close() {
        if (!dropped.compareAndSet(false, true)) {
            return;
        }
        try (Connection connection = server.connectAdmin();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + RunningServer.quoteIdentifier(database.name())
                    + " WITH (FORCE)");
            LOG.debug("Dropped database {}", database.name());
        } catch (SQLException e) {
            LOG.warn("Could not drop test database {}: {}", database.name(), e.getMessage());
        }
    }
}

package dev.tviews.liquibase;

import dev.tviews.testsupport.TestDatabase;
import dev.tviews.testsupport.TestServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** An extra, empty database on the test server for one test, dropped when closed. */
final class ScratchDatabase implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final TestServer server;
    private final TestDatabase database;

    private ScratchDatabase(TestServer server, TestDatabase database) {
        this.server = server;
        this.database = database;
    }

    static ScratchDatabase create(TestServer server, String purpose) throws Exception {
        String name = ("tviews_lb_" + purpose + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet())
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        try (Connection admin = server.connectAdmin(); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
        }
        return new ScratchDatabase(server, server.database(name));
    }

    TestDatabase database() {
        return database;
    }

    @Override
    public void close() throws SQLException {
        try (Connection admin = server.connectAdmin(); Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database.name() + " WITH (FORCE)");
        }
    }
}

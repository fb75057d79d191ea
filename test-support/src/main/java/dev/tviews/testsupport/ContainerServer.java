package dev.tviews.testsupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** PostgreSQL in a Docker container ({@code postgres:<pg.version>}) started by Testcontainers. */
final class ContainerServer implements PostgresServer {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerServer.class);

    private final PostgreSQLContainer container;

    private ContainerServer(PostgreSQLContainer container) {
        this.container = container;
    }

    static ContainerServer start(Integer pgVersion) {
        if (!dockerAvailable()) {
            throw new PostgresUnavailableException("Docker isn't reachable, so -Dtviews.test.pg=testcontainers "
                    + "can't start PostgreSQL: drop that option to use the embedded server (the default), or set "
                    + HarnessSettings.URL_ENV + " to use an existing server.");
        }
        String image = "postgres:" + (pgVersion == null ? 18 : pgVersion);
        PostgreSQLContainer container = new PostgreSQLContainer(image)
                .withDatabaseName("postgres")
                .withUsername("postgres")
                .withPassword("postgres")
                .withCommand("postgres", "-c", "fsync=off", "-c", "synchronous_commit=off",
                        "-c", "full_page_writes=off", "-c", "max_connections=200");
        try {
            container.start();
        } catch (RuntimeException e) {
            container.stop();
            throw new PostgresUnavailableException("Testcontainers could not start " + image + " ("
                    + e.getMessage() + ").", e);
        }
        return new ContainerServer(container);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public TestServer.Kind kind() {
        return TestServer.Kind.TESTCONTAINERS;
    }

    @Override
    public String adminJdbcUrl() {
        return "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/postgres";
    }

    @Override
    public String user() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }

    @Override
    public void close() {
        try {
            container.stop();
        } catch (RuntimeException e) {
            LOG.warn("Could not stop the PostgreSQL container: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL container " + container.getDockerImageName();
    }
}

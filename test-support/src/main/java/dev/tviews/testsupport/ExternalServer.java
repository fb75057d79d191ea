package dev.tviews.testsupport;

/**
 * A server the harness did not start, named by {@code TVIEWS_TEST_JDBC_URL} ({@code TVIEWS_TEST_USER},
 * {@code TVIEWS_TEST_PASSWORD}). The URL's database must exist; the user must be allowed to create databases
 * and roles. Closing it does nothing.
 */
final class ExternalServer implements PostgresServer {

    private final String url;
    private final String user;
    private final String password;

    ExternalServer(String url, String user, String password) {
        if (url == null) {
            throw new PostgresUnavailableException("-D" + HarnessSettings.SOURCE_PROPERTY + "=external needs "
                    + HarnessSettings.URL_ENV + ", e.g. jdbc:postgresql://localhost:5433/postgres.");
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new PostgresUnavailableException(HarnessSettings.URL_ENV + "=" + url
                    + " is not a PostgreSQL JDBC URL: use jdbc:postgresql://HOST:PORT/DATABASE.");
        }
        this.url = JdbcUrls.database(url) == null ? JdbcUrls.withDatabase(url, "postgres") : url;
        this.user = user;
        this.password = password;
    }

    @Override
    public TestServer.Kind kind() {
        return TestServer.Kind.EXTERNAL;
    }

    @Override
    public String adminJdbcUrl() {
        return url;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public void close() {
        // Not ours to stop.
    }

    @Override
    public String toString() {
        return "external PostgreSQL at " + url + " as " + user;
    }
}

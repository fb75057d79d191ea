package dev.tviews.testsupport;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the harness was asked for, read once per test run from configuration parameters and the environment.
 *
 * @param source           {@code auto}, {@code embedded}, {@code external} or {@code testcontainers}
 *                         (system property {@code tviews.test.pg})
 * @param pgVersion        the PostgreSQL major asked for with {@code -Dpg.version}, or {@code null}
 * @param externalUrl      {@code TVIEWS_TEST_JDBC_URL}, or {@code null}
 * @param externalUser     {@code TVIEWS_TEST_USER} (default {@code postgres})
 * @param externalPassword {@code TVIEWS_TEST_PASSWORD} (default empty)
 */
record HarnessSettings(String source, Integer pgVersion, String externalUrl, String externalUser,
                       String externalPassword) {

    static final String SOURCE_PROPERTY = "tviews.test.pg";
    static final String PG_VERSION_PROPERTY = "pg.version";
    static final String URL_ENV = "TVIEWS_TEST_JDBC_URL";
    static final String USER_ENV = "TVIEWS_TEST_USER";
    static final String PASSWORD_ENV = "TVIEWS_TEST_PASSWORD";

    /**
     * Reads {@code tviews.test.pg} and {@code pg.version} as JUnit configuration parameters (which fall back to
     * system properties, then {@code junit-platform.properties}) and the {@code TVIEWS_TEST_*} variables from
     * the environment.
     */
    static HarnessSettings from(ExtensionContext context) {
        return from(context.getConfigurationParameter(SOURCE_PROPERTY).orElse(null),
                context.getConfigurationParameter(PG_VERSION_PROPERTY).orElse(null), System.getenv());
    }

    static HarnessSettings from(String sourceProperty, String pgVersionProperty, Map<String, String> env) {
        String source = blankToNull(sourceProperty);
        source = source == null ? "auto" : source.toLowerCase(Locale.ROOT);
        if (!source.equals("auto") && !source.equals("embedded") && !source.equals("external")
                && !source.equals("testcontainers")) {
            throw new PostgresUnavailableException("-D" + SOURCE_PROPERTY + "=" + sourceProperty
                    + " is not known: use embedded (default), external (with " + URL_ENV + ") or testcontainers.");
        }
        Integer pgVersion = null;
        String version = blankToNull(pgVersionProperty);
        if (version != null) {
            try {
                pgVersion = Integer.valueOf(version);
            } catch (NumberFormatException e) {
                throw new PostgresUnavailableException("-D" + PG_VERSION_PROPERTY + "=" + version
                        + " is not a PostgreSQL major version: use 13, 14, 15, 16, 17 or 18.");
            }
        }
        String url = blankToNull(env.get(URL_ENV));
        String user = blankToNull(env.get(USER_ENV));
        String password = env.get(PASSWORD_ENV);
        return new HarnessSettings(source, pgVersion, url, user == null ? "postgres" : user,
                password == null ? "" : password);
    }

    /** The server kind to start: {@code auto} means external when {@code TVIEWS_TEST_JDBC_URL} is set. */
    TestServer.Kind kind() {
        return switch (source) {
            case "embedded" -> TestServer.Kind.EMBEDDED;
            case "external" -> TestServer.Kind.EXTERNAL;
            case "testcontainers" -> TestServer.Kind.TESTCONTAINERS;
            default -> externalUrl != null ? TestServer.Kind.EXTERNAL : TestServer.Kind.EMBEDDED;
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

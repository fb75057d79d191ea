package dev.tviews.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/**
 * The PostgreSQL server the benchmark runs on: an embedded one (binaries from Maven Central, stopped on
 * close) or an external one given by a JDBC URL. The admin user must be able to create databases.
 */
public final class BenchServer implements AutoCloseable {

    private final String adminUrl;
    private final String user;
    private final String password;
    private final EmbeddedPostgres embedded;

    private BenchServer(String adminUrl, String user, String password, EmbeddedPostgres embedded) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    /**
     * Starts an embedded server, configured like the test servers: the embedded binaries always start
     * with fsync off ({@code -F}), and synchronous_commit is off, so commits measure the SQL rather than
     * this machine's disk. Also a larger WAL, so bulk statements don't checkpoint mid-measurement, and
     * 512 MB shared buffers, so the 1M-post databases stay cached.
     */
    public static BenchServer embedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(120))
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("shared_buffers", "512MB")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("max_wal_size", "8GB")
                    .setServerConfig("checkpoint_timeout", "30min")
                    .setServerConfig("work_mem", "16MB")
                    .setServerConfig("maintenance_work_mem", "256MB")
                    .start();
            return new BenchServer("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres", "",
                    postgres);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL (" + e.getMessage()
                    + "). Its binaries exist for Linux x86-64 only; elsewhere pass -Dbench.url=jdbc:postgresql://...", e);
        }
    }

    /** An external server; {@code adminUrl} names a database the user can connect to (e.g. postgres). */
    public static BenchServer external(String adminUrl, String user, String password) {
        return new BenchServer(adminUrl, user, password, null);
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public Connection connectAdmin() throws SQLException {
        return connect(adminUrl);
    }

    /** Runs one statement on the admin database (CREATE DATABASE, CHECKPOINT, ...). */
    public void admin(String sql) throws SQLException {
        try (Connection c = connectAdmin()) {
            Db.exec(c, sql);
        }
    }

    /**
     * Creates the databases of the issue-15 scenarios: {@code <prefix>_seed}, loaded with {@code seedSql} and analyzed,
     * then one copy of it per {@link Flavor}; the seed is dropped again. Returns the copies' URLs.
     */
    public Map<Flavor, String> createFlavorDatabases(String prefix, String... seedSql) throws SQLException {
        String seed = prefix + "_seed";
        admin("CREATE DATABASE " + seed + " TEMPLATE template0");
        try (Connection c = connect(urlOf(seed))) {
            for (String sql : seedSql) {
                Db.exec(c, sql);
            }
            Db.exec(c, "VACUUM ANALYZE");
        }
        Map<Flavor, String> urls = new EnumMap<>(Flavor.class);
        for (Flavor f : Flavor.values()) {
            admin("CREATE DATABASE " + flavorDatabase(prefix, f) + " TEMPLATE " + seed);
            urls.put(f, urlOf(flavorDatabase(prefix, f)));
        }
        admin("DROP DATABASE " + seed);
        return urls;
    }

    /** Drops the databases of the issue-15 scenarios: {@code <prefix>_seed} and one per {@link Flavor}. */
    public void dropFlavorDatabases(String prefix) throws SQLException {
        admin("DROP DATABASE IF EXISTS " + prefix + "_seed WITH (FORCE)");
        for (Flavor f : Flavor.values()) {
            admin("DROP DATABASE IF EXISTS " + flavorDatabase(prefix, f) + " WITH (FORCE)");
        }
    }

    private static String flavorDatabase(String prefix, Flavor flavor) {
        return prefix + "_" + flavor.label();
    }

    /** The JDBC URL of another database on this server (same host, port and parameters). */
    public String urlOf(String database) {
        int scheme = adminUrl.indexOf("//");
        int slash = adminUrl.indexOf('/', scheme + 2);
        int query = adminUrl.indexOf('?');
        if (scheme < 0 || slash < 0) {
            throw new IllegalArgumentException("Cannot read a database name from " + adminUrl
                    + "; write the URL as jdbc:postgresql://host:port/database");
        }
        return adminUrl.substring(0, slash + 1) + database + (query < 0 ? "" : adminUrl.substring(query));
    }

    public Connection connect(String url) throws SQLException {
        Properties properties = new Properties();
        if (user != null && !user.isEmpty()) {
            properties.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url, properties);
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}

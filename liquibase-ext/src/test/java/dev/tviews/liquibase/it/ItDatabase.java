package dev.tviews.liquibase.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

/**
 * A PostgreSQL server for the maven-invoker-plugin run (src/it), outside the test JVM.
 *
 * <p>{@code start <dir>}: starts an embedded server, creates database tviews_it, writes
 * {@code <dir>/liquibase.properties} (url, username, password) and keeps running until the build
 * ends (exec-maven-plugin destroys it; the server stops with it) or {@code <dir>/stop} appears.
 * {@code await <dir>}: waits up to two minutes for that file (a fresh one).
 */
public final class ItDatabase {

    private ItDatabase() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("Usage: ItDatabase start|await <directory>");
        }
        Path dir = Path.of(args[1]);
        Path properties = dir.resolve("liquibase.properties");
        if ("await".equals(args[0])) {
            // A file left by an earlier build is older than this process: wait for the one written now.
            Instant since = Instant.now().minusSeconds(2);
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (!Files.exists(properties) || Files.getLastModifiedTime(properties).toInstant().isBefore(since)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("The PostgreSQL server for the invoker run did not start: no " + properties);
                }
                Thread.sleep(200);
            }
            return;
        }
        Files.createDirectories(dir);
        Files.deleteIfExists(properties);
        Files.deleteIfExists(dir.resolve("stop"));
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(120))
                .setLocaleConfig("locale", "C")
                .setServerConfig("fsync", "off")
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception e) {
                System.err.println("Could not stop the invoker run's PostgreSQL: " + e);
            }
        }));
        String admin = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
        try (Connection c = DriverManager.getConnection(admin, "postgres", ""); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE tviews_it TEMPLATE template0 ENCODING 'UTF8'");
        }
        Path tmp = dir.resolve("liquibase.properties.tmp");
        Files.writeString(tmp, "url=jdbc:postgresql://localhost:" + postgres.getPort() + "/tviews_it\n"
                + "username=postgres\npassword=\n");
        Files.move(tmp, properties, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("PostgreSQL for the invoker run on port " + postgres.getPort());
        while (!Files.exists(dir.resolve("stop"))) {
            Thread.sleep(500);
        }
        System.exit(0);
    }
}

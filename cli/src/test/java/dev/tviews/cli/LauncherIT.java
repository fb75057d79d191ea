package dev.tviews.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged tool as a user runs it: bin/tviews starting target/tviews-cli.jar in a JVM of its own, with
 * nothing on the class path but the shaded jar (driver, picocli, common and SLF4J inside).
 */
@PostgresTest
class LauncherIT {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("..").normalize();

    record Process(int exitCode, String out, String err) {
    }

    private static Process launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", ROOT.resolve("bin/tviews").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("PG"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        Path out = Files.createTempFile("tviews-out", ".txt");
        Path err = Files.createTempFile("tviews-err", ".txt");
        try {
            java.lang.Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("bin/tviews " + String.join(" ", args) + " did not finish");
            }
            return new Process(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void theLauncherRunsTheShadedJar() throws Exception {
        assertThat(ROOT.resolve("cli/target/tviews-cli.jar")).exists();

        Process version = launch(Map.of(), "--version");
        assertThat(version.exitCode()).as("%s", version).isZero();
        assertThat(version.out()).startsWith("tviews ");

        Process sql = launch(Map.of(), "sql");
        assertThat(sql.exitCode()).isZero();
        assertThat(sql.out()).contains("CREATE OR REPLACE FUNCTION pg_tviews_auto_convert");
    }

    @Test
    void theShadedJarConnectsInstallsAndReportsWithoutLogNoise(TestDatabase db) throws Exception {
        Map<String, String> env = db.password().isEmpty() ? Map.of() : Map.of("PGPASSWORD", db.password());

        Process install = launch(env, "install", "--url", db.jdbcUrl(), "-U", db.user(), "--json");
        assertThat(install.exitCode()).as("%s", install).isZero();
        assertThat(install.err()).as("no SLF4J or driver noise on stderr").isEmpty();
        JsonNode doc = new ObjectMapper().readTree(install.out());
        assertThat(doc.get("action").asText()).isEqualTo("installed");

        Process status = launch(env, "status", "--url", db.jdbcUrl(), "-U", db.user());
        assertThat(status.exitCode()).as("%s", status).isZero();
        assertThat(status.out()).contains("no TVIEWs registered");

        Process refused = launch(env, "status", "-h", "localhost", "-p", "1", "-U", "postgres", "-d", "x");
        assertThat(refused.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(refused.err().lines()).containsExactly("tviews: cannot connect to localhost:1/x as postgres: connection "
                + "refused (check -h/-p or PGHOST/PGPORT, and that PostgreSQL is running there)");

        Process usage = launch(env, "status", "--no-such-option");
        assertThat(usage.exitCode()).isEqualTo(ExitCode.USAGE);
    }
}

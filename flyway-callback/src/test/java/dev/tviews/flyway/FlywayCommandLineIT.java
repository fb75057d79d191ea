package dev.tviews.flyway;

import static dev.tviews.flyway.FlywayFixture.connect;
import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.number;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.testsupport.Jdbc;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Flyway command line, as the README sets it up: the {@code -all} jar in the installation's {@code jars/} folder,
 * {@code -callbacks=dev.tviews.flyway.TViewsCallback}, settings as {@code -placeholders.tviews.*}. The installation is
 * assembled by the build in target/flyway-commandline (its {@code lib/}: see the pom); {@code org.flywaydb.commandline.Main}
 * runs in a JVM of its own, as the {@code flyway} script runs it. It ships slf4j-nop, so the callback's lines go to
 * Flyway's own output.
 */
@PostgresTest
class FlywayCommandLineIT {

    /** The shared blog fixture's migrations (test-support), migrated from their source folder. */
    private static final Path BLOG = Path.of("../test-support/src/main/resources/db/blog").toAbsolutePath().normalize();
    private static final Path HOME = Path.of(System.getProperty("tviews.flyway.cli.home", "target/flyway-commandline"));

    @Test
    void migrateWithTheCommandLineConvertsAndASecondMigrateChangesNothing(TestDatabase db) throws Exception {
        Path jars = Files.createDirectories(HOME.resolve("jars"));
        Path allJar = Path.of(System.getProperty("tviews.flyway.all.jar"));
        Files.copy(allJar, jars.resolve(allJar.getFileName()), StandardCopyOption.REPLACE_EXISTING);

        Result first = flyway(db, "migrate");
        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(first.output()).contains("Successfully applied 3 migrations to schema \"cli\"")
                .contains("tviews: CREATED   cli.post", "tviews: SKIPPED   cli.comment", "excluded by pattern comment")
                .contains("tviews: converted schema cli: 3 entities (2 created, 0 replaced, 0 unchanged, 1 skipped, 0 errors)");
        try (Connection c = connect(db, "cli")) {
            assertThat(number(c, "SELECT count(*) FROM pg_tview_meta")).isEqualTo(2);
            exec(c, "UPDATE tb_user SET name = 'Alice Liddell' WHERE pk_user = 1");
            assertThat(number(c, "SELECT count(*) FROM tv_user WHERE data->>'name' = 'Alice Liddell'")).isEqualTo(1);
            for (String entity : List.of("user", "post")) {
                assertThat(number(c, "SELECT count(*) FROM ((SELECT row(pk_" + entity + ", data)::text FROM tv_" + entity
                        + " EXCEPT ALL SELECT row(pk_" + entity + ", data)::text FROM v_" + entity + ") UNION ALL (SELECT row(pk_"
                        + entity + ", data)::text FROM v_" + entity + " EXCEPT ALL SELECT row(pk_" + entity + ", data)::text FROM tv_"
                        + entity + ")) d")).as(entity).isZero();
            }
        }

        Result second = flyway(db, "migrate");
        assertThat(second.exit()).as(second.output()).isZero();
        assertThat(second.output()).contains("Schema \"cli\" is up to date. No migration necessary.")
                .contains("(0 created, 0 replaced, 2 unchanged, 1 skipped, 0 errors)");
    }

    @Test
    void aFlywayTomlNamesTheCallbackAndItsPlaceholders(TestDatabase db, @TempDir Path dir) throws Exception {
        Path jars = Files.createDirectories(HOME.resolve("jars"));
        Path allJar = Path.of(System.getProperty("tviews.flyway.all.jar"));
        Files.copy(allJar, jars.resolve(allJar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Path toml = dir.resolve("flyway.toml");
        Files.writeString(toml, String.join("\n",
                "[flyway]",
                "callbacks = [\"dev.tviews.flyway.TViewsCallback\"]",
                "locations = [\"filesystem:" + BLOG + "\"]",
                "",
                "[flyway.placeholders]",
                "\"tviews.exclude\" = \"comment\"",
                ""));

        Result result = run(db, List.of("-configFiles=" + toml, "-schemas=toml"), "migrate");
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("tviews: SKIPPED   toml.comment", "excluded by pattern comment")
                .contains("tviews: converted schema toml: 3 entities (2 created, 0 replaced, 0 unchanged, 1 skipped, 0 errors)");
        try (Connection c = connect(db, "toml")) {
            assertThat(number(c, "SELECT count(*) FROM pg_tview_meta")).isEqualTo(2);
        }
    }

    private record Result(int exit, String output) {
    }

    /** Runs {@code flyway <command>} from the installation as its script does: java -cp lib/*:lib/flyway/* org.flywaydb.commandline.Main. */
    private static Result flyway(TestDatabase db, String command) throws IOException, InterruptedException {
        // -placeholders.tviews.exclude=... is refused by this command line (its TOML-backed configuration reads the
        // dotted name as a nested table); the underscore form is the same setting to tviews.
        return run(db, List.of("-schemas=cli", "-locations=filesystem:" + BLOG,
                "-callbacks=dev.tviews.flyway.TViewsCallback", "-placeholders.tviews_exclude=comment"), command);
    }

    private static Result run(TestDatabase db, List<String> settings, String command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", HOME.resolve("lib").toAbsolutePath() + "/*" + File.pathSeparator + HOME.resolve("lib/flyway").toAbsolutePath() + "/*",
                "org.flywaydb.commandline.Main", "-url=" + db.jdbcUrl(), "-user=" + db.user()));
        cmd.addAll(settings);
        if (!db.password().isEmpty()) {
            cmd.add("-password=" + db.password());
        }
        cmd.add(command);
        Process process = new ProcessBuilder(cmd).directory(HOME.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        return new Result(process.exitValue(), output);
    }
}

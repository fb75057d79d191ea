package dev.tviews.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What needs no database: help, version, the install script, usage errors (exit 2), the launcher, the JSON writer. */
class UsageTest {

    private final Cli cli = Cli.withoutEnvironment();

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        Cli.Run run = cli.run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("sql", "install", "plan", "convert", "status", "verify", "refresh", "drain")
                .contains("Exit codes:").contains("2  usage error");
    }

    @Test
    void commandHelpUsesDashQuestionMarkBecauseDashHIsTheHost() {
        Cli.Run run = cli.run("convert", "-?");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("-h, --host=HOST").contains("-s, --schema=SCHEMA").contains("--plan")
                .contains("--json").contains("--url=JDBC_URL");
    }

    @Test
    void helpCommandShowsACommandsHelp() {
        Cli.Run run = cli.run("help", "refresh");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: tviews refresh").contains("[ENTITY]");
    }

    @Test
    void versionIsTheBuildVersion() {
        Cli.Run run = cli.run("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).matches("tviews \\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void sqlPrintsTheInstallScript() {
        Cli.Run run = cli.run("sql");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("-- tviews runtime install script").contains("\\set ON_ERROR_STOP on")
                .contains("pg_tviews_create(entity text, select_sql text)").endsWith("COMMIT;\n");
    }

    @Test
    void usageErrorsExitWithTwoAndOneLine() {
        for (List<String> args : List.of(List.of("frobnicate"), List.of("status", "--frobnicate"),
                List.of("verify", "a", "b"), List.of("plan", "-s"), List.of("help", "nosuch"))) {
            Cli.Run run = cli.run(args.toArray(String[]::new));
            assertThat(run.exitCode()).as("%s: %s", args, run).isEqualTo(ExitCode.USAGE);
            assertThat(run.out()).isEmpty();
            assertThat(run.errLines()).as("%s", args).singleElement().asString().startsWith("tviews: ").doesNotContain(". (").endsWith(" --help)");
        }
    }

    @Test
    void noCommandShowsTheUsageAndIsAUsageError() {
        Cli.Run run = cli.run();

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("Usage: tviews");
    }

    @Test
    void theLauncherExistsAndIsExecutable() {
        Path launcher = Path.of(System.getProperty("user.dir")).resolve("../bin/tviews").normalize();

        assertThat(launcher).exists();
        assertThat(Files.isExecutable(launcher)).as("%s is executable", launcher).isTrue();
        assertThat(launcher).content().startsWith("#!/bin/sh").contains("cli/target/tviews-cli.jar")
                .contains("./mvnw -B -q -pl cli -am package -DskipTests");
    }

    @Test
    void theJsonWriterEscapesWhatJsonRequires() throws Exception {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "quote \" backslash \\ newline \n tab \t bell \u0007 ü");
        value.put("numbers", List.of(1, 2.5, -0.001, Double.NaN, 12L));
        value.put("empty", List.of());
        value.put("nothing", null);
        value.put("flag", true);

        JsonNode parsed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dev.tviews.common.support.Json.pretty(value));

        assertThat(parsed.get("text").asText()).isEqualTo(value.get("text"));
        assertThat(parsed.get("numbers").toString()).isEqualTo("[1,2.5,-0.001,null,12]");
        assertThat(parsed.get("empty").isArray()).isTrue();
        assertThat(parsed.get("nothing").isNull()).isTrue();
        assertThat(parsed.get("flag").asBoolean()).isTrue();
    }
}

package dev.tviews.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The only benchmark in the build: every scenario at 200 posts, 3 repetitions, to check that the harness
 * still works (a row per scenario with sane positive numbers, verification ran, the reports are written).
 * No timing is asserted.
 */
@PostgresTest
class BenchmarkSmokeTest {

    private static final String PREFIX = "tviews_bench_smoke";

    private static RunResults results;
    private static String log;
    private static Path reports;

    @BeforeAll
    static void run(TestServer server, @TempDir Path dir) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        BenchmarkOptions options = new BenchmarkOptions(List.of(200), List.of(3), List.of(1), 300, server.adminJdbcUrl(),
                server.user(), server.password(), dir, PREFIX);
        try (BenchServer bench = BenchServer.external(server.adminJdbcUrl(), server.user(), server.password())) {
            results = new BenchmarkRun(bench, options, new PrintStream(buffer, true, StandardCharsets.UTF_8)).run();
        }
        log = buffer.toString(StandardCharsets.UTF_8);
        reports = dir;
        new ReportWriter(dir).write(results);
    }

    @Test
    void everyScenarioHasARowWithPositiveMediansOnTheDatabasesItMeasures() {
        ScaleResults scale = results.scales().get(0);
        List<String> expected = Scenarios.of(new BlogSchema(200)).stream().map(Scenario::id).toList();
        assertThat(scale.scenarios()).extracting(ScenarioResult::id).containsExactlyElementsOf(expected);
        for (ScenarioResult r : scale.scenarios()) {
            List<Variant> measured = r.id().equals("full_refresh") ? List.of(Variant.TVIEWS, Variant.MATVIEW)
                    : List.of(Variant.values());
            assertThat(r.stats().keySet()).as(r.id()).containsExactlyInAnyOrderElementsOf(measured);
            r.stats().forEach((variant, s) -> {
                assertThat(s.count()).as("%s on %s: samples", r.id(), variant).isEqualTo(expectedSamples(r.id(), variant));
                assertThat(s.min()).as("%s on %s: min", r.id(), variant).isPositive();
                assertThat(s.p10()).as("%s on %s", r.id(), variant).isLessThanOrEqualTo(s.median());
                assertThat(s.median()).as("%s on %s", r.id(), variant).isLessThanOrEqualTo(s.p90());
                assertThat(s.max()).as("%s on %s: under a minute", r.id(), variant).isLessThan(60_000_000);
            });
            assertThat(r.verifiedTViews()).as("%s: TVIEWs verified exact", r.id()).isEqualTo(2);
        }
        assertThat(scale.scenario("fanout_1000").orElseThrow().extraMicrosPerDependent()).isPresent();
    }

    private static int expectedSamples(String id, Variant variant) {
        if (variant == Variant.MATVIEW) {
            return 3;
        }
        return switch (id) {
            case "single_update", "single_insert", "single_delete" -> 3 * Scenarios.SINGLE_PER_REP;
            case "fanout_100", "fanout_1000" -> 3 * Scenarios.FAN_OUT_PER_REP;
            default -> 3;
        };
    }

    @Test
    void concurrentWritersCommitOnBothDatabasesAndLeaveTheTViewsExact() {
        ScaleResults scale = results.scales().get(0);
        for (int writers : BenchmarkRun.WRITERS) {
            for (Variant v : List.of(Variant.RAW, Variant.TVIEWS)) {
                ThroughputResult t = scale.throughput(writers, v).orElseThrow();
                assertThat(t.committed()).as("%d writers on %s", writers, v).isPositive();
                assertThat(t.transactionsPerSecond().median()).isPositive();
            }
        }
        assertThat(scale.writerVerifiedTViews()).isEqualTo(2);
        assertThat(scale.writerStaleTViews()).isEmpty();
    }

    @Test
    void theProfileSplitsTheSingleRowUpdateIntoTriggersAndFunctions() {
        Profile profile = results.scales().get(0).profile();
        assertThat(profile.parts()).extracting(p -> p.variant() + " " + p.what())
                .contains("RAW execution time (statement and its AFTER triggers)",
                        "TVIEWS execution time (statement and its AFTER triggers)", "TVIEWS trigger tviews_00_post_upd");
        assertThat(profile.parts()).allSatisfy(p -> assertThat(p.medianMillis()).isPositive());
        // The refresh statement is cut out of the generated function's source: a runtime that shapes it
        // differently gets a note instead of numbers, never a failed run.
        if (!profile.note().contains("refresh statement")) {
            assertThat(profile.parts()).extracting(Profile.Part::what)
                    .contains("refresh statement of tv_post for one key, run alone: planning",
                            "refresh statement of tv_post for one key, run alone: execution");
        }
        // Which generated functions exist is the runtime's business; the trigger of tv_post on tb_post is one.
        assertThat(profile.functions()).extracting(Profile.FunctionTime::function).anyMatch(f -> f.startsWith("tviews_post_"));
        assertThat(profile.functions()).allSatisfy(f -> assertThat(f.calls()).isPositive());
        if (profile.note().contains("auto_explain")) {
            assertThat(profile.nested()).isEmpty(); // a server without the module or the right to LOAD it
        } else {
            assertThat(profile.nested()).extracting(Profile.Nested::statement)
                    .anyMatch(s -> s.startsWith("UPDATE tb_post SET title = 'Profiled"))
                    .hasSizeGreaterThan(1);
            assertThat(profile.fanOut()).extracting(Profile.Nested::statement)
                    .anyMatch(s -> s.startsWith("UPDATE tb_user SET name = 'Profiled"));
        }
    }

    @Test
    void goalsAreEvaluatedAndTheLogShowsEveryScenario() {
        assertThat(results.goals()).extracting(GoalResult::goal).anyMatch(g -> g.startsWith("single-row update"))
                .anyMatch(g -> g.startsWith("4 concurrent writers")).anyMatch(g -> g.startsWith("full build"));
        assertThat(log).contains("single_update", "full_build", "4 writer(s)", "TVIEWs verified");
        assertThat(results.machine().postgres()).startsWith("PostgreSQL");
        assertThat(results.machine().cores()).isPositive();
    }

    @Test
    void reportsHoldEveryScenarioAndARerunKeepsTheHandWrittenAnalysis() throws Exception {
        Path md = reports.resolve("benchmarks.md");
        String text = Files.readString(md);
        for (ScenarioResult r : results.scales().get(0).scenarios()) {
            assertThat(text).contains(r.title());
        }
        assertThat(text).contains("## Goals (issue #8)", MarkdownReport.NO_ANALYSIS);
        List<String> csv = Files.readAllLines(reports.resolve("benchmarks.csv"));
        assertThat(csv.get(0)).isEqualTo(CsvReport.HEADER);
        // 11 scenarios on three databases except full refresh (not on raw), 3 writer counts on two.
        assertThat(results.scales().get(0).scenarios()).hasSize(11);
        assertThat(csv).hasSize(1 + 11 * 3 - 1 + 3 * 2);

        Files.writeString(md, text.replace(MarkdownReport.NO_ANALYSIS, "The trigger dominates."));
        new ReportWriter(reports).write(results);
        assertThat(Files.readString(md)).contains("The trigger dominates.").doesNotContain(MarkdownReport.NO_ANALYSIS);
    }

    @Test
    void theRunDropsTheDatabasesItCreated(TestServer server) throws Exception {
        assertThat(LeftoverDatabases.named(server, PREFIX)).isZero();
    }
}

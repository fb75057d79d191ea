package dev.tviews.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue-15 scenarios (nested model, per-path table, diagnosis) at a tiny scale, in seconds: every path
 * has numbers for the three databases, the concurrent runs committed and were checked exact, the reports
 * are written. The exactness oracle runs throughout (a stale row throws and fails this test); no timing
 * is asserted.
 */
@PostgresTest
class Issue15SmokeTest {

    private static final String PREFIX = "tviews_bench_i15";

    private static Issue15Results results;
    private static Path reports;

    @BeforeAll
    static void run(TestServer server, @TempDir Path dir) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (BenchServer bench = BenchServer.external(server.adminJdbcUrl(), server.user(), server.password())) {
            results = new Issue15Run(bench, PREFIX, Issue15Settings.tiny(), Set.of("nested", "paths"),
                    new PrintStream(buffer, true, StandardCharsets.UTF_8)).run();
        }
        reports = dir;
        Files.writeString(dir.resolve("benchmarks.md"), "# earlier\n\n" + Issue15Report.KEPT_START + "\nKept text.\n" + Issue15Report.KEPT_END + "\n");
        Issue15Report.write(dir, results, Issue15Report.keptOf(Files.readString(dir.resolve("benchmarks.md"))));
    }

    @Test
    void everyPathHasPositiveNumbersOnTheThreeDatabases() {
        List<String> ids = results.paths().stream().map(p -> p.section() + ":" + p.id()).toList();
        assertThat(ids).contains("paths:child_update", "paths:parent_update_small", "paths:parent_update_large", "paths:bulk_insert",
                "paths:bulk_update", "paths:writers_4", "paths:full_build");
        for (NestedBench.Kind k : NestedBench.Kind.values()) {
            assertThat(ids).contains("nested:" + k.id());
        }
        for (Issue15Results.PathResult p : results.paths()) {
            assertThat(p.stats().keySet()).as(p.id()).containsExactlyInAnyOrder(Flavor.values());
            p.stats().values().forEach(s -> assertThat(s.median()).as(p.id()).isPositive());
        }
    }

    @Test
    void concurrentRunsCommittedAndLeftTheReadModelsExact() {
        for (String mode : List.of("overlapping", "distinct")) {
            for (int n : Issue15Settings.WRITERS) {
                for (Flavor f : Flavor.values()) {
                    Issue15Results.WriterResult w = Issue15Report.writer(results, mode, n, f).orElseThrow();
                    assertThat(w.committed()).as("%s %d %s", mode, n, f).isPositive();
                    assertThat(w.stale()).as("%s %d %s", mode, n, f).isEmpty();
                    assertThat(w.checks()).isEqualTo(f == Flavor.RAW ? 0 : Issue15Settings.tiny().rounds());
                }
            }
        }
    }

    @Test
    void theOracleSeesAStaleRow(TestServer server) throws Exception {
        // The oracle must be able to fail: a DIY read model with one row changed behind its triggers' back.
        try (Connection c = server.connectAdmin(); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + PREFIX + "_oracle");
            st.execute("CREATE DATABASE " + PREFIX + "_oracle");
        }
        try (Connection c = server.database(PREFIX + "_oracle").connect()) {
            Db.exec(c, "CREATE TABLE tb_a (pk_a int PRIMARY KEY, x text); INSERT INTO tb_a VALUES (1, 'one'), (2, 'two');"
                    + "CREATE VIEW v_a AS SELECT pk_a, jsonb_build_object('x', x) AS data FROM tb_a;"
                    + "CREATE TABLE tv_a AS SELECT * FROM v_a;");
            assertThat(Db.staleReadModels(c, List.of("a"))).isEmpty();
            Db.exec(c, "UPDATE tv_a SET data = '{\"x\": \"1.0\"}' WHERE pk_a = 1");
            assertThat(Db.staleReadModels(c, List.of("a"))).containsExactly("a: 2 rows differ");
        } finally {
            try (Connection c = server.connectAdmin(); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + PREFIX + "_oracle");
            }
        }
    }

    @Test
    void locksAndDiagnosisAreRecorded() {
        assertThat(results.census()).hasSize(2 * (NestedBench.Kind.values().length + 1));
        assertThat(results.census()).filteredOn(c -> c.flavor() == Flavor.DIY)
                .allSatisfy(c -> assertThat(c.fineExclusive()).as(c.kind()).isPositive());
        assertThat(results.diagnosis()).isNotNull();
        assertThat(results.diagnosis().committed()).isPositive();
    }

    @Test
    void reportsHoldTheSectionAndKeepTheHandWrittenDiagnosis() throws Exception {
        String md = Files.readString(reports.resolve("benchmarks.md"));
        assertThat(md).contains("# earlier", Issue15Report.START, Issue15Report.END, "### Targets of issue #15",
                "Kept text.", "user moves org", "parent UPDATE");
        List<String> csv = Files.readAllLines(reports.resolve("benchmarks.csv"));
        assertThat(csv.get(0)).isEqualTo(CsvReport.HEADER);
        assertThat(csv).anyMatch(l -> l.contains(",nested:org_rename,")).anyMatch(l -> l.contains(",paths:bulk_update,"))
                .anyMatch(l -> l.contains(",nested_writers:distinct_4,"));
        // A second write replaces the section and the lines instead of adding to them.
        Issue15Report.write(reports, results, Issue15Report.keptOf(md));
        String again = Files.readString(reports.resolve("benchmarks.md"));
        assertThat(again.split(java.util.regex.Pattern.quote(Issue15Report.START), -1)).hasSize(2);
        assertThat(Files.readAllLines(reports.resolve("benchmarks.csv"))).hasSameSizeAs(csv);
    }

    @Test
    void theRunDropsTheDatabasesItCreated(TestServer server) throws Exception {
        assertThat(LeftoverDatabases.named(server, PREFIX)).isZero();
    }
}

package dev.tviews.benchmarks;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Runs the issue-15 scenarios chosen ("nested", "paths") and collects their results; drops its databases. */
public final class Issue15Run {

    private final BenchServer server;
    private final String prefix;
    private final Issue15Settings settings;
    private final Set<String> scenarios;
    private final PrintStream log;

    public Issue15Run(BenchServer server, String prefix, Issue15Settings settings, Set<String> scenarios, PrintStream log) {
        this.server = server;
        this.prefix = prefix;
        this.settings = settings;
        this.scenarios = Set.copyOf(scenarios);
        this.log = log;
    }

    public Issue15Results run() throws SQLException, InterruptedException {
        long started = System.nanoTime();
        String loadBefore = MachineInfo.loadAverage();
        String postgres;
        try (Connection c = server.connectAdmin()) {
            postgres = Db.rows(c, "SELECT version()").get(0).get(0);
        }
        List<Issue15Results.PathResult> paths = new ArrayList<>();
        List<Issue15Results.WriterResult> writers = new ArrayList<>();
        List<Issue15Results.LockCensus> census = new ArrayList<>();
        List<Issue15Results.PathProfile> profiles = new ArrayList<>();
        Issue15Results.Diagnosis diagnosis = null;
        if (scenarios.contains("paths")) {
            log.println();
            log.println("Per-path table (issue #15): parent/child model");
            PathsBench bench = new PathsBench(server, prefix, settings, log);
            try {
                bench.provision();
                paths.addAll(bench.run());
                profiles.addAll(bench.profiles());
            } finally {
                bench.drop();
            }
        }
        if (scenarios.contains("nested")) {
            log.println();
            log.println("Nested model (issue #15): org -> user -> post -> comment, feed");
            NestedBench bench = new NestedBench(server, prefix, settings, log);
            try {
                bench.provision();
                paths.addAll(bench.statementKinds());
                writers.addAll(bench.mixed());
                census.addAll(bench.census());
                profiles.addAll(bench.profiles());
                diagnosis = bench.diagnose();
                log.printf("  diagnosis: 4 writers on tviews, %d committed, %d deadlocks%n", diagnosis.committed(), diagnosis.deadlocks());
            } finally {
                bench.drop();
            }
        }
        return new Issue15Results(settings, paths, writers, census, diagnosis, profiles, postgres,
                Duration.ofNanos(System.nanoTime() - started), loadBefore, MachineInfo.loadAverage());
    }
}

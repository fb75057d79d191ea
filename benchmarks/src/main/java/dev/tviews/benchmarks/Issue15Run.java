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
        List<Issue15Results.Diagnosis> diagnoses = new ArrayList<>();
        if (scenarios.contains("paths")) {
            measure("Per-path table (issue #15): parent/child model", new PathsBench(server, prefix, settings, log), bench -> {
                paths.addAll(bench.run());
                profiles.addAll(bench.profiles());
            });
        }
        if (scenarios.contains("nested")) {
            measure("Nested model (issue #15): org -> user -> post -> comment, feed", new NestedBench(server, prefix, settings, log),
                    bench -> {
                        paths.addAll(bench.statementKinds());
                        writers.addAll(bench.mixed());
                        census.addAll(bench.census());
                        profiles.addAll(bench.profiles());
                        Issue15Results.Diagnosis diagnosis = bench.diagnose();
                        log.printf("  diagnosis: 4 writers on tviews, %d committed, %d deadlocks%n", diagnosis.committed(),
                                diagnosis.deadlocks());
                        diagnoses.add(diagnosis);
                    });
        }
        Issue15Results.Diagnosis diagnosis = diagnoses.isEmpty() ? null : diagnoses.get(0);
        return new Issue15Results(settings, paths, writers, census, diagnosis, profiles, postgres,
                Duration.ofNanos(System.nanoTime() - started), loadBefore, MachineInfo.loadAverage());
    }

    /** Under {@code heading}: provisions the model's databases, measures it, and drops them whatever happened. */
    private <M extends Issue15Model> void measure(String heading, M model, Measurement<M> measurement)
            throws SQLException, InterruptedException {
        log.println();
        log.println(heading);
        try {
            model.provision();
            measurement.measure(model);
        } finally {
            model.drop();
        }
    }

    /** What is measured on a provisioned model. */
    @FunctionalInterface
    private interface Measurement<M> {
        void measure(M model) throws SQLException, InterruptedException;
    }
}

package dev.tviews.benchmarks;

import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Runs every scenario at every scale of the options and collects the results. */
public final class BenchmarkRun {

    static final int[] WRITERS = {1, 2, 4};
    static final int PROFILED_STATEMENTS = 200;

    private final BenchServer server;
    private final BenchmarkOptions options;
    private final PrintStream log;

    public BenchmarkRun(BenchServer server, BenchmarkOptions options, PrintStream log) {
        this.server = server;
        this.options = options;
        this.log = log;
    }

    public RunResults run() throws SQLException, InterruptedException {
        DatabaseProvisioner provisioner = new DatabaseProvisioner(server, options.prefix(), log);
        List<ScaleResults> scales = new ArrayList<>();
        MachineInfo machine = null;
        for (int i = 0; i < options.scales().size(); i++) {
            BlogSchema schema = new BlogSchema(options.scales().get(i));
            log.printf("%nScale %,d posts (%,d base rows), %d repetitions after %d warm-up%n", schema.scale(),
                    schema.baseRows(), options.repetitions().get(i), options.warmups().get(i));
            long started = System.nanoTime();
            Map<Variant, String> urls = provisioner.provision(schema);
            Map<Variant, Session> sessions = new EnumMap<>(Variant.class);
            try {
                for (Variant v : Variant.values()) {
                    sessions.put(v, new Session(v, server.connect(urls.get(v))));
                }
                if (machine == null) {
                    machine = MachineInfo.read(sessions.get(Variant.TVIEWS), server.isEmbedded());
                    log.println("  " + machine.postgres());
                }
                scales.add(runScale(schema, i, urls, sessions, started));
            } finally {
                for (Session s : sessions.values()) {
                    s.close();
                }
                provisioner.dropAll();
            }
        }
        return new RunResults(machine, options, scales, Goals.evaluate(scales));
    }

    private ScaleResults runScale(BlogSchema schema, int index, Map<Variant, String> urls, Map<Variant, Session> sessions,
                                  long started) throws SQLException, InterruptedException {
        int reps = options.repetitions().get(index);
        TimingHarness harness = new TimingHarness(sessions, reps, options.warmups().get(index));
        Verifier verifier = new Verifier(sessions.get(Variant.TVIEWS));
        List<ScenarioResult> results = new ArrayList<>();
        for (Scenario scenario : Scenarios.of(schema)) {
            long t0 = System.nanoTime();
            Map<Variant, List<Double>> samples = harness.samples(scenario);
            Map<Variant, Stats> stats = new EnumMap<>(Variant.class);
            samples.forEach((v, list) -> stats.put(v, Stats.of(list)));
            int verified = verifier.verify("scenario " + scenario.id() + " at scale " + schema.scale());
            ScenarioResult result = new ScenarioResult(scenario.id(), scenario.title(), scenario.rows(), scenario.dependents(),
                    stats, verified);
            results.add(result);
            log.println("  " + Format.progress(result) + String.format(" [%.0f s, %d TVIEWs verified]",
                    (System.nanoTime() - t0) / 1e9, verified));
        }

        ConcurrentWriters writers = new ConcurrentWriters(server, urls, options.writerMillis(),
                options.writerRepetitions(index));
        List<ThroughputResult> throughput = new ArrayList<>();
        for (int n : WRITERS) {
            List<ThroughputResult> r = writers.run(n, sessions.get(Variant.RAW), sessions.get(Variant.TVIEWS));
            throughput.addAll(r);
            log.printf("  %d writer(s): raw %.0f tx/s, tviews %.0f tx/s (%.0f%%), retries 40001/40P01: %d/%d%n", n,
                    r.get(0).transactionsPerSecond().median(), r.get(1).transactionsPerSecond().median(),
                    100 * r.get(1).transactionsPerSecond().median() / r.get(0).transactionsPerSecond().median(),
                    r.get(1).serializationRetries(), r.get(1).deadlockRetries());
        }
        // Stale rows here fail the run too, but only after the report says so (BenchmarkMain's exit status):
        // under concurrency they are the finding. The TVIEWs are rebuilt so the profile measures exact ones.
        Verifier.Check afterWriters = verifier.check("the concurrent writers at scale " + schema.scale());
        if (!afterWriters.stale().isEmpty()) {
            log.println("  STALE after the concurrent writers: " + String.join("; ", afterWriters.stale()));
            verifier.repair();
            verifier.verify("pg_tviews_refresh of the stale TVIEWs");
        }

        Profile profile = new SingleRowProfiler(server, urls, schema,
                Math.min(PROFILED_STATEMENTS, Math.max(20, reps * 10))).profile();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        log.printf("  scale %,d done in %d min %d s (load average %s)%n", schema.scale(), elapsed.toMinutes(),
                elapsed.toSecondsPart(), MachineInfo.loadAverage());
        return new ScaleResults(schema, reps, options.warmups().get(index), results, throughput, afterWriters.tviews(),
                afterWriters.stale(), profile, elapsed, MachineInfo.loadAverage());
    }
}

package dev.tviews.benchmarks;

import java.io.PrintStream;

/**
 * Runs the benchmarks: {@code ./mvnw -B -q -pl benchmarks -am verify -Pbench -DskipTests} (options in
 * docs/benchmarks.md and {@link BenchmarkOptions#USAGE}). Exits 0 after writing the reports, 2 on bad
 * options, 1 when the run fails (including a TVIEW found stale).
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("benchmarks: " + e.getMessage());
            System.exit(2);
            return;
        }
        out.println("tviews benchmarks: scales " + options.scales() + ", repetitions " + options.repetitions()
                + (options.url().isEmpty() ? ", embedded PostgreSQL" : ", " + options.url()));
        try (BenchServer server = options.url().isEmpty() ? BenchServer.embedded()
                : BenchServer.external(options.url(), options.user(), options.password())) {
            RunResults results = new BenchmarkRun(server, options, out).run();
            ReportWriter writer = new ReportWriter(options.out());
            writer.write(results);
            out.println();
            for (GoalResult g : results.goals()) {
                out.printf("  %-7s %s at %,d: %s%n", g.met() ? "met" : "MISSED", g.goal(), g.scale(), g.measured());
            }
            out.println("Wrote " + writer.markdown().toAbsolutePath().normalize() + " and " + writer.csv().getFileName());
            for (ScaleResults s : results.scales()) {
                if (!s.writerStaleTViews().isEmpty()) {
                    System.err.printf("benchmarks: the concurrent writers left stale TVIEW rows at scale %,d: %s%n",
                            s.schema().scale(), String.join("; ", s.writerStaleTViews()));
                    System.exit(1);
                }
            }
        } catch (Exception e) {
            System.err.println("benchmarks: the run failed: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
    }
}

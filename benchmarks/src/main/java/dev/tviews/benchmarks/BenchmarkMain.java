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
        out.println("tviews benchmarks: " + String.join(",", new java.util.TreeSet<>(options.scenarios())) + "; scales "
                + options.scales() + ", repetitions " + options.repetitions() + (options.length().equals("full") ? "" : ", " + options.length())
                + (options.url().isEmpty() ? ", embedded PostgreSQL" : ", " + options.url()));
        try (BenchServer server = options.url().isEmpty() ? BenchServer.embedded()
                : BenchServer.external(options.url(), options.user(), options.password())) {
            java.nio.file.Path md = options.out().resolve("benchmarks.md");
            String kept = Issue15Report.keptOf(java.nio.file.Files.exists(md) ? java.nio.file.Files.readString(md) : null);
            Issue15Results issue15 = null;
            if (options.scenarios().contains("nested") || options.scenarios().contains("paths")) {
                issue15 = new Issue15Run(server, options.prefix(), options.issue15Settings(),
                        options.scenarios(), out).run();
            }
            if (!options.scenarios().contains("blog")) {
                Issue15Report.write(options.out(), issue15, kept);
                out.println("Wrote the issue-15 section of " + md.toAbsolutePath().normalize() + " and its lines of benchmarks.csv");
                exitOnStale(issue15);
                return;
            }
            RunResults results = new BenchmarkRun(server, options, out).run();
            ReportWriter writer = new ReportWriter(options.out());
            writer.write(results);
            if (issue15 != null) {
                Issue15Report.write(options.out(), issue15, kept);
            }
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
            exitOnStale(issue15);
        } catch (Exception e) {
            System.err.println("benchmarks: the run failed: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void exitOnStale(Issue15Results r) {
        if (r == null) {
            return;
        }
        for (Issue15Results.WriterResult w : r.writers()) {
            if (!w.stale().isEmpty()) {
                System.err.println("benchmarks: concurrent writers left stale rows: " + String.join("; ", w.stale()));
                System.exit(1);
            }
        }
    }
}

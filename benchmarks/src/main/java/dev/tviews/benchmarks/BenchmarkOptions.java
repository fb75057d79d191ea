package dev.tviews.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The settings of a run.
 *
 * @param scales         posts per scale, in run order
 * @param repetitions    measured repetitions per scale (same length as scales)
 * @param warmups        repetitions run first and not kept, per scale
 * @param writerMillis   how long each concurrent-writers run lasts
 * @param url            JDBC URL of an external server's maintenance database, or empty for an embedded server
 * @param out            directory that receives benchmarks.md and benchmarks.csv
 * @param prefix         prefix of the databases the run creates (and drops)
 * @param scenarios      which parts run: blog (issue #8's scenarios), nested and paths (issue #15's)
 * @param length         of the nested and paths parts: full, short (fewer samples, shorter runs) or tiny (smoke-test sizes)
 */
public record BenchmarkOptions(List<Integer> scales, List<Integer> repetitions, List<Integer> warmups, long writerMillis,
                               String url, String user, String password, Path out, String prefix, Set<String> scenarios,
                               String length) {

    public static final Set<String> ALL_SCENARIOS = Set.of("blog", "nested", "paths");

    /** Every part, the full length. */
    public BenchmarkOptions(List<Integer> scales, List<Integer> repetitions, List<Integer> warmups, long writerMillis,
                            String url, String user, String password, Path out, String prefix) {
        this(scales, repetitions, warmups, writerMillis, url, user, password, out, prefix, ALL_SCENARIOS, "full");
    }

    public static final String USAGE = """
            Options (all --name=value; an empty value means the default):
              --scales=10000,1000000   posts per scale (users are a tenth, comments as many)
              --reps=15,3              measured repetitions, one per scale (the last one goes on for more scales)
              --warmups=2,1            unmeasured repetitions first, the same way
              --writer-seconds=5       length of each concurrent-writers run
              --url=jdbc:postgresql://host:port/postgres   an external server (default: embedded)
              --user= --password=      credentials for --url
              --out=docs               where benchmarks.md and benchmarks.csv go
              --scenarios=blog,nested,paths   which parts run (default all three)
              --short=false            true: the nested and paths parts with fewer samples and shorter runs (tiny: smoke-test sizes)""";

    public BenchmarkOptions {
        scales = List.copyOf(scales);
        repetitions = List.copyOf(repetitions);
        warmups = List.copyOf(warmups);
        scenarios = Set.copyOf(scenarios);
        if (scenarios.isEmpty() || !ALL_SCENARIOS.containsAll(scenarios)) {
            throw new IllegalArgumentException("--scenarios takes some of blog, nested, paths, not " + scenarios + ".");
        }
        if (!List.of("full", "short", "tiny").contains(length)) {
            throw new IllegalArgumentException("--short takes true, false or tiny, not " + length + ".");
        }
        if (scales.isEmpty() || scales.size() != repetitions.size() || scales.size() != warmups.size()) {
            throw new IllegalArgumentException("Give one repetition and one warm-up count per scale (scales " + scales
                    + ", reps " + repetitions + ", warm-ups " + warmups + ").");
        }
    }

    public static BenchmarkOptions parse(String... args) {
        List<Integer> scales = List.of(10_000, 1_000_000);
        List<Integer> reps = List.of(15, 3);
        List<Integer> warmups = List.of(2, 1);
        double writerSeconds = 5;
        String url = "";
        String user = "";
        String password = "";
        Path out = Path.of("docs");
        Set<String> scenarios = ALL_SCENARIOS;
        String length = "full";
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("Unknown argument " + arg + ".\n" + USAGE);
            }
            String name = arg.substring(2, eq);
            String value = arg.substring(eq + 1).trim();
            if (value.isEmpty()) {
                continue;
            }
            switch (name) {
                case "scales" -> scales = integers(name, value);
                case "reps" -> reps = integers(name, value);
                case "warmups" -> warmups = integers(name, value);
                case "writer-seconds" -> writerSeconds = Double.parseDouble(value);
                case "url" -> url = value;
                case "user" -> user = value;
                case "password" -> password = value;
                case "out" -> out = Path.of(value);
                case "scenarios" -> scenarios = new LinkedHashSet<>(List.of(value.toLowerCase(java.util.Locale.ROOT).split("\\s*,\\s*")));
                case "short" -> length = switch (value) {
                    case "true" -> "short";
                    case "false" -> "full";
                    default -> value;
                };
                default -> throw new IllegalArgumentException("Unknown option --" + name + ".\n" + USAGE);
            }
        }
        return new BenchmarkOptions(scales, fitted(reps, scales.size()), fitted(warmups, scales.size()), Math.round(writerSeconds * 1000), url, user, password, out,
                "tviews_bench", scenarios, length);
    }

    /** The sizes and lengths of the nested and paths parts. */
    public Issue15Settings issue15Settings() {
        return switch (length) {
            case "short" -> Issue15Settings.quick();
            case "tiny" -> Issue15Settings.tiny();
            default -> Issue15Settings.full();
        };
    }

    /** Repetitions of each concurrent-writers configuration at scale number {@code index}. */
    public int writerRepetitions(int index) {
        return Math.max(1, Math.min(3, repetitions.get(index)));
    }

    /** One count per scale: the counts given, the last one repeated for further scales, extra ones dropped. */
    private static List<Integer> fitted(List<Integer> counts, int scales) {
        List<Integer> fitted = new ArrayList<>();
        for (int i = 0; i < scales; i++) {
            fitted.add(counts.get(Math.min(i, counts.size() - 1)));
        }
        return fitted;
    }

    private static List<Integer> integers(String name, String value) {
        List<Integer> list = new ArrayList<>();
        for (String part : value.split(",")) {
            list.add(integer(name, part.trim().replace("_", "")));
        }
        return list;
    }

    private static int integer(String name, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " takes non-negative whole numbers, not " + value + ".");
        }
    }
}

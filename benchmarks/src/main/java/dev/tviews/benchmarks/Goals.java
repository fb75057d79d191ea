package dev.tviews.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The goals of issue #8, checked against the medians of one run. */
final class Goals {

    private Goals() {
    }

    static List<GoalResult> evaluate(List<ScaleResults> scales) {
        List<GoalResult> goals = new ArrayList<>();
        for (ScaleResults s : scales) {
            int scale = s.schema().scale();
            ratio(s, "single_update").ifPresent(r -> goals.add(
                    new GoalResult("single-row update with TVIEWs ≤ 1.3x raw", scale, Format.ratio(r), "≤ 1.30x", r <= 1.3)));
        }
        if (scales.size() > 1) {
            ScaleResults first = scales.get(0);
            ScaleResults last = scales.get(scales.size() - 1);
            Optional<Stats> small = first.scenario("single_update").flatMap(r -> r.stats(Variant.TVIEWS));
            Optional<Stats> large = last.scenario("single_update").flatMap(r -> r.stats(Variant.TVIEWS));
            if (small.isPresent() && large.isPresent()) {
                double r = large.get().median() / small.get().median();
                goals.add(new GoalResult(String.format(Locale.ROOT, "single-row update flat with scale (%,d within 1.2x of %,d)",
                        last.schema().scale(), first.schema().scale()), last.schema().scale(),
                        String.format(Locale.ROOT, "%s (%s vs %s)", Format.ratio(r), Format.micros(large.get().median()),
                                Format.micros(small.get().median())), "≤ 1.20x", r <= 1.2));
            }
        }
        for (ScaleResults s : scales) {
            int scale = s.schema().scale();
            for (String id : List.of("fanout_100", "fanout_1000")) {
                s.scenario(id).flatMap(ScenarioResult::extraMicrosPerDependent).ifPresent(us -> goals.add(new GoalResult(
                        String.format(Locale.ROOT, "fan-out to %s rows ≤ 10 µs per dependent row (TVIEW time over raw / rows)",
                                id.substring("fanout_".length())), scale,
                        String.format(Locale.ROOT, "%.1f µs", us), "≤ 10 µs", us <= 10)));
            }
            for (String id : List.of("bulk_insert", "bulk_update")) {
                ratio(s, id).ifPresent(r -> goals.add(new GoalResult(
                        "bulk " + s.scenario(id).orElseThrow().rows() + "-row " + (id.endsWith("insert") ? "INSERT" : "UPDATE")
                                + " with TVIEWs ≤ 2x raw", scale, Format.ratio(r), "≤ 2.00x", r <= 2)));
            }
            Optional<Stats> batch = s.scenario("batch_1pct").flatMap(r -> r.stats(Variant.TVIEWS));
            Optional<ScenarioResult> full = s.scenario("full_refresh");
            if (batch.isPresent() && full.isPresent()) {
                for (Variant v : List.of(Variant.MATVIEW, Variant.TVIEWS)) {
                    full.get().stats(v).ifPresent(f -> {
                        double speedup = f.median() / batch.get().median();
                        goals.add(new GoalResult("1% batch with TVIEWs ≥ 20x faster than a full refresh ("
                                + (v == Variant.MATVIEW ? "REFRESH MATERIALIZED VIEW" : "pg_tviews_refresh") + ")", scale,
                                String.format(Locale.ROOT, "%.1fx (%s vs %s)", speedup, Format.micros(batch.get().median()),
                                        Format.micros(f.median())), "≥ 20x", speedup >= 20));
                    });
                }
            }
            ratio(s, "full_build").ifPresent(r -> goals.add(
                    new GoalResult("full build (pg_tviews_create) ≤ 1.3x CREATE TABLE AS", scale, Format.ratio(r), "≤ 1.30x",
                            r <= 1.3)));
            Optional<ThroughputResult> raw4 = s.throughput(4, Variant.RAW);
            Optional<ThroughputResult> tv4 = s.throughput(4, Variant.TVIEWS);
            if (raw4.isPresent() && tv4.isPresent()) {
                double share = tv4.get().transactionsPerSecond().median() / raw4.get().transactionsPerSecond().median();
                goals.add(new GoalResult("4 concurrent writers ≥ 70% of raw throughput, zero stale rows", scale,
                        String.format(Locale.ROOT, "%.0f%% (%.0f vs %.0f tx/s), %s", 100 * share,
                                tv4.get().transactionsPerSecond().median(), raw4.get().transactionsPerSecond().median(),
                                s.writerStaleTViews().isEmpty() ? s.writerVerifiedTViews() + " TVIEWs exact"
                                        : "stale: " + String.join("; ", s.writerStaleTViews())),
                        "≥ 70%, 0 stale", share >= 0.7 && s.writerStaleTViews().isEmpty()));
            }
        }
        // Grouped by goal (each over the scales), in the order issue #8 lists them.
        List<GoalResult> ordered = new ArrayList<>();
        for (String prefix : List.of("single-row", "fan-out to 100 ", "fan-out to 1000", "bulk", "1%", "full build", "4 concurrent")) {
            goals.stream().filter(g -> g.goal().startsWith(prefix)).forEach(ordered::add);
        }
        goals.stream().filter(g -> !ordered.contains(g)).forEach(ordered::add);
        return ordered;
    }

    private static Optional<Double> ratio(ScaleResults s, String id) {
        return s.scenario(id).flatMap(r -> r.ratioToRaw(Variant.TVIEWS));
    }
}

package dev.tviews.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything measured at one scale.
 *
 * @param writerVerifiedTViews TVIEWs that pg_tviews_verify() checked after the concurrent writers
 * @param writerStaleTViews    those it found stale then (empty when all were exact)
 * @param loadAverage          the machine's load average when the scale finished (others share it)
 */
public record ScaleResults(BlogSchema schema, int repetitions, int warmups, List<ScenarioResult> scenarios,
                           List<ThroughputResult> throughput, int writerVerifiedTViews, List<String> writerStaleTViews,
                           Profile profile, Duration elapsed, String loadAverage) {

    public ScaleResults {
        scenarios = List.copyOf(scenarios);
        throughput = List.copyOf(throughput);
        writerStaleTViews = List.copyOf(writerStaleTViews);
    }

    public Optional<ScenarioResult> scenario(String id) {
        return scenarios.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<ThroughputResult> throughput(int writers, Variant variant) {
        return throughput.stream().filter(t -> t.writers() == writers && t.variant() == variant).findFirst();
    }
}

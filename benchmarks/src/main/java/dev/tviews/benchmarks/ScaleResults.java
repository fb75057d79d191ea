package dev.tviews.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Everything measured at one scale. */
public record ScaleResults(BlogSchema schema, int repetitions, int warmups, List<ScenarioResult> scenarios,
                           List<ThroughputResult> throughput, int writerVerifiedTViews, Profile profile,
                           Duration elapsed) {

    public ScaleResults {
        scenarios = List.copyOf(scenarios);
        throughput = List.copyOf(throughput);
    }

    public Optional<ScenarioResult> scenario(String id) {
        return scenarios.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<ThroughputResult> throughput(int writers, Variant variant) {
        return throughput.stream().filter(t -> t.writers() == writers && t.variant() == variant).findFirst();
    }
}

package dev.tviews.benchmarks;

import java.util.List;

/** A whole run: the machine, the settings, each scale's results and the goals of issue #8. */
public record RunResults(MachineInfo machine, BenchmarkOptions options, List<ScaleResults> scales, List<GoalResult> goals) {

    public RunResults {
        scales = List.copyOf(scales);
        goals = List.copyOf(goals);
    }
}

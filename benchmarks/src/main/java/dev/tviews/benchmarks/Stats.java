package dev.tviews.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * Summary of timing samples (any unit; the harness uses microseconds). Percentiles interpolate linearly
 * between the two nearest ranks, so the median of an even count is the mean of the middle two.
 */
public record Stats(int count, double median, double p10, double p90, double min, double max) {

    public static Stats of(List<Double> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("No samples: a scenario ran no repetition.");
        }
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return new Stats(sorted.length, percentile(sorted, 0.5), percentile(sorted, 0.1), percentile(sorted, 0.9),
                sorted[0], sorted[sorted.length - 1]);
    }

    static double percentile(double[] sorted, double p) {
        double rank = p * (sorted.length - 1);
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}

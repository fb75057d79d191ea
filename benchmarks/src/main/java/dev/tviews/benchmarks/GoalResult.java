package dev.tviews.benchmarks;

/**
 * One goal of issue #8 checked against one scale's medians.
 *
 * @param scale    posts at that scale
 * @param measured the measured value, formatted
 * @param met      whether the target holds
 */
public record GoalResult(String goal, int scale, String measured, String target, boolean met) {
}

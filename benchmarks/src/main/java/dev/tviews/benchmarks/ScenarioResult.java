package dev.tviews.benchmarks;

import java.util.Map;
import java.util.Optional;

/**
 * The measurements of one scenario at one scale: microseconds per transaction, per database.
 *
 * @param stats           per database that the scenario measures
 * @param verifiedTViews  TVIEWs found exact by pg_tviews_verify() after the scenario
 */
public record ScenarioResult(String id, String title, String rows, int dependents, Map<Variant, Stats> stats,
                             int verifiedTViews) {

    public ScenarioResult {
        stats = Map.copyOf(stats);
    }

    public Optional<Stats> stats(Variant variant) {
        return Optional.ofNullable(stats.get(variant));
    }

    /** Median of {@code variant} over the median of raw, when both were measured. */
    public Optional<Double> ratioToRaw(Variant variant) {
        Stats raw = stats.get(Variant.RAW);
        Stats other = stats.get(variant);
        return raw == null || other == null ? Optional.empty() : Optional.of(other.median() / raw.median());
    }

    /** For a fan-out: the TVIEW's extra time over raw, per dependent row, in microseconds. */
    public Optional<Double> extraMicrosPerDependent() {
        Stats raw = stats.get(Variant.RAW);
        Stats tviews = stats.get(Variant.TVIEWS);
        return dependents == 0 || raw == null || tviews == null ? Optional.empty()
                : Optional.of((tviews.median() - raw.median()) / dependents);
    }
}

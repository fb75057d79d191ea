package dev.tviews.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the issue-15 scenarios measured. */
public record Issue15Results(Issue15Settings settings, List<PathResult> paths, List<WriterResult> writers,
                             List<LockCensus> census, Diagnosis diagnosis, List<PathProfile> profiles, String postgres,
                             Duration elapsed, String loadBefore, String loadAfter) {

    /**
     * One single-writer path: wall-clock milliseconds per transaction on each database (or transactions per
     * second when {@code unit} is "tx/s").
     */
    public record PathResult(String section, String id, String title, int dependents, Map<Flavor, Stats> stats, String unit) {
        public Optional<Double> ratio(Flavor a, Flavor b) {
            Stats x = stats.get(a);
            Stats y = stats.get(b);
            return x == null || y == null || y.median() == 0 ? Optional.empty() : Optional.of(x.median() / y.median());
        }
    }

    /** The concurrent runs of one configuration on one database, over all rounds. */
    public record WriterResult(String model, String mode, int writers, Flavor flavor, List<Double> tps, long committed,
                               long serializationRetries, long deadlockRetries, int checks, List<String> stale) {
        public double medianTps() {
            return Stats.of(tps).median();
        }

        public double retryPercent() {
            long retries = serializationRetries + deadlockRetries;
            return committed + retries == 0 ? 0 : 100.0 * retries / (committed + retries);
        }
    }

    /** The advisory locks one statement of a kind holds at its end (before COMMIT). */
    public record LockCensus(String kind, Flavor flavor, int fineExclusive, int fineShared, int kindExclusive,
                             int kindShared, String fineLockCount, List<String> wholeKindExclusive) {
    }

    /** Where 4 writers on tviews wait and deadlock. */
    public record Diagnosis(long committed, long deadlocks, long serialization, Map<String, Integer> pairs,
                            Map<String, Integer> waitSignatures, Map<String, Integer> contexts, List<String> examples,
                            Map<String, Integer> sampledWaits, int samples) {
    }

    /** The nested statements of one path, as auto_explain logged them. */
    public record PathProfile(String path, Flavor flavor, double totalMillis, List<Db.Nested> top) {
    }
}

package dev.tviews.benchmarks;

import java.util.List;

/**
 * Sizes and lengths of the issue-15 scenarios.
 *
 * @param orgs, users, posts, comments   rows of the nested model
 * @param parents, children              rows of the parent/child model
 * @param fanOutLarge, fanOutSmall       children of parent 1 and parent 2 (the fan-out paths)
 * @param bulkRows                       rows of the bulk INSERT and bulk UPDATE paths
 * @param statementReps                  measured statements per single-writer path and database (after warm-ups)
 * @param bulkReps                       measured repetitions of the bulk and full-build paths
 * @param writerMillis                   length of one concurrent-writers run
 * @param rounds                         rounds of every concurrent-writers configuration (decide on the median)
 * @param pathRounds                     rounds of the parent/child 4 writers and server-CPU measurements: one
 *                                       configuration each, so more rounds are cheap, and their medians decide a
 *                                       target close to the noise of a single round
 * @param diagnosisMillis                length of the deadlock-capture run (4 writers, tviews)
 */
public record Issue15Settings(int orgs, int users, int posts, int comments, int parents, int children, int fanOutLarge,
                              int fanOutSmall, int bulkRows, int statementReps, int bulkReps, long writerMillis, int rounds,
                              int pathRounds, long diagnosisMillis) {

    public static final List<Integer> WRITERS = List.of(1, 2, 4);

    /** The full run: the sizes of issue #15. */
    public static Issue15Settings full() {
        return new Issue15Settings(20, 200, 2_000, 4_000, 1_000, 100_000, 1_000, 100, 10_000, 40, 5, 8_000, 3, 7, 15_000);
    }

    /** The same sizes, fewer samples and shorter runs: a quick rerun (-Dbench.short=true). */
    public static Issue15Settings quick() {
        return new Issue15Settings(20, 200, 2_000, 4_000, 1_000, 100_000, 1_000, 100, 10_000, 15, 1, 2_500, 3, 3, 5_000);
    }

    /** Seconds, for the smoke test: tiny sizes, one round. */
    public static Issue15Settings tiny() {
        return new Issue15Settings(4, 16, 64, 128, 20, 1_500, 400, 40, 200, 3, 1, 400, 1, 1, 800);
    }

    /** Single-row updates per database and round whose server CPU is measured: 50 per measured statement. */
    public int cpuSampleUpdates() {
        return Math.max(200, statementReps * 50);
    }
}

package dev.tviews.benchmarks;

import java.util.List;

/**
 * Where the time of a single-row child update goes, on the server.
 *
 * @param statements  single-row updates behind each number
 * @param parts       medians from EXPLAIN ANALYZE: execution time per database and each trigger's time
 * @param functions   pg_stat_user_functions (track_functions = all) over {@code statements} updates on tviews
 * @param note        why a part is missing, empty when nothing is
 */
public record Profile(int statements, List<Part> parts, List<FunctionTime> functions, String note) {

    public Profile {
        parts = List.copyOf(parts);
        functions = List.copyOf(functions);
    }

    /** A median from EXPLAIN ANALYZE, in milliseconds. */
    public record Part(Variant variant, String what, double medianMillis) {
    }

    /** A function's calls and its total and self time (without the functions it called), in milliseconds. */
    public record FunctionTime(String function, long calls, double totalMillis, double selfMillis) {
    }
}

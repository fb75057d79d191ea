package dev.tviews.benchmarks;

import java.util.List;

/**
 * Where the time of a single-row child update goes, on the server.
 *
 * @param statements  single-row updates behind each number
 * @param parts       medians from EXPLAIN ANALYZE: execution time per database and each trigger's time
 * @param functions   pg_stat_user_functions (track_functions = all) over {@code statements} updates on tviews
 * @param nested      auto_explain of one single-row update on tviews: every statement run inside it
 * @param fanOut      auto_explain of one update of the user with 1,000 posts on tviews
 * @param note        why a part is missing, empty when nothing is
 */
public record Profile(int statements, List<Part> parts, List<FunctionTime> functions, List<Nested> nested,
                      List<Nested> fanOut, String note) {

    public Profile {
        parts = List.copyOf(parts);
        functions = List.copyOf(functions);
        nested = List.copyOf(nested);
        fanOut = List.copyOf(fanOut);
    }

    /** A statement auto_explain logged: its duration, the first line of its text, and its plan. */
    public record Nested(double millis, String statement, String plan) {
    }

    /** A median from EXPLAIN ANALYZE, in milliseconds. */
    public record Part(Variant variant, String what, double medianMillis) {
    }

    /** A function's calls and its total and self time (without the functions it called), in milliseconds. */
    public record FunctionTime(String function, long calls, double totalMillis, double selfMillis) {
    }
}

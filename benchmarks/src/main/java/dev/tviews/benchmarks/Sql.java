package dev.tviews.benchmarks;

import java.util.List;

/**
 * One statement and its parameters ({@code ?} placeholders, bound in order). Parameters are bound rather
 * than inlined so the server plans each statement shape once, as an application's prepared statements do.
 *
 * @param text SQL with {@code ?} placeholders
 * @param args values: String, Long, Integer or long[] (bound as bigint[])
 */
public record Sql(String text, List<Object> args) {

    public Sql {
        args = List.copyOf(args);
    }

    public static Sql of(String text, Object... args) {
        return new Sql(text, List.of(args));
    }
}

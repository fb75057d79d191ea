package dev.tviews.benchmarks;

import java.util.List;

/**
 * One measured workload. Per repetition and per variant the harness runs {@link #before} (not timed), then
 * {@link #statementsPerRep} times {@link #statement} in a transaction of its own (timed from the first
 * statement to the end of the commit; on the matview database followed, inside that transaction, by the
 * refresh of every materialized view when {@link #refreshesMatviews}), then {@link #after} (not timed).
 * {@code rep} counts from 0 over warm-up and measured repetitions alike.
 */
public interface Scenario {

    /** Short stable key (CSV). */
    String id();

    /** What is measured, for people. */
    String title();

    /** Rows the statement writes, for people ("1", "10,000"). */
    String rows();

    /** TVIEW rows one statement has to recompute beyond its own row (fan-out), 0 otherwise. */
    default int dependents() {
        return 0;
    }

    /** Whether the scenario has a statement for this database (a full TVIEW refresh has none on raw). */
    default boolean measures(Variant variant) {
        return true;
    }

    /** Timed transactions per repetition on this database. */
    default int statementsPerRep(Variant variant) {
        return 1;
    }

    /** Whether the matview database refreshes its materialized views after the statement. */
    default boolean refreshesMatviews() {
        return true;
    }

    default List<Sql> before(Variant variant, int rep) {
        return List.of();
    }

    List<Sql> statement(Variant variant, int rep, int index);

    default List<Sql> after(Variant variant, int rep) {
        return List.of();
    }
}

package dev.tviews.benchmarks;

import java.util.List;

/**
 * A scenario whose statements are the same on the three databases: DML on the blog's tables. The matview
 * database runs one statement per repetition (each is followed by a full refresh), the others
 * {@code perRep}.
 *
 * @param before    untimed setup of a repetition, given the number of statements that will follow
 * @param statement the timed statement(s) of one transaction
 * @param after     untimed cleanup of a repetition
 */
public record DmlScenario(String id, String title, String rows, int dependents, int perRep,
                          Setup before, Step statement, List<Sql> after) implements Scenario {

    /** Untimed statements of a repetition that will run {@code count} timed transactions. */
    @FunctionalInterface
    public interface Setup {
        List<Sql> at(int rep, int count);

        Setup NONE = (rep, count) -> List.of();
    }

    /** The timed statements of transaction {@code index} of repetition {@code rep}. */
    @FunctionalInterface
    public interface Step {
        List<Sql> at(int rep, int index);
    }

    public DmlScenario {
        after = List.copyOf(after);
    }

    @Override
    public int statementsPerRep(Variant variant) {
        return variant == Variant.MATVIEW ? 1 : perRep;
    }

    @Override
    public List<Sql> before(Variant variant, int rep) {
        return before.at(rep, statementsPerRep(variant));
    }

    @Override
    public List<Sql> statement(Variant variant, int rep, int index) {
        return statement.at(rep, index);
    }

    @Override
    public List<Sql> after(Variant variant, int rep) {
        return after;
    }
}

package dev.tviews.benchmarks;

import java.util.List;
import java.util.Map;

/**
 * A scenario over the whole read model (building it, or recomputing it) whose statements differ per database. Its
 * statements are the read model's work themselves, so the matview database refreshes nothing after them; a database
 * without statements is not measured.
 *
 * @param rows       rows of the read model, for people
 * @param statements the timed statements of each measured database
 * @param cleanup    untimed statements after a repetition, per database (none where absent)
 */
public record ReadModelScenario(String id, String title, String rows, Map<Variant, List<Sql>> statements,
                                Map<Variant, List<Sql>> cleanup) implements Scenario {

    public ReadModelScenario {
        statements = Map.copyOf(statements);
        cleanup = Map.copyOf(cleanup);
    }

    @Override
    public boolean measures(Variant variant) {
        return statements.containsKey(variant);
    }

    @Override
    public boolean refreshesMatviews() {
        return false;
    }

    @Override
    public List<Sql> statement(Variant variant, int rep, int index) {
        List<Sql> sql = statements.get(variant);
        if (sql == null) {
            throw new IllegalArgumentException("Scenario " + id + " has no statement for the " + variant + " database.");
        }
        return sql;
    }

    @Override
    public List<Sql> after(Variant variant, int rep) {
        return cleanup.getOrDefault(variant, List.of());
    }
}

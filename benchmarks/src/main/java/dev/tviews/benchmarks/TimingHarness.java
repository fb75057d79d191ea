package dev.tviews.benchmarks;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a scenario on the three databases and returns its samples. The databases take turns within every
 * repetition (the order rotates from one repetition to the next), so a noisy moment on the machine
 * falls on all three rather than on one; the first {@code warmups} repetitions fill plan and buffer
 * caches and are not kept.
 */
public final class TimingHarness {

    private final Map<Variant, Session> sessions;
    private final int repetitions;
    private final int warmups;

    public TimingHarness(Map<Variant, Session> sessions, int repetitions, int warmups) {
        if (repetitions < 1 || warmups < 0) {
            throw new IllegalArgumentException("Need at least one repetition and no negative warm-up (got "
                    + repetitions + " and " + warmups + ").");
        }
        this.sessions = Map.copyOf(sessions);
        this.repetitions = repetitions;
        this.warmups = warmups;
    }

    /** Microseconds per timed transaction, per database that the scenario measures. */
    public Map<Variant, List<Double>> samples(Scenario scenario) throws SQLException {
        Map<Variant, List<Double>> samples = new EnumMap<>(Variant.class);
        Variant[] all = Variant.values();
        for (int rep = 0; rep < warmups + repetitions; rep++) {
            for (int k = 0; k < all.length; k++) {
                Variant variant = all[(rep + k) % all.length];
                if (!scenario.measures(variant)) {
                    continue;
                }
                Session session = sessions.get(variant);
                session.run(scenario.before(variant, rep));
                for (int i = 0; i < scenario.statementsPerRep(variant); i++) {
                    List<Sql> statements = new ArrayList<>(scenario.statement(variant, rep, i));
                    if (variant == Variant.MATVIEW && scenario.refreshesMatviews()) {
                        statements.addAll(DatabaseProvisioner.matviewRefresh());
                    }
                    long nanos = session.timed(statements);
                    if (rep >= warmups) {
                        samples.computeIfAbsent(variant, v -> new ArrayList<>()).add(nanos / 1_000.0);
                    }
                }
                session.run(scenario.after(variant, rep));
            }
        }
        return samples;
    }
}

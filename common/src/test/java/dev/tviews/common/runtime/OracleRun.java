package dev.tviews.common.runtime;

import dev.tviews.testsupport.TestDatabase;
import java.util.Random;

/**
 * The draw of one seeded oracle run: how many statements, the seed (printed, so a failure can be reproduced), its
 * {@link Random} and the {@link RandomStatements} drawn from it. The count and the seed come from system properties,
 * the seed from the clock when none is given.
 */
record OracleRun(int statementCount, long seed, Random random, RandomStatements statements) {

    /** A run of the oracle tests: {@code -Dtviews.oracle.statements} (20,000) and {@code -Dtviews.oracle.seed}. */
    static OracleRun of(String test, TestDatabase db) {
        return of(test, "tviews.oracle.statements", 20_000, "tviews.oracle.seed", db);
    }

    /** A run whose count and seed are read from properties of its own. */
    static OracleRun of(String test, String countProperty, int defaultCount, String seedProperty, TestDatabase db) {
        int count = Integer.getInteger(countProperty, defaultCount);
        long seed = OracleSchema.seed(test, seedProperty, "statements=" + count);
        Random random = new Random(seed);
        return new OracleRun(count, seed, random, new RandomStatements(random, db.serverMajorVersion() >= 15));
    }
}

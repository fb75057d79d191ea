package dev.tviews.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A writer's pool can lack rows (on distinct rows, earlier runs may have moved every user out of its orgs):
 * over every combination of empty and non-empty row sets, a kind the pool says it can run draws its
 * arguments, and a kind it cannot run would have failed to.
 */
class NestedPoolTest {

    @Test
    void aPoolRunsExactlyTheKindsWhoseRowsItHas() {
        long[] some = {3, 5, 8};
        long[] none = {};
        int runnable = 0;
        for (int mask = 0; mask < 16; mask++) {
            NestedBench.Pool pool = new NestedBench.Pool((mask & 1) != 0 ? some : none, (mask & 2) != 0 ? some : none,
                    (mask & 4) != 0 ? some : none, (mask & 8) != 0 ? some : none);
            for (NestedBench.Kind kind : NestedBench.Kind.values()) {
                SplittableRandom random = new SplittableRandom(mask * 31L + kind.ordinal());
                if (pool.canRun(kind)) {
                    runnable++;
                    assertThat(NestedBench.args(kind, pool, random, 42)).as("%s on mask %d", kind, mask).isNotEmpty();
                } else {
                    assertThatThrownBy(() -> NestedBench.args(kind, pool, random, 42)).as("%s on mask %d", kind, mask)
                            .isInstanceOf(IllegalArgumentException.class);
                }
            }
        }
        assertThat(runnable).as("some kinds run and some do not").isBetween(1, 16 * NestedBench.Kind.values().length - 1);
    }
}

package dev.tviews.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianAndPercentilesInterpolateBetweenRanksWhateverTheInputOrder() {
        Stats s = Stats.of(List.of(50.0, 10.0, 40.0, 20.0, 30.0, 60.0, 70.0, 80.0, 90.0, 100.0, 0.0));
        assertThat(s.count()).isEqualTo(11);
        assertThat(s.median()).isEqualTo(50.0);
        assertThat(s.p10()).isEqualTo(10.0);
        assertThat(s.p90()).isEqualTo(90.0);
        assertThat(s.min()).isEqualTo(0.0);
        assertThat(s.max()).isEqualTo(100.0);
    }

    @Test
    void anEvenCountHasTheMeanOfTheMiddleTwoAsMedian() {
        Stats s = Stats.of(List.of(4.0, 1.0, 3.0, 2.0));
        assertThat(s.median()).isEqualTo(2.5);
        assertThat(s.p10()).isCloseTo(1.3, within(1e-9));
        assertThat(s.p90()).isCloseTo(3.7, within(1e-9));
    }

    @Test
    void oneSampleIsItsOwnSummary() {
        assertThat(Stats.of(List.of(7.0))).isEqualTo(new Stats(1, 7, 7, 7, 7, 7));
    }

    @Test
    void noSamplesIsAnError() {
        assertThatThrownBy(() -> Stats.of(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No samples");
    }
}

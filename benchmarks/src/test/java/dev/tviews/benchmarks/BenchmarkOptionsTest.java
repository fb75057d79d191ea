package dev.tviews.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkOptionsTest {

    @Test
    void defaultsAreTwoScalesOnAnEmbeddedServer() {
        BenchmarkOptions o = BenchmarkOptions.parse("--url=", "--scales=", "--out=");
        assertThat(o.scales()).containsExactly(10_000, 1_000_000);
        assertThat(o.repetitions()).containsExactly(15, 3);
        assertThat(o.warmups()).containsExactly(2, 1);
        assertThat(o.writerMillis()).isEqualTo(5_000);
        assertThat(o.url()).isEmpty();
        assertThat(o.out()).isEqualTo(Path.of("docs"));
    }

    @Test
    void oneRepetitionCountServesEveryScale() {
        BenchmarkOptions o = BenchmarkOptions.parse("--scales=1000,20_000,300000", "--reps=4", "--warmups=3,0",
                "--writer-seconds=0.5");
        assertThat(o.scales()).containsExactly(1_000, 20_000, 300_000);
        assertThat(o.repetitions()).containsExactly(4, 4, 4);
        assertThat(o.warmups()).containsExactly(3, 0, 0);
        assertThat(o.writerMillis()).isEqualTo(500);
        assertThat(o.writerRepetitions(0)).isEqualTo(3);
    }

    @Test
    void aSingleScaleTakesTheFirstDefaultCounts() {
        BenchmarkOptions o = BenchmarkOptions.parse("--scales=500");
        assertThat(o.repetitions()).containsExactly(15);
        assertThat(o.warmups()).containsExactly(2);
    }

    @Test
    void unknownOptionsAndBadNumbersSayWhatIsExpected() {
        assertThatThrownBy(() -> BenchmarkOptions.parse("--scale=10")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown option --scale").hasMessageContaining("--scales=");
        assertThatThrownBy(() -> BenchmarkOptions.parse("fast")).hasMessageContaining("Unknown argument fast");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--reps=many"))
                .hasMessageContaining("--reps takes non-negative whole numbers, not many");
        assertThatThrownBy(() -> new BenchmarkOptions(List.of(1, 2), List.of(3), List.of(0), 1, "", "", "",
                Path.of("."), "x")).hasMessageContaining("one repetition and one warm-up count per scale");
    }

    @Test
    void scenariosAndLengthChooseTheParts() {
        BenchmarkOptions all = BenchmarkOptions.parse("--scenarios=", "--short=");
        assertThat(all.scenarios()).containsExactlyInAnyOrder("blog", "nested", "paths");
        assertThat(all.issue15Settings()).isEqualTo(Issue15Settings.full());
        BenchmarkOptions some = BenchmarkOptions.parse("--scenarios=Nested, paths", "--short=true");
        assertThat(some.scenarios()).containsExactlyInAnyOrder("nested", "paths");
        assertThat(some.issue15Settings()).isEqualTo(Issue15Settings.quick());
        assertThat(BenchmarkOptions.parse("--short=tiny").issue15Settings()).isEqualTo(Issue15Settings.tiny());
        assertThatThrownBy(() -> BenchmarkOptions.parse("--scenarios=nested,pathz")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pathz");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--short=maybe")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maybe");
    }
}

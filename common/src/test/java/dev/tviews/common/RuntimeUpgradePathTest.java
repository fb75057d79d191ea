package dev.tviews.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimeUpgradePathTest {

    private static final RuntimeUpgradePath SHIPPED = new RuntimeScript(RuntimeUpgradePathTest.class.getClassLoader(), "0.4.0")
            .upgradePath();

    @Test
    void theShippedStepsChainEveryReleaseToTheCurrentOne() {
        assertThat(files(SHIPPED.from("0.1.0"))).containsExactly("upgrade/0.1.0--0.2.0.sql", "upgrade/0.2.0--0.3.0.sql",
                "upgrade/0.3.0--0.4.0.sql");
        assertThat(files(SHIPPED.from("0.2.0"))).containsExactly("upgrade/0.2.0--0.3.0.sql", "upgrade/0.3.0--0.4.0.sql");
        assertThat(files(SHIPPED.from("0.3.0"))).containsExactly("upgrade/0.3.0--0.4.0.sql");
        assertThat(SHIPPED.from("0.4.0")).isEmpty();
        assertThat(SHIPPED.from(null)).as("a fresh install").isEmpty();
        assertThat(SHIPPED.upgradable()).containsExactly("0.1.0", "0.2.0", "0.3.0");
    }

    @Test
    void aVersionNoChainStartsFromIsRefusedSayingWhatToDo() {
        assertThatThrownBy(() -> SHIPPED.from("0.0.1"))
                .isExactlyInstanceOf(TViewsException.class)
                .hasMessageContaining("(0.0.1)").hasMessageContaining("runtime 0.4.0").hasMessageContaining("upgrades 0.1.0, 0.2.0, 0.3.0")
                .hasMessageContaining("upgrade/0.0.1--0.4.0.sql");
        assertThatThrownBy(() -> SHIPPED.from("not a version")).isExactlyInstanceOf(TViewsException.class)
                .hasMessageContaining("(not a version)");
    }

    @Test
    void aNewerVersionIsNotDowngraded() {
        assertThatThrownBy(() -> SHIPPED.from("0.10.0"))
                .isExactlyInstanceOf(TViewsException.class)
                .hasMessageContaining("(0.10.0) is newer than this tviews (runtime 0.4.0)")
                .hasMessageContaining("use tviews 0.10.0 or newer");
    }

    @Test
    void theChainHasTheFewestSteps() {
        RuntimeUpgradePath path = new RuntimeUpgradePath(List.of(step("1.1.0", "2.0.0"), step("1.0.0", "1.1.0"),
                step("1.0.0", "2.0.0"), step("2.0.0", "2.1.0"), step("0.9.0", "1.0.0")), "2.1.0");
        assertThat(files(path.from("1.0.0"))).containsExactly("upgrade/1.0.0--2.0.0.sql", "upgrade/2.0.0--2.1.0.sql");
        assertThat(files(path.from("1.1.0"))).containsExactly("upgrade/1.1.0--2.0.0.sql", "upgrade/2.0.0--2.1.0.sql");
        assertThat(files(path.from("0.9.0"))).containsExactly("upgrade/0.9.0--1.0.0.sql", "upgrade/1.0.0--2.0.0.sql",
                "upgrade/2.0.0--2.1.0.sql");
        assertThat(path.upgradable()).containsExactly("0.9.0", "1.0.0", "1.1.0", "2.0.0");
        // oldest first: an order in which every chain runs its steps
        assertThat(files(path.steps())).containsExactly("upgrade/0.9.0--1.0.0.sql", "upgrade/1.0.0--1.1.0.sql",
                "upgrade/1.0.0--2.0.0.sql", "upgrade/1.1.0--2.0.0.sql", "upgrade/2.0.0--2.1.0.sql");
        assertThat(path.installsRunning(step("1.0.0", "1.1.0"))).as("no chain takes the longer way").isEmpty();
        assertThat(path.installsRunning(step("2.0.0", "2.1.0"))).containsExactly("0.9.0", "1.0.0", "1.1.0", "2.0.0");
    }

    @Test
    void aStepMustLeadToANewerVersionAndBeTheOnlyOneBetweenTwoVersions() {
        assertThatThrownBy(() -> new RuntimeUpgradePath(List.of(step("0.3.0", "0.2.0")), "0.3.0"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("upgrade/0.3.0--0.2.0.sql");
        assertThatThrownBy(() -> new RuntimeUpgradePath(List.of(step("0.2.0", "0.3.0"),
                new RuntimeUpgradeStep("0.2.0", "0.3.0", "upgrade/copy.sql", "")), "0.3.0"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Two upgrade steps lead from 0.2.0 to 0.3.0");
    }

    private static RuntimeUpgradeStep step(String from, String to) {
        return new RuntimeUpgradeStep(from, to, "upgrade/" + from + "--" + to + ".sql", "-- " + from + " to " + to + "\n");
    }

    private static List<String> files(List<RuntimeUpgradeStep> steps) {
        return steps.stream().map(RuntimeUpgradeStep::file).toList();
    }
}

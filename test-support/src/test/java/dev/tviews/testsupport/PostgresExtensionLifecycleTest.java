package dev.tviews.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.tviews.testsupport.fixtures.CheckerFixture;
import dev.tviews.testsupport.fixtures.FirstClassFixture;
import dev.tviews.testsupport.fixtures.OnlyInEngineTestKit;
import dev.tviews.testsupport.fixtures.SecondClassFixture;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs the fixture classes in a separate JUnit run (its own root context, so its own server) and checks what
 * they saw: one server for the whole run, a different database per class, each dropped after its class even
 * with a connection left open.
 */
class PostgresExtensionLifecycleTest {

    @Test
    void eachClassGetsItsOwnDatabaseWhichIsDroppedAfterTheClass() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(OnlyInEngineTestKit.PARAMETER, "true")
                .configurationParameter("junit.jupiter.testclass.order.default",
                        "org.junit.jupiter.api.ClassOrderer$OrderAnnotation")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                .selectors(selectClass(FirstClassFixture.class), selectClass(SecondClassFixture.class),
                        selectClass(CheckerFixture.class))
                .execute();

        results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(3).failed(0));
        Map<String, String> entries = reportEntries(results);

        String first = entries.get("FirstClassFixture.database");
        String second = entries.get("SecondClassFixture.database");
        String checker = entries.get("CheckerFixture.database");
        assertThat(first).startsWith("tv_firstclassfixture_");
        assertThat(second).startsWith("tv_secondclassfixture_");
        assertThat(checker).startsWith("tv_checkerfixture_");
        assertThat(List.of(first, second, checker)).doesNotHaveDuplicates();

        assertThat(entries.get("SecondClassFixture.server"))
                .isEqualTo(entries.get("FirstClassFixture.server"))
                .isEqualTo(entries.get("CheckerFixture.server"));

        List<String> existing = Arrays.asList(entries.get("CheckerFixture.existing").split(","));
        assertThat(existing).contains(checker).doesNotContain(first, second);
    }

    @Test
    void unreachableDockerIsOneClearLinePerClass() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(OnlyInEngineTestKit.PARAMETER, "true")
                .configurationParameter("tviews.test.pg", "testcontainers")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                .selectors(selectClass(FirstClassFixture.class), selectClass(SecondClassFixture.class))
                .execute();

        List<Throwable> failures = results.containerEvents().failed().stream()
                .map(event -> event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
                .toList();
        if (failures.isEmpty()) {
            // Docker is there: the container server worked like any other.
            results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2).failed(0));
            return;
        }
        assertThat(failures).hasSize(2).allSatisfy(failure -> {
            assertThat(failure).isInstanceOf(PostgresUnavailableException.class);
            assertThat(failure.getStackTrace()).isEmpty();
            assertThat(failure.getMessage()).doesNotContain("\n");
        });
        Throwable failure = failures.get(0);
        if (failure.getMessage().startsWith("Docker isn't reachable")) {
            assertThat(failure.getMessage()).contains("embedded", "TVIEWS_TEST_JDBC_URL");
            assertThat(failure.getCause()).isNull();
        } else {
            assertThat(failure.getMessage()).startsWith("Testcontainers could not start postgres:");
        }
        assertThat(failures.get(1)).isSameAs(failure); // started once per run, the failure remembered
    }

    private static Map<String, String> reportEntries(EngineExecutionResults results) {
        Map<String, String> entries = new HashMap<>();
        for (Event event : results.allEvents().reportingEntryPublished().list()) {
            event.getPayload(ReportEntry.class).ifPresent(entry -> entries.putAll(entry.getKeyValuePairs()));
        }
        return entries;
    }
}

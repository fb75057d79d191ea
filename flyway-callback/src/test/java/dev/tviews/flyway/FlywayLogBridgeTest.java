package dev.tviews.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.common.orchestration.RunLog;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.logging.Log;
import org.junit.jupiter.api.Test;

/** Where SLF4J discards everything (the Flyway CLI ships slf4j-nop), the report goes to Flyway's log. */
class FlywayLogBridgeTest {

    @Test
    void forwardsLinesToFlywaysLog() {
        List<String> lines = new ArrayList<>();
        Log log = new Log() {
            @Override
            public void debug(String message) {
                lines.add("DEBUG " + message);
            }

            @Override
            public void info(String message) {
                lines.add("INFO " + message);
            }

            @Override
            public void warn(String message) {
                lines.add("WARN " + message);
            }

            @Override
            public void error(String message) {
                lines.add("ERROR " + message);
            }

            @Override
            public void error(String message, Exception e) {
                lines.add("ERROR " + message);
            }

            @Override
            public void notice(String message) {
                lines.add("NOTICE " + message);
            }
        };
        RunLog runLog = FlywayLogBridge.toFlyway(log);

        runLog.info("tviews: 3 entities");
        runLog.warn("careful");

        assertThat(lines).containsExactly("INFO tviews: 3 entities", "WARN careful");
    }

    @Test
    void withARealSlf4jProviderTheCallbackLogsThroughSlf4j() {
        // the tests have slf4j-simple
        assertThat(FlywayLogBridge.log().toString()).isEqualTo("SLF4J dev.tviews.flyway.TViewsCallback");
    }
}

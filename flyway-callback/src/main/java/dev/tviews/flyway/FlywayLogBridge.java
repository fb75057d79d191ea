package dev.tviews.flyway;

import dev.tviews.common.orchestration.RunLog;
import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogFactory;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * Where the callback's report goes: SLF4J, unless SLF4J discards everything (the Flyway command line ships
 * {@code slf4j-nop}); then Flyway's own log, so the per-entity lines and the summary show up where Flyway's
 * output does. Uses only SLF4J API that 1.7 has too (the Maven 3.9 plugin realm provides slf4j-api 1.7).
 */
final class FlywayLogBridge {

    private FlywayLogBridge() {
    }

    static RunLog log() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof NOPLoggerFactory || factory.getClass().getName().startsWith("org.slf4j.nop.")) {
            return toFlyway(LogFactory.getLog(TViewsCallback.class));
        }
        return RunLog.of(LoggerFactory.getLogger(TViewsCallback.class));
    }

    static RunLog toFlyway(Log log) {
        return RunLog.of("Flyway log", log::info, log::warn);
    }
}

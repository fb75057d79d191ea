package dev.tviews.common.orchestration;

import java.util.Objects;
import org.slf4j.Logger;

/**
 * Where a run's report lines go: one line per entity and a summary. An integration passes its own when its tool
 * has a log of its own (the Flyway command line discards SLF4J); otherwise {@link #of(Logger)}.
 */
public interface RunLog {

    void info(String line);

    void warn(String line);

    /** Lines to an SLF4J logger (SLF4J 1.7 and 2.x). */
    static RunLog of(Logger logger) {
        Objects.requireNonNull(logger, "logger");
        return new RunLog() {
            @Override
            public void info(String line) {
                logger.info(line);
            }

            @Override
            public void warn(String line) {
                logger.warn(line);
            }

            @Override
            public String toString() {
                return "SLF4J " + logger.getName();
            }
        };
    }
}

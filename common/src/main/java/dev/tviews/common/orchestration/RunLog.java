package dev.tviews.common.orchestration;

import java.util.Objects;
import java.util.function.Consumer;
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
        return of("SLF4J " + logger.getName(), logger::info, logger::warn);
    }

    /** Info lines to {@code info}, warnings to {@code warn}; {@code name} says where, for messages. */
    static RunLog of(String name, Consumer<String> info, Consumer<String> warn) {
        return new RunLog() {
            @Override
            public void info(String line) {
                info.accept(line);
            }

            @Override
            public void warn(String line) {
                warn.accept(line);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}

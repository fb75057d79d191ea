package dev.tviews.samples.story;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * While open, collects what tviews logs (loggers under {@code dev.tviews}, reached through SLF4J's
 * java.util.logging binding) instead of printing it, and turns the chatter of the other libraries (Flyway,
 * Liquibase, the embedded server) down to warnings, so that the story shows tviews' own report in its place.
 * Closing puts every logger back as it was.
 */
public final class LogCapture implements AutoCloseable {

    private static final String TVIEWS = "dev.tviews";

    /** Kept in fields: java.util.logging holds loggers weakly, and a collected logger forgets its level. */
    private final Logger tviews;
    private final List<Logger> quieted = new ArrayList<>();
    private final List<Level> previousLevels = new ArrayList<>();
    private final Level tviewsLevel;
    private final boolean tviewsUsedParentHandlers;
    private final Handler handler;
    private final List<String> lines = new ArrayList<>();

    /** Starts capturing; {@code quiet} names the loggers to turn down to warnings while open. */
    public LogCapture(String... quiet) {
        tviews = Logger.getLogger(TVIEWS);
        tviewsLevel = tviews.getLevel();
        tviewsUsedParentHandlers = tviews.getUseParentHandlers();
        handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                    synchronized (lines) {
                        lines.add(message(record));
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        tviews.setLevel(Level.INFO);
        tviews.setUseParentHandlers(false);
        tviews.addHandler(handler);
        for (String name : quiet) {
            Logger logger = Logger.getLogger(name);
            quieted.add(logger);
            previousLevels.add(logger.getLevel());
            logger.setLevel(Level.WARNING);
        }
    }

    /** The lines logged since the last call (or since opening), and forgets them. */
    public List<String> drain() {
        synchronized (lines) {
            List<String> drained = List.copyOf(lines);
            lines.clear();
            return drained;
        }
    }

    @Override
    public void close() {
        tviews.removeHandler(handler);
        tviews.setUseParentHandlers(tviewsUsedParentHandlers);
        tviews.setLevel(tviewsLevel);
        for (int i = 0; i < quieted.size(); i++) {
            quieted.get(i).setLevel(previousLevels.get(i));
        }
    }

    private static String message(LogRecord record) {
        String message = record.getMessage();
        Object[] parameters = record.getParameters();
        if (message != null && parameters != null && parameters.length > 0) {
            message = java.text.MessageFormat.format(message, parameters);
        }
        String prefix = record.getLevel().intValue() >= Level.WARNING.intValue() ? record.getLevel().getName() + ": " : "";
        return prefix + (message == null ? "" : message);
    }
}

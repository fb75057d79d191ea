package dev.tviews.common.operations;

/**
 * One line of {@code pg_tviews_health_check()}.
 *
 * @param status    OK, WARNING or ERROR
 * @param component {@code runtime}, {@code tview <entity>} or {@code queue}
 * @param message   what was found, and for a problem what to do
 * @param severity  info, warning or error
 */
public record HealthCheck(String status, String component, String message, String severity) {

    /** The component name of a TVIEW's line. */
    static String componentOf(String entity) {
        return "tview " + entity;
    }
}

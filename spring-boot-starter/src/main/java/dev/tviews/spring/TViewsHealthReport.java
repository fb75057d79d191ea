package dev.tviews.spring;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The health of tviews in Boot-neutral terms; each Boot line's health indicator turns it into its own {@code Health}.
 *
 * @param up      whether everything that makes TVIEWs exact works (lagging async queues still count as up)
 * @param details what the health endpoint shows: the runtime, the registered TVIEWs, the queues, and every problem
 */
public record TViewsHealthReport(boolean up, Map<String, Object> details) {

    public TViewsHealthReport {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** The status code of every Boot line's {@code Health}: UP or DOWN. */
    public String status() {
        return up ? "UP" : "DOWN";
    }
}

package dev.tviews.common.operations;

import java.util.List;

/**
 * What {@code pg_tviews_refresh_all()} did.
 *
 * @param refreshed  the TVIEWs rebuilt, in the order they were (readers after what they read)
 * @param durationMs the server-side duration in milliseconds
 */
public record RefreshAllResult(List<String> refreshed, double durationMs) {

    public RefreshAllResult {
        refreshed = List.copyOf(refreshed);
    }
}

package dev.tviews.common.queue;

import java.time.Duration;

/**
 * What one {@link QueueDrainer#drain()} did.
 *
 * @param processed queue entries refreshed and removed from the queue (a key, or a whole-TVIEW rebuild)
 * @param failed    failed attempts: entries whose refresh raised an error; they stay queued with their
 *                  attempts and last error and are retried after a backoff (an entry retried within the
 *                  same drain counts again)
 * @param remaining entries still queued when the drain ended: failing ones waiting for their retry, ones
 *                  other workers held, ones written since, or all that a limit left
 * @param batches   calls of {@code pg_tviews_process_queue_details} made
 * @param elapsed   wall-clock time of the drain
 */
public record DrainReport(long processed, long failed, long remaining, int batches, Duration elapsed) {
}

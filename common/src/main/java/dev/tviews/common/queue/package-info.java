/**
 * Draining the async queue from Java: {@link dev.tviews.common.queue.QueueDrainer} calls the runtime's
 * {@code pg_tviews_process_queue_details} in batches, each batch a transaction of its own, until nothing is
 * left to do or a limit is reached, and reports what it did as a {@link dev.tviews.common.queue.DrainReport}.
 *
 * <p>Stability: used by the CLI's {@code drain} command; may still change before 1.0.
 */
package dev.tviews.common.queue;

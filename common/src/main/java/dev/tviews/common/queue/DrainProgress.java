package dev.tviews.common.queue;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Progress of a running drain, handed to the progress callback after every batch.
 *
 * @param batch          number of the batch just committed, from 1
 * @param processedTotal entries refreshed so far in this drain
 * @param failedTotal    failed attempts so far in this drain
 * @param batchByEntity  entries refreshed by this batch, per TVIEW (entity name), in the order processed
 * @param elapsed        time since the drain started
 */
public record DrainProgress(int batch, long processedTotal, long failedTotal, Map<String, Integer> batchByEntity,
                            Duration elapsed) {

    public DrainProgress {
        batchByEntity = Collections.unmodifiableMap(new LinkedHashMap<>(batchByEntity));
    }
}

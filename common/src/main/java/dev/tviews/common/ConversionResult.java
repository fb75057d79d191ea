package dev.tviews.common;

/**
 * One row of an auto-convert report.
 *
 * @param schema     the entity's schema
 * @param entity     the entity (tv_&lt;entity&gt;)
 * @param status     what happened
 * @param message    what the runtime said: the rows and time, the reason for a skip, or the error
 * @param durationMs how long the runtime took for this entity
 */
public record ConversionResult(String schema, String entity, ConversionStatus status, String message, double durationMs) {

    /** Whether this entity failed to convert. */
    public boolean failed() {
        return status == ConversionStatus.ERROR;
    }
}

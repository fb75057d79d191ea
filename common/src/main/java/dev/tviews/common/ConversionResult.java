package dev.tviews.common;

/**
 * One row of an auto-convert report.
 *
 * @param schema  the schema converted
 * @param entity  the entity (tv_&lt;entity&gt;)
 * @param status  what happened
 * @param message what the runtime said: the rows and time, the reason for a skip, or the error
 */
public record ConversionResult(String schema, String entity, ConversionStatus status, String message) {

    /** Whether this entity failed to convert. */
    public boolean failed() {
        return status == ConversionStatus.ERROR;
    }
}

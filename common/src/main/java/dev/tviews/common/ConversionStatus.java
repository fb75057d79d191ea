package dev.tviews.common;

/** Per-entity outcome of an auto-convert run, as {@code pg_tviews_auto_convert} reports it. */
public enum ConversionStatus {
    CREATED, UNCHANGED, REPLACED, SKIPPED, ERROR;

    /** Parses the runtime's status word. */
    public static ConversionStatus of(String word) {
        return valueOf(word.trim().toUpperCase(java.util.Locale.ROOT));
    }
}

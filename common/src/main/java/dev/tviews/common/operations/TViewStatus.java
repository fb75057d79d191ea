package dev.tviews.common.operations;

/**
 * What one registered TVIEW looks like now.
 *
 * @param entity        the entity name
 * @param schema        the schema of its table
 * @param table         its table as the catalog names it ({@code tv_post}, or schema-qualified off the search_path)
 * @param rows          the table's row count, {@code null} when the table is gone
 * @param lastChange    the newest {@code updated_at} of the table as text, {@code null} when the table has no
 *                      date/time column {@code updated_at} or no rows
 * @param health        its line of {@code pg_tviews_health_check()}, {@code null} when there is none
 */
public record TViewStatus(String entity, String schema, String table, Long rows, String lastChange, HealthCheck health) {
}

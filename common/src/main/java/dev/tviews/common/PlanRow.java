package dev.tviews.common;

/**
 * One row of an auto-convert plan: what {@code pg_tviews_auto_convert} would do for an entity.
 *
 * @param schema      the entity's schema
 * @param entity      the entity
 * @param baseTable   tb_&lt;entity&gt; when it exists, else {@code null}
 * @param backingView the view the TVIEW is defined by (v_&lt;entity&gt;, or "the configured select")
 * @param selectSql   the SELECT that would be registered, {@code null} when skipped
 * @param action      create, create or replace ..., skip: reason, or error: reason
 */
public record PlanRow(String schema, String entity, String baseTable, String backingView, String selectSql, String action) {
}

package dev.tviews.common;

/**
 * One row of an auto-convert plan: what {@code pg_tviews_auto_convert} would do for a tv_ table.
 *
 * @param entity      the entity
 * @param baseTable   tb_&lt;entity&gt; when it exists, else {@code null}
 * @param backingView the view the TVIEW is defined by (v_&lt;entity&gt;)
 * @param selectSql   the SELECT that would be registered, {@code null} when skipped
 * @param action      create, create or replace ..., or skip: reason
 */
public record PlanRow(String entity, String baseTable, String backingView, String selectSql, String action) {
}

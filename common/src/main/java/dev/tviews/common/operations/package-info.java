/**
 * Reading and maintaining registered TVIEWs from Java, over the installed runtime's public SQL API:
 * {@link dev.tviews.common.operations.StatusReader} (registrations, rows, last change, health),
 * {@link dev.tviews.common.operations.Verifier} ({@code pg_tviews_verify}) and
 * {@link dev.tviews.common.operations.Refresher} ({@code pg_tviews_refresh} / {@code pg_tviews_refresh_all}).
 * Each takes one {@link java.sql.Connection} and the schema holding the runtime; none commits, rolls back or
 * closes the connection.
 *
 * <p>Stability: used by the CLI; may still change before 1.0.
 */
package dev.tviews.common.operations;

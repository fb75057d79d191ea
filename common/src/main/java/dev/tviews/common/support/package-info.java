/**
 * Small helpers every tviews module shares: identifier quoting ({@link dev.tviews.common.support.Sql}), database
 * errors as one-line messages ({@link dev.tviews.common.support.Errors}), JSON output
 * ({@link dev.tviews.common.support.Json}) and plain-text tables ({@link dev.tviews.common.support.TextTable}).
 *
 * <p>Stability: used by the tviews integrations; may change before 1.0.
 */
package dev.tviews.common.support;

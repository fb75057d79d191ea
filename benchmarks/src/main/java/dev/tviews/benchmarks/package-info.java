/**
 * Reproducible measurements of TVIEW maintenance against the same statements without TVIEWs (raw) and
 * with a materialized view refreshed after each statement, on three identical databases in one run.
 *
 * <p>Entry point: {@link dev.tviews.benchmarks.BenchmarkMain} ({@code -Pbench}, see docs/benchmarks.md).
 * Internal tooling, not a public API.
 */
package dev.tviews.benchmarks;

package dev.tviews.spring;

import dev.tviews.common.orchestration.RunReport;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Micrometer meters, all named {@code tviews.*}. The database gauges read the runtime's tables when a registry asks
 * (one short query each); a query that fails gives NaN (and a debug line), not an exception in the scrape.
 *
 * <ul>
 *   <li>{@code tviews.registered}: registered TVIEWs ({@code pg_tview_meta})</li>
 *   <li>{@code tviews.queue.depth}: entries waiting in {@code pg_tview_queue}</li>
 *   <li>{@code tviews.queue.lag}: seconds since the oldest entry still queued was enqueued (0 when none)</li>
 *   <li>{@code tviews.maintenance.failures}: queued entries whose last refresh failed</li>
 *   <li>{@code tviews.conversion.duration}: how long the last startup install and conversion took</li>
 *   <li>{@code tviews.conversion.errors}: entities the last startup conversion could not convert</li>
 * </ul>
 */
public class TViewsMetrics implements MeterBinder {

    private final RuntimeQuery runtime;
    private final TViewsStartup startup;

    public TViewsMetrics(DataSource dataSource, TViewsStartup startup) {
        this.runtime = new RuntimeQuery(dataSource, startup);
        this.startup = startup;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("tviews.registered", runtime, r -> r.number("SELECT pg_catalog.count(*) FROM %s.pg_tview_meta"))
                .description("TVIEWs registered in the runtime").register(registry);
        Gauge.builder("tviews.queue.depth", runtime, r -> r.number("SELECT pg_catalog.count(*) FROM %s.pg_tview_queue"))
                .description("Entries waiting in pg_tview_queue (async TVIEWs, suspended work)").register(registry);
        Gauge.builder("tviews.queue.lag", runtime, r -> r.number(
                        "SELECT COALESCE(pg_catalog.date_part('epoch', pg_catalog.max(lag)), 0) FROM %s.pg_tviews_lag"))
                .baseUnit("seconds").description("Age of the oldest queue entry not yet refreshed").register(registry);
        Gauge.builder("tviews.maintenance.failures", runtime, r -> r.number(
                        "SELECT pg_catalog.count(*) FROM %s.pg_tview_queue WHERE last_error IS NOT NULL"))
                .description("Queue entries whose last refresh failed (they are retried)").register(registry);
        TimeGauge.builder("tviews.conversion.duration", this, TimeUnit.MILLISECONDS, TViewsMetrics::lastConversionMillis)
                .description("Wall time of the last install and conversion at startup").register(registry);
        Gauge.builder("tviews.conversion.errors", this, TViewsMetrics::lastConversionErrors)
                .description("Entities the last conversion could not convert").register(registry);
    }

    private double lastConversionMillis() {
        RunReport report = startup.lastReport();
        return report == null ? Double.NaN : report.totalTime().toNanos() / 1_000_000.0;
    }

    private double lastConversionErrors() {
        RunReport report = startup.lastReport();
        return report == null ? Double.NaN : report.errors().size();
    }
}

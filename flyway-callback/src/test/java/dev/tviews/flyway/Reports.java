package dev.tviews.flyway;

import dev.tviews.common.orchestration.RunReport;
import java.util.function.Consumer;

/** Keeps the report of the callback's last run, through its public report listener. */
final class Reports implements Consumer<RunReport> {

    private final TViewsCallback callback = new TViewsCallback(this);
    private volatile RunReport last;

    /** The callback to register with Flyway: it reports each of its runs here. */
    TViewsCallback callback() {
        return callback;
    }

    @Override
    public void accept(RunReport report) {
        last = report;
    }

    /** The last run's report; fails when the callback has not run. */
    RunReport last() {
        if (last == null) {
            throw new AssertionError("the tviews callback has not reported a run");
        }
        return last;
    }
}

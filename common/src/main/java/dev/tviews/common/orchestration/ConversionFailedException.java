package dev.tviews.common.orchestration;

import dev.tviews.common.TViewsException;

/** At least one entity failed to convert and failOnError is on; {@link #report()} has every entity's result. */
public class ConversionFailedException extends TViewsException {

    private static final long serialVersionUID = 1L;

    private final transient RunReport report;

    public ConversionFailedException(RunReport report) {
        super(report.failureMessage());
        this.report = report;
    }

    /** What the run did before it failed (its changes are rolled back). */
    public RunReport report() {
        return report;
    }
}

package dev.tviews.flyway;

import dev.tviews.common.orchestration.RunReport;
import java.util.Objects;
import java.util.function.Consumer;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Flyway callback: after every {@code migrate} (also when nothing was pending) installs or upgrades the tviews
 * runtime, converts the {@code tv_*} tables of the configured schemas, and logs one line per entity and a summary.
 * An entity that fails to convert fails the migrate, unless {@code tviews.failOnError} is {@code false}.
 *
 * <p>Register it by class name ({@code callbacks=dev.tviews.flyway.TViewsCallback} in the CLI, Maven or Gradle
 * plugin) or as an instance ({@code Flyway.configure().callbacks(new TViewsCallback())}, or a Spring Boot
 * {@code Callback} bean). Settings: the placeholders {@code tviews.schema}, {@code tviews.schemas},
 * {@code tviews.failOnError}, {@code tviews.include}, {@code tviews.exclude}, {@code tviews.config}, and a
 * {@code tviews.yml} on the classpath (see the README).
 *
 * <p>Before migrate it only reads its settings, so that a bad {@code tviews.yml} or placeholder fails before any
 * migration runs. After migrate it works in the transaction Flyway opens for it, which it never commits, rolls back
 * or closes, under an advisory lock (Flyway calls back outside its own lock).
 */
public final class TViewsCallback implements Callback {

    private final Consumer<RunReport> onReport;

    /** Used by Flyway when the callback is named in the {@code callbacks} setting. */
    public TViewsCallback() {
        this(report -> { });
    }

    /**
     * A callback that also hands each run's report to {@code onReport} once it is logged (a run that fails the
     * migrate throws instead): for an application that acts on what a migrate converted (metrics, health).
     */
    public TViewsCallback(Consumer<RunReport> onReport) {
        this.onReport = Objects.requireNonNull(onReport, "onReport");
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_MIGRATE || event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        if (event == Event.BEFORE_MIGRATE) {
            // Only reads the settings, so that a bad tviews.yml or placeholder fails before any migration runs.
            FlywayRun.settings(context.getConfiguration());
        } else if (event == Event.AFTER_MIGRATE) {
            onReport.accept(FlywayRun.run(context.getConfiguration(), context.getConnection()));
        }
    }

    @Override
    public String getCallbackName() {
        return "tviews";
    }
}

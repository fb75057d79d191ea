package dev.tviews.spring.boot4;

import dev.tviews.spring.TViewsHealthProbe;
import dev.tviews.spring.TViewsHealthReport;
import java.util.Objects;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** The {@code tviews} health contributor on Spring Boot 4 ({@code org.springframework.boot.health}). */
public class TViewsHealthIndicator extends AbstractHealthIndicator {

    private final TViewsHealthProbe probe;

    public TViewsHealthIndicator(TViewsHealthProbe probe) {
        super(TViewsHealthProbe.FAILURE_MESSAGE);
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        TViewsHealthReport report = probe.check();
        builder.status(report.status()).withDetails(report.details());
    }
}

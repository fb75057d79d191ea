package dev.tviews.spring.boot3;

import dev.tviews.spring.TViewsHealthProbe;
import dev.tviews.spring.TViewsHealthReport;
import java.util.Objects;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/** The {@code tviews} health contributor on Spring Boot 3.5 ({@code org.springframework.boot.actuate.health}). */
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

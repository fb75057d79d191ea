package dev.tviews.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a startup that failed on a {@code tviews.*} property tviews cannot use. */
class PropertyFailureAnalyzer extends AbstractFailureAnalyzer<TViewsPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TViewsPropertyException cause) {
        return new FailureAnalysis("The property " + cause.property() + " has a value tviews cannot use: " + cause.getMessage(),
                "Change " + cause.property() + " in your application properties (see docs/spring-boot.md for every tviews "
                        + "property), or remove it to use the default.", cause);
    }
}

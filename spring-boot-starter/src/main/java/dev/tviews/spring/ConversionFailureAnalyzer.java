package dev.tviews.spring;

import dev.tviews.common.ConversionResult;
import dev.tviews.common.orchestration.ConversionFailedException;
import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a startup that failed because an entity could not be converted: which, why, and the ways out. */
class ConversionFailureAnalyzer extends AbstractFailureAnalyzer<ConversionFailedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConversionFailedException cause) {
        String entities = cause.report().errors().stream()
                .map(r -> "    " + r.schema() + "." + r.entity() + ": " + oneLine(r))
                .collect(Collectors.joining("\n"));
        return new FailureAnalysis("tviews could not convert these tv_ tables after the migrations (its changes were rolled "
                + "back; the migrations stay applied):\n" + entities,
                "Fix the view or the table in a new migration, or leave the entity out with tviews.exclude=<entity>, or set "
                        + "tviews.fail-on-error=false to start anyway (the tviews health is then DOWN and names the entity).",
                cause);
    }

    private static String oneLine(ConversionResult result) {
        return result.message() == null ? "" : result.message().strip().replaceAll("\\s*\\R\\s*", " ");
    }
}

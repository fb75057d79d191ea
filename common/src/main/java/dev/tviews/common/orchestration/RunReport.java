package dev.tviews.common.orchestration;

import dev.tviews.common.ConversionResult;
import dev.tviews.common.ConversionStatus;
import dev.tviews.common.InstallResult;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one tviews run did.
 *
 * @param install     what installing the runtime did
 * @param schemas     the schemas converted
 * @param results     one row per entity, by schema then entity
 * @param convertTime wall time of the conversion (overrides included)
 * @param totalTime   wall time of the whole run (lock, install, convert)
 */
public record RunReport(InstallResult install, List<String> schemas, List<ConversionResult> results,
                        Duration convertTime, Duration totalTime) {

    public RunReport {
        schemas = List.copyOf(schemas);
        results = List.copyOf(results);
    }

    /** How many entities ended with {@code status}. */
    public long count(ConversionStatus status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    /** The entities that failed. */
    public List<ConversionResult> errors() {
        return results.stream().filter(ConversionResult::failed).toList();
    }

    public boolean hasErrors() {
        return results.stream().anyMatch(ConversionResult::failed);
    }

    /** One line: counts per status and the durations. */
    public String summary() {
        return "tviews: converted schema" + (schemas.size() == 1 ? " " : "s ") + String.join(", ", schemas) + ": "
                + results.size() + (results.size() == 1 ? " entity" : " entities") + " ("
                + count(ConversionStatus.CREATED) + " created, " + count(ConversionStatus.REPLACED) + " replaced, "
                + count(ConversionStatus.UNCHANGED) + " unchanged, " + count(ConversionStatus.SKIPPED) + " skipped, "
                + count(ConversionStatus.ERROR) + " errors) in " + totalTime.toMillis() + " ms (runtime "
                + install.version() + " " + install.action().name().toLowerCase(java.util.Locale.ROOT) + " in "
                + install.duration().toMillis() + " ms, convert " + convertTime.toMillis() + " ms)";
    }

    /** The failures as one sentence naming each entity and its cause, and the settings that get past them. */
    public String failureMessage() {
        List<ConversionResult> errors = errors();
        return "tviews could not convert " + errors.size() + (errors.size() == 1 ? " entity: " : " entities: ")
                + errorList() + ". Fix the view or table, leave the entity out (tviews.exclude), or set "
                + "tviews.failOnError=false (failOnError: false in tviews.yml) to only warn.";
    }

    /** The warning logged instead of failing when failOnError is off. */
    public String warningMessage() {
        List<ConversionResult> errors = errors();
        return "tviews could not convert " + errors.size() + (errors.size() == 1 ? " entity" : " entities")
                + " and left " + (errors.size() == 1 ? "it" : "them") + " as before (failOnError is false): " + errorList() + ".";
    }

    private String errorList() {
        return errors().stream()
                .map(r -> r.schema() + "." + r.entity() + ": " + r.message().strip().replaceAll("[.\\s]+$", ""))
                .collect(Collectors.joining("; "));
    }
}

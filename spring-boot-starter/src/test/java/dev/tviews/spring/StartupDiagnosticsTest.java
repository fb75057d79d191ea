package dev.tviews.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.common.ConversionResult;
import dev.tviews.common.ConversionStatus;
import dev.tviews.common.InstallResult;
import dev.tviews.common.orchestration.ConversionFailedException;
import dev.tviews.common.orchestration.RunReport;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** What a user sees when startup fails, and what an IDE completes: the failure analyses and the configuration metadata. */
class StartupDiagnosticsTest {

    @Test
    void aFailedConversionIsExplainedWithTheWaysOut() {
        RunReport report = new RunReport(new InstallResult("app", "0.2.0", null, InstallResult.Action.INSTALLED, Duration.ZERO),
                List.of("app"), List.of(new ConversionResult("app", "broken", ConversionStatus.ERROR,
                "tviews: key column pk_broken of broken is text, not an integer", 0.0)), Duration.ZERO, Duration.ZERO);
        FailureAnalysis analysis = new ConversionFailureAnalyzer().analyze(new IllegalStateException("startup",
                new ConversionFailedException(report)));
        assertThat(analysis.getDescription()).contains("    app.broken: tviews: key column pk_broken of broken is text");
        assertThat(analysis.getAction()).contains("tviews.exclude=<entity>", "tviews.fail-on-error=false");
    }

    @Test
    void aBadPropertyIsExplainedNamingIt() {
        FailureAnalysis analysis = new PropertyFailureAnalyzer().analyze(new IllegalStateException("startup",
                new TViewsPropertyException("tviews.entities[post].mode", "must be sync or async, got 'later'.")));
        assertThat(analysis.getDescription()).contains("tviews.entities[post].mode: must be sync or async, got 'later'.");
        assertThat(analysis.getAction()).startsWith("Change tviews.entities[post].mode");
    }

    @Test
    void theMetadataDescribesEveryPropertyWithItsDefault() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = new ObjectMapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        java.util.Map<String, JsonNode> byName = new java.util.LinkedHashMap<>();
        metadata.path("properties").forEach(p -> byName.put(p.path("name").asString(), p));
        assertThat(byName).containsKeys("tviews.enabled", "tviews.schema", "tviews.schemas", "tviews.include", "tviews.exclude",
                "tviews.fail-on-error", "tviews.config", "tviews.entities", "tviews.drainer.enabled", "tviews.drainer.interval",
                "tviews.drainer.batch-size", "management.health.tviews.enabled");
        assertThat(byName.get("tviews.enabled").path("defaultValue").asBoolean()).isTrue();
        assertThat(byName.get("tviews.fail-on-error").path("defaultValue").asBoolean()).isTrue();
        assertThat(byName.get("tviews.drainer.interval").path("defaultValue").asString()).isEqualTo("1s");
        assertThat(byName.get("tviews.schema").path("description").asString()).contains("runtime");
        List<String> modes = new java.util.ArrayList<>();
        metadata.path("hints").forEach(h -> {
            if (h.path("name").asString().equals("tviews.entities.values.mode")) {
                h.path("values").forEach(v -> modes.add(v.path("value").asString()));
            }
        });
        assertThat(modes).containsExactly("sync", "async");
    }
}

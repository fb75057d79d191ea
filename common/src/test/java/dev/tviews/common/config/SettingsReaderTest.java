package dev.tviews.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsReaderTest {

    @Test
    void readsTheTviewsKeysAndIgnoresOthers() {
        Map<String, String> settings = new HashMap<>();
        settings.put("tviews.schema", "tviews");
        settings.put("tviews.schemas", "public, blog");
        settings.put("tviews.failOnError", "FALSE");
        settings.put("tviews.include", "post*,user");
        settings.put("tviews.exclude", " audit_* ");
        settings.put("tviews.config", "conf/tviews.yml");
        settings.put("appName", "blog");
        settings.put("flyway:defaultSchema", "public");

        SettingsReader.Settings read = SettingsReader.read(settings, "Flyway placeholder");

        assertThat(read.config()).isEqualTo(new TViewsConfig("tviews", java.util.List.of("public", "blog"),
                java.util.List.of("post*", "user"), java.util.List.of("audit_*"), false, null));
        assertThat(read.configPath()).isEqualTo("conf/tviews.yml");
    }

    @Test
    void namesFromEnvironmentVariablesWork() {
        // FLYWAY_PLACEHOLDERS_TVIEWS_FAILONERROR=false becomes the placeholder tviews_failonerror
        SettingsReader.Settings read = SettingsReader.read(Map.of("tviews_failonerror", "false", "TVIEWS_SCHEMA", "rt"), "Flyway placeholder");
        assertThat(read.config().failOnError()).isFalse();
        assertThat(read.config().runtimeSchema()).isEqualTo("rt");
    }

    @Test
    void emptyValuesAreUnset() {
        assertThat(SettingsReader.read(Map.of("tviews.schema", "", "tviews.failOnError", " "), "x").config())
                .isEqualTo(TViewsConfig.empty());
        assertThat(SettingsReader.read(null, "x").config()).isEqualTo(TViewsConfig.empty());
    }

    @Test
    void rejectsUnknownKeysAndBadValues() {
        assertThatThrownBy(() -> SettingsReader.read(Map.of("tviews.failOnErorr", "false"), "Flyway placeholder"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Unknown Flyway placeholder tviews.failOnErorr; tviews understands tviews.schema, tviews.schemas, "
                        + "tviews.failOnError, tviews.include, tviews.exclude, tviews.config.");
        assertThatThrownBy(() -> SettingsReader.read(Map.of("tviews.failOnError", "no"), "Flyway placeholder"))
                .hasMessage("Flyway placeholder tviews.failOnError must be true or false, got 'no'.");
        assertThatThrownBy(() -> SettingsReader.read(Map.of("tviews.exclude", "a,b c"), "Flyway placeholder"))
                .hasMessageStartingWith("Flyway placeholder tviews.exclude: 'b c' is not a glob over entity names");
    }
}

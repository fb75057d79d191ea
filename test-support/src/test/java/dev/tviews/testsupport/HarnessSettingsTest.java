package dev.tviews.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HarnessSettingsTest {

    private static final Map<String, String> EXTERNAL = Map.of(
            "TVIEWS_TEST_JDBC_URL", "jdbc:postgresql://localhost:5433/postgres",
            "TVIEWS_TEST_USER", "alice",
            "TVIEWS_TEST_PASSWORD", "secret");

    @Test
    void embeddedByDefault() {
        HarnessSettings settings = HarnessSettings.from(null, "13", Map.of());
        assertThat(settings.kind()).isEqualTo(TestServer.Kind.EMBEDDED);
        assertThat(settings.pgVersion()).isEqualTo(13);
        assertThat(settings.externalUser()).isEqualTo("postgres");
        assertThat(settings.externalPassword()).isEmpty();
    }

    @Test
    void externalWhenTheUrlIsSet() {
        HarnessSettings settings = HarnessSettings.from("auto", "18", EXTERNAL);
        assertThat(settings.kind()).isEqualTo(TestServer.Kind.EXTERNAL);
        assertThat(settings.externalUrl()).isEqualTo("jdbc:postgresql://localhost:5433/postgres");
        assertThat(settings.externalUser()).isEqualTo("alice");
        assertThat(settings.externalPassword()).isEqualTo("secret");
    }

    @Test
    void explicitSourceWins() {
        assertThat(HarnessSettings.from("testcontainers", "16", EXTERNAL).kind())
                .isEqualTo(TestServer.Kind.TESTCONTAINERS);
        assertThat(HarnessSettings.from("EMBEDDED", null, EXTERNAL).kind()).isEqualTo(TestServer.Kind.EMBEDDED);
    }

    @Test
    void rejectsUnknownValuesWithAHint() {
        assertThatThrownBy(() -> HarnessSettings.from("docker", "18", Map.of()))
                .isInstanceOf(PostgresUnavailableException.class)
                .hasMessageContaining("testcontainers");
        assertThatThrownBy(() -> HarnessSettings.from(null, "eighteen", Map.of()))
                .isInstanceOf(PostgresUnavailableException.class)
                .hasMessageContaining("13, 14, 15, 16, 17 or 18");
    }

    @Test
    void externalWithoutUrlSaysWhatIsMissing() {
        assertThatThrownBy(() -> new ExternalServer(null, "postgres", ""))
                .isInstanceOf(PostgresUnavailableException.class)
                .hasMessageContaining("TVIEWS_TEST_JDBC_URL");
    }

    @Test
    void databaseNamesAreUniqueValidIdentifiers() {
        String first = RunningServer.databaseName(HarnessSettingsTest.class);
        String second = RunningServer.databaseName(HarnessSettingsTest.class);
        assertThat(first).startsWith("tv_harnesssettingstest_").matches("[a-z0-9_]{1,63}");
        assertThat(second).isNotEqualTo(first);
        String nested = RunningServer.databaseName(VeryLongNameForATestClassThatGoesOnAndOnAndOnAndOnForever.class);
        assertThat(nested).hasSizeLessThanOrEqualTo(63).startsWith("tv_harnesssettingstest_verylongname");
    }

    static final class VeryLongNameForATestClassThatGoesOnAndOnAndOnAndOnForever {
    }
}

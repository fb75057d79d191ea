package dev.tviews.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void aTviewsYmlOnTheClasspathIsReadAndSettingsWinOverIt() throws Exception {
        Files.writeString(dir.resolve("tviews.yml"), "schemas: [blog]\nfailOnError: false\nexclude: [a]\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            TViewsConfig config = ConfigLoader.load(Map.of("tviews.exclude", "b"), "setting", loader);
            assertThat(config.schemas()).containsExactly("blog");
            assertThat(config.failOnError()).isFalse();
            assertThat(config.exclude()).containsExactly("b");
        }
    }

    @Test
    void noFileAndNoSettingsIsEmpty() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertThat(ConfigLoader.load(Map.of(), "setting", loader)).isEqualTo(TViewsConfig.empty());
        }
        assertThat(ConfigLoader.load(Map.of(), "setting", null)).isEqualTo(TViewsConfig.empty());
    }

    @Test
    void tviewsConfigNamesAFileOrAClasspathResourceInsteadOfTheDefault() throws Exception {
        Files.writeString(dir.resolve("tviews.yml"), "schemas: [from_default]\n");
        Path other = Files.writeString(dir.resolve("other.yml"), "schemas: [from_other]\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertThat(ConfigLoader.load(Map.of("tviews.config", other.toString()), "setting", loader).schemas())
                    .containsExactly("from_other");
            assertThat(ConfigLoader.load(Map.of("tviews.config", "filesystem:" + other), "setting", loader).schemas())
                    .containsExactly("from_other");
            assertThat(ConfigLoader.load(Map.of("tviews.config", "classpath:other.yml"), "setting", loader).schemas())
                    .containsExactly("from_other");
            assertThatThrownBy(() -> ConfigLoader.load(Map.of("tviews.config", "classpath:missing.yml"), "Flyway placeholder", loader))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("Flyway placeholder tviews.config names classpath:missing.yml, which is not on the classpath; "
                            + "fix the path or put the file there.");
            assertThatThrownBy(() -> ConfigLoader.load(Map.of("tviews.config", dir.resolve("nope.yml").toString()), "setting", loader))
                    .hasMessageContaining("tviews.config names " + dir.resolve("nope.yml") + ", which is not a readable file");
        }
    }

    @Test
    void errorsInTheFileNameTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("tviews.yml"), "entities:\n  post:\n    selec: SELECT 1\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertThatThrownBy(() -> ConfigLoader.load(Map.of(), "setting", loader))
                    .hasMessageStartingWith(file + ", line 3: unknown key 'entities.post.selec'");
        }
    }

    @Test
    void layersMergeEntitiesKeyByKey() {
        TViewsConfig base = new TViewsConfig("rt", List.of("a"), null, null, true,
                Map.of("post", new EntityConfig("SELECT 1", List.of("fk_user"), null)));
        TViewsConfig top = new TViewsConfig(null, null, List.of("p*"), null, null,
                Map.of("post", new EntityConfig(null, null, Map.of("mode", "sync"))));
        TViewsConfig merged = base.overriddenBy(top);
        assertThat(merged.runtimeSchema()).isEqualTo("rt");
        assertThat(merged.include()).containsExactly("p*");
        assertThat(merged.entities().get("post")).isEqualTo(new EntityConfig("SELECT 1", List.of("fk_user"), Map.of("mode", "sync")));

        assertThat(TViewsConfig.empty().withDefaults("public", List.of("public", "blog")).schemas()).containsExactly("public", "blog");
        assertThat(TViewsConfig.empty().withDefaults("rt", List.of()).schemas()).containsExactly("rt");
        assertThat(new TViewsConfig(null, List.of("x"), null, null, null, null).withDefaults("rt", List.of("y")).schemas())
                .containsExactly("x");
        assertThat(TViewsConfig.empty().failOnErrorOrDefault()).isTrue();
    }
}

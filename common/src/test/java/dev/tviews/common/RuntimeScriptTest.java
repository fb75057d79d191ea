package dev.tviews.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeScriptTest {

    @TempDir
    Path root;

    @Test
    void concatenatesTheListedFilesInManifestOrder() throws IOException {
        write("manifest.txt", "# install order\n\nsecond.sql\n  # indented comment\nfirst.sql\r\nsub/third.sql\n");
        write("first.sql", "SELECT 1;\n");
        write("second.sql", "SELECT 2;"); // no trailing newline
        write("sub/third.sql", "SELECT 3;\n");
        write("unlisted.sql", "SELECT 'never';\n");

        RuntimeScript script = load();

        assertThat(script.files()).containsExactly("second.sql", "first.sql", "sub/third.sql");
        assertThat(script.text()).isEqualTo("""
                -- ==== second.sql ====
                SELECT 2;
                -- ==== first.sql ====
                SELECT 1;
                -- ==== sub/third.sql ====
                SELECT 3;
                """);
    }

    @Test
    void anEmptyManifestGivesAnEmptyScript() throws IOException {
        write("manifest.txt", "# nothing yet\n");
        assertThat(load().text()).isEmpty();
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        write("manifest.txt", "first.sql\nmissing.sql\n");
        write("first.sql", "SELECT 1;\n");
        assertThatThrownBy(this::load)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing.sql")
                .hasMessageContaining("dev/tviews/runtime/manifest.txt");
    }

    @Test
    void aMissingManifestIsNamed() {
        assertThatThrownBy(this::load)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dev/tviews/runtime/manifest.txt");
    }

    @Test
    void theShippedManifestLoads() {
        RuntimeScript script = RuntimeScript.load();
        for (String file : script.files()) {
            assertThat(script.text()).contains("-- ==== " + file + " ====\n");
        }
    }

    private RuntimeScript load() throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            return new RuntimeScript(loader);
        }
    }

    private void write(String name, String content) throws IOException {
        Path file = root.resolve("dev/tviews/runtime").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}

package dev.tviews.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void upgradeStepsRunBetweenThePreludeAndTheDefinitions() throws IOException {
        write("manifest.txt", "prelude.sql\nupgrade/1.0.0--1.1.0.sql\nupgrade/1.1.0--2.0.0.sql\ndefinitions.sql\n");
        write("prelude.sql", "SELECT 'prelude';\n");
        write("upgrade/1.0.0--1.1.0.sql", "SELECT 'one';\n");
        write("upgrade/1.1.0--2.0.0.sql", "SELECT 'two';\n");
        write("definitions.sql", "SELECT '@TVIEWS_VERSION@';\n");

        RuntimeScript script = load("2.0.0");

        assertThat(script.files()).containsExactly("prelude.sql", "upgrade/1.0.0--1.1.0.sql", "upgrade/1.1.0--2.0.0.sql",
                "definitions.sql");
        assertThat(script.text(script.upgradePath().from("1.1.0"))).isEqualTo("""
                -- ==== prelude.sql ====
                SELECT 'prelude';
                -- ==== upgrade/1.1.0--2.0.0.sql ====
                SELECT 'two';
                -- ==== definitions.sql ====
                SELECT '2.0.0';
                """);
        assertThat(script.text(List.of())).isEqualTo("""
                -- ==== prelude.sql ====
                SELECT 'prelude';
                -- ==== definitions.sql ====
                SELECT '2.0.0';
                """);
        // the whole script carries every step, each guarded by the installed versions whose chain runs it
        assertThat(script.text())
                .startsWith("-- ==== prelude.sql ====\nSELECT 'prelude';\n-- ==== upgrade steps ====\n")
                .contains("IF v_installed NOT IN ('1.0.0', '1.1.0', '2.0.0') THEN")
                .contains("-- ==== upgrade/1.0.0--1.1.0.sql: runs over an install of 1.0.0 ====\nDO $upgrade$\nBEGIN\n"
                        + "    IF pg_catalog.current_setting('tviews.upgrade_from') IN ('1.0.0') THEN\n"
                        + "        EXECUTE $step$\nSELECT 'one';\n$step$;\n    END IF;\nEND\n$upgrade$;\n")
                .contains("-- ==== upgrade/1.1.0--2.0.0.sql: runs over an install of 1.0.0 or 1.1.0 ====\n")
                .contains("IN ('1.0.0', '1.1.0') THEN\n        EXECUTE $step$\nSELECT 'two';\n$step$;")
                .endsWith("-- ==== definitions.sql ====\nSELECT '2.0.0';\n");
        assertThat(script.psqlScript()).contains("or upgrades the runtime there (from 1.0.0, 1.1.0)");
    }

    @Test
    void upgradeStepsAreListedTogether() throws IOException {
        write("manifest.txt", "upgrade/1.0.0--1.1.0.sql\ndefinitions.sql\nupgrade/1.1.0--2.0.0.sql\n");
        write("upgrade/1.0.0--1.1.0.sql", "SELECT 1;\n");
        write("upgrade/1.1.0--2.0.0.sql", "SELECT 2;\n");
        write("definitions.sql", "SELECT 3;\n");
        assertThatThrownBy(() -> load("2.0.0")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("upgrade/1.1.0--2.0.0.sql").hasMessageContaining("list the upgrade steps together");
    }

    @Test
    void aStepMayNotUseTheQuotesItIsWrappedIn() throws IOException {
        write("manifest.txt", "upgrade/1.0.0--2.0.0.sql\n");
        write("upgrade/1.0.0--2.0.0.sql", "DO $step$ BEGIN END $step$;\n");
        assertThatThrownBy(() -> load("2.0.0")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("upgrade/1.0.0--2.0.0.sql").hasMessageContaining("$step$");
    }

    @Test
    void theShippedManifestLoads() {
        RuntimeScript script = RuntimeScript.load();
        // the upgrade from the oldest version this runtime upgrades runs every file
        String oldest = script.upgradePath().upgradable().get(0);
        for (String file : script.files()) {
            assertThat(script.text(script.upgradePath().from(oldest))).contains("-- ==== " + file + " ====\n");
        }
    }

    private RuntimeScript load() throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            return new RuntimeScript(loader);
        }
    }

    private RuntimeScript load(String version) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            return new RuntimeScript(loader, version);
        }
    }

    private void write(String name, String content) throws IOException {
        Path file = root.resolve("dev/tviews/runtime").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}

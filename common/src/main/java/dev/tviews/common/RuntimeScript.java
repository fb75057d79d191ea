package dev.tviews.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The tviews runtime install script: the SQL files listed in {@code dev/tviews/runtime/manifest.txt}
 * (classpath resources, one file name per line relative to {@code dev/tviews/runtime/}; blank lines and
 * lines starting with {@code #} ignored), concatenated in manifest order, each preceded by a line
 * {@code -- ==== <file> ====}. The token {@code @TVIEWS_VERSION@} (in finish.sql) becomes the runtime version
 * derived from the pom's ({@link TViewsVersion#runtime()}).
 *
 * <p>Entries named {@code upgrade/<from>--<to>.sql} are upgrade steps ({@link RuntimeUpgradeStep}), listed
 * together where they run: after the prelude, before the definitions of the current version. An install
 * runs the chain of them from the installed version ({@link #text(List)} of {@link RuntimeUpgradePath#from});
 * {@link #text()} carries every step, each guarded so that it runs only over an install whose chain passes
 * through it, for psql and for scripts written without a database at hand.
 */
public final class RuntimeScript {

    /** Classpath folder of the runtime SQL files and their manifest. */
    public static final String RESOURCE_DIRECTORY = "dev/tviews/runtime/";
    /** Where finish.sql says which runtime version it installs; replaced when the script is read. */
    public static final String VERSION_TOKEN = "@TVIEWS_VERSION@";
    /** Classpath resource listing the runtime SQL files in install order. */
    public static final String MANIFEST = RESOURCE_DIRECTORY + "manifest.txt";
    /** Dollar quotes of the guarded steps in {@link #text()}: a step's own SQL may not use them. */
    private static final List<String> GUARD_QUOTES = List.of("$upgrade$", "$step$");

    private final List<String> files;
    private final String head;
    private final String tail;
    private final RuntimeUpgradePath upgradePath;
    private final String text;

    /**
     * Reads the manifest and every file it lists through {@code classLoader}.
     *
     * @throws IllegalStateException if the manifest or a listed file is missing or unreadable
     */
    public RuntimeScript(ClassLoader classLoader) {
        this(classLoader, TViewsVersion.current().runtime());
    }

    /** Reads the script as {@link #RuntimeScript(ClassLoader)}, declaring {@code runtimeVersion} as its version. */
    public RuntimeScript(ClassLoader classLoader, String runtimeVersion) {
        Objects.requireNonNull(classLoader, "classLoader");
        Objects.requireNonNull(runtimeVersion, "runtimeVersion");
        this.files = List.copyOf(parseManifest(read(classLoader, MANIFEST, "the runtime manifest")));
        StringBuilder before = new StringBuilder();
        StringBuilder after = new StringBuilder();
        List<RuntimeUpgradeStep> steps = new ArrayList<>();
        for (String file : files) {
            String content = read(classLoader, RESOURCE_DIRECTORY + file,
                    "runtime SQL file " + file + " (listed in " + MANIFEST + ")").replace(VERSION_TOKEN, runtimeVersion);
            Optional<RuntimeUpgradeStep> step = RuntimeUpgradeStep.of(file, content);
            if (step.isPresent()) {
                if (after.length() > 0) {
                    throw new IllegalStateException("Upgrade step " + file + " is listed apart from the others in " + MANIFEST
                            + ": list the upgrade steps together, where they run (after the prelude).");
                }
                steps.add(step.get());
            } else {
                appendSection(steps.isEmpty() ? before : after, file, content);
            }
        }
        this.head = before.toString();
        this.tail = after.toString();
        this.upgradePath = new RuntimeUpgradePath(steps, runtimeVersion);
        this.text = head + guardedSteps() + tail;
    }

    /** Loads the runtime script shipped with this class. */
    public static RuntimeScript load() {
        return new RuntimeScript(RuntimeScript.class.getClassLoader());
    }

    /** The file names from the manifest, in install order (upgrade steps included). */
    public List<String> files() {
        return files;
    }

    /** The upgrade steps and the chains of them from older versions to this one. */
    public RuntimeUpgradePath upgradePath() {
        return upgradePath;
    }

    /**
     * The whole script, to run inside a transaction (the caller's, or one of its own): installs afresh, or
     * upgrades any version this runtime upgrades (each step runs only over an install whose chain passes
     * through it), or re-installs the same version; it stops with an error over a version it cannot upgrade.
     */
    public String text() {
        return text;
    }

    /** The script that runs {@code chain} (from {@link RuntimeUpgradePath#from}) between the prelude and the definitions. */
    public String text(List<RuntimeUpgradeStep> chain) {
        StringBuilder script = new StringBuilder(head);
        for (RuntimeUpgradeStep step : chain) {
            appendSection(script, step.file(), step.sql());
        }
        return script.append(tail).toString();
    }

    /**
     * The install script for {@code psql -f}: stops at the first error and runs in one transaction,
     * so a failed install leaves nothing behind.
     */
    public String psqlScript() {
        List<String> upgradable = upgradePath.upgradable();
        return "-- tviews runtime install script. Run: psql -d <database> -f tviews-runtime.sql\n"
                + "-- Installs into the first schema of search_path (normally public), or upgrades the runtime there"
                + (upgradable.isEmpty() ? "" : " (from " + String.join(", ", upgradable) + ")") + "; safe to run again.\n"
                + "\\set ON_ERROR_STOP on\n"
                + "BEGIN;\n"
                + text
                + "COMMIT;\n";
    }

    /**
     * Every step, each in a DO block that runs it only over an install whose chain passes through it, after a
     * block that reads the installed version (and refuses one this runtime cannot upgrade).
     */
    private String guardedSteps() {
        if (upgradePath.steps().isEmpty()) {
            return "";
        }
        List<String> accepted = new ArrayList<>(upgradePath.upgradable());
        accepted.add(upgradePath.target());
        StringBuilder script = new StringBuilder("""
                -- ==== upgrade steps ====
                -- Each upgrade/<from>--<to>.sql below runs only over an install whose chain of steps to %1$s passes
                -- through it (the installer runs just that chain); a fresh install runs none.
                DO $upgrade$
                DECLARE
                    v_runtime   text := pg_catalog.format('%%I.pg_tview_runtime', pg_catalog.current_schema());
                    v_installed text;
                BEGIN
                    IF pg_catalog.to_regclass(v_runtime) IS NOT NULL THEN
                        EXECUTE 'SELECT version FROM ' || v_runtime INTO v_installed;
                    END IF;
                    IF v_installed NOT IN (%2$s) THEN
                        RAISE EXCEPTION 'tviews: the installed runtime (%%) is one this script (runtime %1$s) cannot upgrade', v_installed
                            USING HINT = 'It upgrades %3$s. Upgrade with a tviews release that upgrades the installed runtime first, '
                                         'or, over a newer runtime, use that runtime''s own script.';
                    END IF;
                    PERFORM pg_catalog.set_config('tviews.upgrade_from', COALESCE(v_installed, ''), true);
                END
                $upgrade$;
                """.formatted(upgradePath.target(), literals(accepted), String.join(", ", upgradePath.upgradable())));
        for (RuntimeUpgradeStep step : upgradePath.steps()) {
            List<String> installs = upgradePath.installsRunning(step);
            if (installs.isEmpty()) {
                continue; // leads nowhere from an install this runtime upgrades
            }
            for (String quote : GUARD_QUOTES) {
                if (step.sql().contains(quote)) {
                    throw new IllegalStateException("Upgrade step " + step.file() + " uses the dollar quote " + quote
                            + ", which the install script wraps it in; choose another.");
                }
            }
            script.append("-- ==== ").append(step.file()).append(": runs over an install of ")
                    .append(String.join(" or ", installs)).append(" ====\n")
                    .append("DO $upgrade$\nBEGIN\n")
                    .append("    IF pg_catalog.current_setting('tviews.upgrade_from') IN (").append(literals(installs))
                    .append(") THEN\n        EXECUTE $step$\n").append(step.sql());
            if (!step.sql().endsWith("\n")) {
                script.append('\n');
            }
            script.append("$step$;\n    END IF;\nEND\n$upgrade$;\n");
        }
        return script.toString();
    }

    /** Versions as SQL literals (they are digits and dots: {@link RuntimeUpgradeStep} parsed them). */
    private static String literals(List<String> versions) {
        return versions.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", "));
    }

    private static void appendSection(StringBuilder script, String file, String content) {
        script.append("-- ==== ").append(file).append(" ====\n").append(content);
        if (!content.isEmpty() && !content.endsWith("\n")) {
            script.append('\n');
        }
    }

    static List<String> parseManifest(String manifest) {
        List<String> names = new ArrayList<>();
        for (String line : manifest.split("\\R")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return names;
    }

    private static String read(ClassLoader classLoader, String resource, String what) {
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + what + ": classpath resource " + resource
                        + " not found.");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Could not read " + what + " (classpath resource " + resource + "): "
                    + e.getMessage(), e);
        }
    }
}

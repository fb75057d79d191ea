package dev.tviews.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The tviews runtime install script: the SQL files listed in {@code dev/tviews/runtime/manifest.txt}
 * (classpath resources, one file name per line relative to {@code dev/tviews/runtime/}; blank lines and
 * lines starting with {@code #} ignored), concatenated in manifest order, each preceded by a line
 * {@code -- ==== <file> ====}. The token {@code @TVIEWS_VERSION@} (in finish.sql) becomes the runtime version
 * derived from the pom's ({@link TViewsVersion#runtime()}).
 */
public final class RuntimeScript {

    /** Classpath folder of the runtime SQL files and their manifest. */
    public static final String RESOURCE_DIRECTORY = "dev/tviews/runtime/";
    /** Where finish.sql says which runtime version it installs; replaced when the script is read. */
    public static final String VERSION_TOKEN = "@TVIEWS_VERSION@";
    /** Classpath resource listing the runtime SQL files in install order. */
    public static final String MANIFEST = RESOURCE_DIRECTORY + "manifest.txt";

    private final List<String> files;
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
        StringBuilder script = new StringBuilder();
        for (String file : files) {
            String content = read(classLoader, RESOURCE_DIRECTORY + file,
                    "runtime SQL file " + file + " (listed in " + MANIFEST + ")");
            script.append("-- ==== ").append(file).append(" ====\n").append(content);
            if (!content.isEmpty() && !content.endsWith("\n")) {
                script.append('\n');
            }
        }
        this.text = script.toString().replace(VERSION_TOKEN, runtimeVersion);
    }

    /** Loads the runtime script shipped with this class. */
    public static RuntimeScript load() {
        return new RuntimeScript(RuntimeScript.class.getClassLoader());
    }

    /** The file names from the manifest, in install order. */
    public List<String> files() {
        return files;
    }

    /** The whole install script, to run inside a transaction (the caller's, or one of its own). */
    public String text() {
        return text;
    }

    /**
     * The install script for {@code psql -f}: stops at the first error and runs in one transaction,
     * so a failed install leaves nothing behind.
     */
    public String psqlScript() {
        return "-- tviews runtime install script. Run: psql -d <database> -f tviews-runtime.sql\n"
                + "-- Installs into the first schema of search_path (normally public); safe to run again.\n"
                + "\\set ON_ERROR_STOP on\n"
                + "BEGIN;\n"
                + text
                + "COMMIT;\n";
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

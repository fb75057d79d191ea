package dev.tviews.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The one version number of tviews: the pom's, written by the build into {@code dev/tviews/version.properties}.
 * Everything else derives from it: the runtime version recorded in {@code pg_tview_runtime} (a new one regenerates
 * every TVIEW's code on install) and the Liquibase XSD name.
 *
 * @param release the pom's version, e.g. {@code 0.3.0-SNAPSHOT}
 */
public record TViewsVersion(String release) {

    private static final String RESOURCE = "dev/tviews/version.properties";

    /** The version this jar was built as. */
    public static TViewsVersion current() {
        try (InputStream in = TViewsVersion.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + RESOURCE + "; the tviews-common jar is "
                        + "incomplete: build it with Maven, which writes the file.");
            }
            Properties properties = new Properties();
            properties.load(in);
            return new TViewsVersion(properties.getProperty("version"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
        }
    }

    public TViewsVersion {
        if (release == null || !release.matches("\\d+\\.\\d+\\.\\d+([-.][A-Za-z0-9.-]+)?")) {
            throw new IllegalStateException("Not a tviews version: " + release + " (expected major.minor.patch, e.g. 0.3.0)");
        }
    }

    /**
     * The runtime version: the release without its qualifier ({@code 0.3.0-SNAPSHOT} installs runtime {@code 0.3.0}),
     * so that a snapshot and its release install the same runtime, and an install of another version upgrades.
     */
    public String runtime() {
        return release.replaceFirst("[-.][A-Za-z].*$", "").replaceFirst("^(\\d+\\.\\d+\\.\\d+).*$", "$1");
    }

    /** {@code major.minor}: the version in the Liquibase XSD name ({@code tviews-0.3.xsd}). */
    public String schema() {
        return release.replaceFirst("^(\\d+\\.\\d+).*$", "$1");
    }
}

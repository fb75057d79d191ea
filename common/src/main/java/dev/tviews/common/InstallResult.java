package dev.tviews.common;

import java.time.Duration;

/**
 * What one {@link RuntimeInstaller#install} call did.
 *
 * @param schema          the schema holding the runtime
 * @param version         the runtime version now installed
 * @param previousVersion the version found before, or {@code null} on a first install
 * @param action          whether the runtime was installed, upgraded or already current
 * @param duration        wall time of the call
 */
public record InstallResult(String schema, String version, String previousVersion, Action action, Duration duration) {

    /** What an install call did. */
    public enum Action {
        /** No runtime was there; it was installed. */
        INSTALLED,
        /** An older runtime was upgraded in place (registrations and rows kept). */
        UPGRADED,
        /** The same version was already installed; nothing was changed. */
        UNCHANGED
    }

    @Override
    public String toString() {
        return switch (action) {
            case INSTALLED -> "installed tviews runtime " + version + " in schema " + schema + " (" + duration.toMillis() + " ms)";
            case UPGRADED -> "upgraded tviews runtime " + previousVersion + " -> " + version + " in schema " + schema
                    + " (" + duration.toMillis() + " ms)";
            case UNCHANGED -> "tviews runtime " + version + " already installed in schema " + schema
                    + " (" + duration.toMillis() + " ms)";
        };
    }
}

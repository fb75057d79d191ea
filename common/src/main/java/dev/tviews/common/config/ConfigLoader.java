package dev.tviews.common.config;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the settings of a run together, the same way for every integration:
 * <ol>
 *   <li>the YAML file named by {@code tviews.config} (a path, or {@code classpath:name}); without that setting,
 *       a {@code tviews.yml} at the root of the classpath, if there is one;</li>
 *   <li>the {@code tviews.*} key/value settings on top (they win over the file).</li>
 * </ol>
 */
public final class ConfigLoader {

    /** The classpath resource read when {@code tviews.config} is not set. */
    public static final String CLASSPATH_FILE = "tviews.yml";

    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    private ConfigLoader() {
    }

    /**
     * @param settings       key/value settings (only {@code tviews.*} keys are read)
     * @param settingsSource what they are, for messages ("Flyway placeholder")
     * @param classLoader    where {@code tviews.yml} and {@code classpath:} paths are looked up; {@code null}: none
     */
    public static TViewsConfig load(Map<String, String> settings, String settingsSource, ClassLoader classLoader) {
        SettingsReader.Settings read = SettingsReader.read(settings, settingsSource);
        TViewsConfig file = TViewsConfig.empty();
        if (read.configPath() != null) {
            file = readConfigSetting(read.configPath(), settingsSource, classLoader);
        } else if (classLoader != null) {
            URL url = classLoader.getResource(CLASSPATH_FILE);
            if (url != null) {
                LOG.debug("Reading tviews settings from {}", url);
                file = readUrl(url);
            }
        }
        return file.overriddenBy(read.config());
    }

    private static TViewsConfig readConfigSetting(String path, String settingsSource, ClassLoader classLoader) {
        if (path.startsWith("classpath:")) {
            String resource = path.substring("classpath:".length()).replaceFirst("^/+", "");
            URL url = classLoader == null ? null : classLoader.getResource(resource);
            if (url == null) {
                throw new ConfigException(settingsSource + " " + SettingsReader.CONFIG + " names " + path
                        + ", which is not on the classpath; fix the path or put the file there.");
            }
            LOG.debug("Reading tviews settings from {}", url);
            return readUrl(url);
        }
        Path file = Path.of(path.startsWith("filesystem:") ? path.substring("filesystem:".length()) : path);
        if (!file.toFile().isFile()) {
            throw new ConfigException(settingsSource + " " + SettingsReader.CONFIG + " names " + file.toAbsolutePath()
                    + ", which is not a readable file; fix the path (relative paths are resolved against "
                    + Path.of("").toAbsolutePath() + ").");
        }
        LOG.debug("Reading tviews settings from {}", file.toAbsolutePath());
        return YamlConfigReader.read(file);
    }

    private static TViewsConfig readUrl(URL url) {
        String source = describe(url);
        try {
            InputStream in = url.openStream();
            return YamlConfigReader.read(in, source);
        } catch (java.io.IOException e) {
            throw new ConfigException("Could not read tviews configuration " + source + ": " + e.getMessage(), e);
        }
    }

    /** A file's path for file: URLs (what a user can open), else the URL. */
    private static String describe(URL url) {
        if ("file".equals(url.getProtocol())) {
            try {
                return Path.of(url.toURI()).toString();
            } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                return url.toString();
            }
        }
        return url.toString();
    }
}

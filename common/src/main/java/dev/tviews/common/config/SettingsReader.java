package dev.tviews.common.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the {@code tviews.*} key/value settings an integration passes in: Flyway placeholders, Liquibase changelog
 * parameters, command-line properties. Keys not starting with {@code tviews.} are ignored; an unknown
 * {@code tviews.*} key or a bad value is a {@link ConfigException}.
 *
 * <p>Names are matched ignoring case, and {@code tviews_} works as well as {@code tviews.}: Flyway turns the
 * environment variable {@code FLYWAY_PLACEHOLDERS_TVIEWS_FAILONERROR} into the placeholder
 * {@code tviews_failonerror}.
 */
public final class SettingsReader {

    /** Schema holding the runtime. */
    public static final String SCHEMA = "tviews.schema";
    /** Comma-separated schemas whose tv_ tables are converted. */
    public static final String SCHEMAS = "tviews.schemas";
    /** true (default) or false. */
    public static final String FAIL_ON_ERROR = "tviews.failOnError";
    /** Comma-separated glob patterns of entities to convert. */
    public static final String INCLUDE = "tviews.include";
    /** Comma-separated glob patterns of entities to leave alone. */
    public static final String EXCLUDE = "tviews.exclude";
    /** Path of a tviews.yml ({@code classpath:} prefix for a classpath resource). */
    public static final String CONFIG = "tviews.config";

    /** Every setting, in documentation order. */
    public static final List<String> KEYS = List.of(SCHEMA, SCHEMAS, FAIL_ON_ERROR, INCLUDE, EXCLUDE, CONFIG);

    /**
     * The settings found.
     *
     * @param config     the values set (others unset)
     * @param configPath the value of {@code tviews.config}, or {@code null}
     */
    public record Settings(TViewsConfig config, String configPath) {
    }

    private SettingsReader() {
    }

    /**
     * Reads the {@code tviews.*} entries of {@code settings}; {@code source} names them in messages
     * (e.g. "Flyway placeholder").
     */
    public static Settings read(Map<String, String> settings, String source) {
        String schema = null;
        List<String> schemas = null;
        Boolean failOnError = null;
        List<String> include = null;
        List<String> exclude = null;
        String configPath = null;
        // sorted, so that a message about several bad keys is stable
        for (Map.Entry<String, String> e : new TreeMap<>(settings == null ? Map.<String, String>of() : settings).entrySet()) {
            String key = e.getKey();
            if (key == null || key.length() < 7 || !key.substring(0, 7).equalsIgnoreCase("tviews.")
                    && !key.substring(0, 7).equalsIgnoreCase("tviews_")) {
                continue;
            }
            String name = canonical(key);
            if (name == null) {
                throw new ConfigException("Unknown " + source + " " + key + "; tviews understands " + String.join(", ", KEYS) + ".");
            }
            String value = e.getValue() == null ? "" : e.getValue().strip();
            if (value.isEmpty()) {
                continue;
            }
            switch (name) {
                case SCHEMA -> schema = value;
                case SCHEMAS -> schemas = list(value);
                case FAIL_ON_ERROR -> {
                    if (value.equalsIgnoreCase("true")) {
                        failOnError = true;
                    } else if (value.equalsIgnoreCase("false")) {
                        failOnError = false;
                    } else {
                        throw new ConfigException(source + " " + key + " must be true or false, got '" + value + "'.");
                    }
                }
                case INCLUDE -> include = patterns(value, key, source);
                case EXCLUDE -> exclude = patterns(value, key, source);
                case CONFIG -> configPath = value;
                default -> throw new IllegalStateException(name);
            }
        }
        return new Settings(new TViewsConfig(schema, schemas, include, exclude, failOnError, null), configPath);
    }

    private static String canonical(String key) {
        String suffix = key.substring(7).toLowerCase(Locale.ROOT);
        for (String k : KEYS) {
            if (k.substring(7).toLowerCase(Locale.ROOT).equals(suffix)) {
                return k;
            }
        }
        return null;
    }

    private static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    private static List<String> patterns(String value, String key, String source) {
        List<String> patterns = list(value);
        for (String p : patterns) {
            if (!EntityPatterns.isValid(p)) {
                throw new ConfigException(source + " " + key + ": '" + p + "' is not a glob over entity names; use letters, "
                        + "digits, underscore, * and ?, optionally schema.entity, separated by commas.");
            }
        }
        return patterns;
    }
}

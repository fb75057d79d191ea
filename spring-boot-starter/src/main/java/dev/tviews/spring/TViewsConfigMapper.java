package dev.tviews.spring;

import dev.tviews.common.config.ConfigLoader;
import dev.tviews.common.config.EntityConfig;
import dev.tviews.common.config.EntityPatterns;
import dev.tviews.common.config.SettingsReader;
import dev.tviews.common.config.TViewsConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns {@link TViewsProperties} into the settings common's orchestrator takes: {@code tviews.yml} (or the file named
 * by {@code tviews.config}) first, the properties on top. Checks every property first, so that a bad value fails the
 * startup with a message naming the property, before anything touches the database.
 */
final class TViewsConfigMapper {

    private static final Pattern ENTITY = Pattern.compile("([A-Za-z_][A-Za-z0-9_$]*\\.)?[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    private TViewsConfigMapper() {
    }

    static TViewsConfig toConfig(TViewsProperties properties, ClassLoader classLoader) {
        validate(properties);
        Map<String, String> settings = new LinkedHashMap<>();
        if (properties.config() != null && !properties.config().isBlank()) {
            settings.put(SettingsReader.CONFIG, properties.config());
        }
        TViewsConfig file = ConfigLoader.load(settings, "Spring property", classLoader);
        return file.overriddenBy(new TViewsConfig(blankToNull(properties.schema()), emptyToNull(properties.schemas()),
                emptyToNull(properties.include()), emptyToNull(properties.exclude()), properties.failOnError(),
                entities(properties.entities())));
    }

    static void validate(TViewsProperties properties) {
        if (properties.schema() != null && !properties.schema().isBlank() && !IDENTIFIER.matcher(properties.schema()).matches()) {
            throw new TViewsPropertyException("tviews.schema", "'" + properties.schema()
                    + "' is not a schema name; use letters, digits and underscores (an existing schema).");
        }
        list(properties.schemas()).forEach((i, s) -> {
            if (!IDENTIFIER.matcher(s).matches()) {
                throw new TViewsPropertyException("tviews.schemas[" + i + "]", "'" + s
                        + "' is not a schema name; use letters, digits and underscores.");
            }
        });
        patterns("tviews.include", properties.include());
        patterns("tviews.exclude", properties.exclude());
        if (properties.entities() != null) {
            properties.entities().forEach((name, entity) -> validateEntity(name, entity));
        }
        TViewsProperties.Drainer drainer = properties.drainer();
        if (drainer != null) {
            if (drainer.batchSize() < 1) {
                throw new TViewsPropertyException("tviews.drainer.batch-size", "must be at least 1, got " + drainer.batchSize() + ".");
            }
            if (drainer.interval() == null || drainer.interval().isNegative() || drainer.interval().isZero()) {
                throw new TViewsPropertyException("tviews.drainer.interval", "must be a positive duration such as 1s or 500ms, got "
                        + drainer.interval() + ".");
            }
        }
    }

    private static void validateEntity(String name, TViewsProperties.Entity entity) {
        String prefix = "tviews.entities[" + name + "]";
        if (!ENTITY.matcher(name).matches()) {
            throw new TViewsPropertyException(prefix, "'" + name + "' is not an entity name: use the name after tv_ "
                    + "(letters, digits, underscore), or schema.entity in brackets: tviews.entities[blog.post].mode=async.");
        }
        if (entity == null || entity.select() == null && entity.fkColumns() == null && entity.mode() == null
                && entity.fullRefresh() == null && entity.isolation() == null) {
            throw new TViewsPropertyException(prefix, "is empty: set at least one of select, fk-columns, mode, full-refresh, isolation.");
        }
        if (entity.mode() != null && !entity.mode().equals("sync") && !entity.mode().equals("async")) {
            throw new TViewsPropertyException(prefix + ".mode", "must be sync or async, got '" + entity.mode() + "'.");
        }
        if (entity.isolation() != null && !entity.isolation().equals("read committed") && !entity.isolation().equals("any")) {
            throw new TViewsPropertyException(prefix + ".isolation", "must be 'read committed' or any, got '" + entity.isolation()
                    + "' (any lets REPEATABLE READ and SERIALIZABLE transactions write the tables the TVIEW reads).");
        }
        if (entity.select() != null && entity.select().isBlank()) {
            throw new TViewsPropertyException(prefix + ".select", "is blank: give one SELECT statement, or leave it out.");
        }
    }

    private static void patterns(String property, List<String> patterns) {
        list(patterns).forEach((i, p) -> {
            if (!EntityPatterns.isValid(p)) {
                throw new TViewsPropertyException(property + "[" + i + "]", "'" + p + "' is not a glob over entity names; "
                        + "use letters, digits, underscore, * and ?, optionally schema.entity.");
            }
        });
    }

    private static Map<Integer, String> list(List<String> values) {
        Map<Integer, String> indexed = new LinkedHashMap<>();
        if (values != null) {
            for (int i = 0; i < values.size(); i++) {
                indexed.put(i, values.get(i));
            }
        }
        return indexed;
    }

    private static Map<String, EntityConfig> entities(Map<String, TViewsProperties.Entity> entities) {
        if (entities == null || entities.isEmpty()) {
            return null;
        }
        Map<String, EntityConfig> out = new LinkedHashMap<>();
        entities.forEach((name, e) -> {
            Map<String, Object> options = null;
            if (e.mode() != null || e.fullRefresh() != null || e.isolation() != null) {
                options = new LinkedHashMap<>();
                if (e.fullRefresh() != null) {
                    options.put("full_refresh", List.copyOf(e.fullRefresh()));
                }
                if (e.mode() != null) {
                    options.put("mode", e.mode());
                }
                if (e.isolation() != null) {
                    options.put("isolation", e.isolation());
                }
            }
            out.put(name, new EntityConfig(e.select(), e.fkColumns(), options));
        });
        return out;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static List<String> emptyToNull(List<String> values) {
        return values == null || values.isEmpty() ? null : values;
    }
}

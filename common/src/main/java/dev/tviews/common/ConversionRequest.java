package dev.tviews.common;

import dev.tviews.common.config.EntityConfig;
import dev.tviews.common.config.TViewsConfig;
import dev.tviews.common.support.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one call of the runtime's {@code pg_tviews_auto_convert} (or its plan) converts: the options argument of that
 * function, built from the settings of whichever tool calls it.
 *
 * @param schemas  the schemas whose tv_ tables are converted, in order (unqualified overrides go to the first that has
 *                 their tv_ table)
 * @param include  glob patterns of entities to convert; empty: all
 * @param exclude  glob patterns of entities to leave alone; wins over include
 * @param entities per-entity overrides by {@code entity} or {@code schema.entity}
 * @param dryRun   convert, report, and roll back
 */
public record ConversionRequest(List<String> schemas, List<String> include, List<String> exclude,
                                Map<String, EntityConfig> entities, boolean dryRun) {

    public ConversionRequest {
        schemas = List.copyOf(schemas);
        if (schemas.isEmpty()) {
            throw new IllegalArgumentException("a conversion needs at least one schema");
        }
        include = include == null ? List.of() : List.copyOf(include);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        entities = entities == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entities));
    }

    /** Every tv_ table of one schema, nothing else set. */
    public static ConversionRequest of(String schema) {
        return new ConversionRequest(List.of(Objects.requireNonNull(schema, "schema")), null, null, null, false);
    }

    /** The schemas, patterns and overrides of a tviews configuration (its schemas must be filled in). */
    public static ConversionRequest of(TViewsConfig config) {
        return new ConversionRequest(config.schemas(), config.include(), config.exclude(), config.entities(), false);
    }

    /** This request with include/exclude patterns. */
    public ConversionRequest filtered(List<String> include, List<String> exclude) {
        return new ConversionRequest(schemas, include, exclude, entities, dryRun);
    }

    /** This request as a dry run. */
    public ConversionRequest asDryRun() {
        return new ConversionRequest(schemas, include, exclude, entities, true);
    }

    /** The {@code options} argument of {@code pg_tviews_auto_convert(NULL, options)}. */
    public String optionsJson() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("schemas", schemas);
        if (!include.isEmpty()) {
            options.put("include", include);
        }
        if (!exclude.isEmpty()) {
            options.put("exclude", exclude);
        }
        if (!entities.isEmpty()) {
            Map<String, Object> overrides = new LinkedHashMap<>();
            entities.forEach((name, config) -> overrides.put(name, config.asOptions()));
            options.put("entities", overrides);
        }
        if (dryRun) {
            options.put("dry_run", true);
        }
        return Json.write(options);
    }
}

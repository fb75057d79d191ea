package dev.tviews.common.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What a tviews run does: where the runtime lives, which schemas are converted, which entities, with which
 * overrides, and whether an entity that fails to convert fails the run. Every field may be unset ({@code null}):
 * sources are layered with {@link #overriddenBy} and the integration fills what is still unset with
 * {@link #withDefaults} (Flyway: its default schema and {@code schemas}).
 *
 * @param runtimeSchema the schema holding the tviews runtime ({@code tviews.schema}; YAML {@code runtimeSchema})
 * @param schemas       the schemas whose tv_ tables are converted ({@code tviews.schemas}; YAML {@code schemas})
 * @param include       glob patterns of entity names to convert; empty or unset: all
 * @param exclude       glob patterns of entity names to leave alone; wins over include
 * @param failOnError   whether an ERROR fails the run (default true) or is only logged as a warning
 * @param entities      per-entity overrides by entity name ({@code post}, or {@code schema.post})
 */
public record TViewsConfig(String runtimeSchema, List<String> schemas, List<String> include, List<String> exclude,
                           Boolean failOnError, Map<String, EntityConfig> entities) {

    /** The YAML keys, in documentation order. */
    public static final List<String> KEYS = List.of("runtimeSchema", "schemas", "include", "exclude", "failOnError", "entities");

    public TViewsConfig {
        schemas = copy(schemas);
        include = copy(include);
        exclude = copy(exclude);
        entities = entities == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(entities));
    }

    /** Nothing set. */
    public static TViewsConfig empty() {
        return new TViewsConfig(null, null, null, null, null, null);
    }

    /** These settings with every value {@code other} sets on top (entities merged key by key). */
    public TViewsConfig overriddenBy(TViewsConfig other) {
        if (other == null) {
            return this;
        }
        Map<String, EntityConfig> merged = null;
        if (entities != null || other.entities != null) {
            merged = new LinkedHashMap<>();
            if (entities != null) {
                merged.putAll(entities);
            }
            if (other.entities != null) {
                for (Map.Entry<String, EntityConfig> e : other.entities.entrySet()) {
                    merged.merge(e.getKey(), e.getValue(), EntityConfig::overriddenBy);
                }
            }
        }
        return new TViewsConfig(
                other.runtimeSchema != null ? other.runtimeSchema : runtimeSchema,
                other.schemas != null ? other.schemas : schemas,
                other.include != null ? other.include : include,
                other.exclude != null ? other.exclude : exclude,
                other.failOnError != null ? other.failOnError : failOnError,
                merged);
    }

    /**
     * Fills what is still unset: the runtime schema, and the schemas to convert (the runtime schema when
     * {@code defaultSchemas} is empty too).
     */
    public TViewsConfig withDefaults(String defaultRuntimeSchema, List<String> defaultSchemas) {
        String runtime = runtimeSchema != null ? runtimeSchema : defaultRuntimeSchema;
        List<String> targets = schemas;
        if (targets == null || targets.isEmpty()) {
            LinkedHashSet<String> set = new LinkedHashSet<>();
            if (defaultSchemas != null) {
                set.addAll(defaultSchemas);
            }
            if (set.isEmpty() && runtime != null) {
                set.add(runtime);
            }
            targets = new ArrayList<>(set);
        }
        return new TViewsConfig(runtime, targets, include, exclude, failOnError, entities);
    }

    /** Whether an ERROR fails the run (the default) rather than only warning. */
    public boolean failOnErrorOrDefault() {
        return failOnError == null || failOnError;
    }

    private static List<String> copy(List<String> list) {
        return list == null ? null : List.copyOf(list);
    }
}

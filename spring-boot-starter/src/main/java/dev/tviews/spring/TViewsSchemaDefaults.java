package dev.tviews.spring;

import java.util.List;

/**
 * Where the migration tool puts things, for the settings left unset: the runtime goes to {@link #runtimeSchema()},
 * and {@link #schemas()} are converted. The starter provides one for Flyway and one for Liquibase; without either,
 * the connection's current schema is used.
 */
public interface TViewsSchemaDefaults {

    /** The default schema for the runtime, or {@code null} for the connection's current schema. */
    String runtimeSchema();

    /** The schemas to convert besides the runtime's; may be empty. */
    List<String> schemas();
}

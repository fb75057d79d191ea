package dev.tviews.spring;

import java.util.List;
import liquibase.integration.spring.SpringLiquibase;

/** Liquibase's default schema ({@code spring.liquibase.default-schema}) holds the runtime and is converted. */
record LiquibaseSchemaDefaults(SpringLiquibase liquibase) implements TViewsSchemaDefaults {

    @Override
    public String runtimeSchema() {
        String schema = liquibase.getDefaultSchema();
        return schema == null || schema.isBlank() ? null : schema;
    }

    @Override
    public List<String> schemas() {
        String schema = runtimeSchema();
        return schema == null ? List.of() : List.of(schema);
    }
}

package dev.tviews.spring;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;

/** Flyway's default schema (else its first schema) holds the runtime; it and {@code spring.flyway.schemas} are converted. */
record FlywaySchemaDefaults(Flyway flyway) implements TViewsSchemaDefaults {

    @Override
    public String runtimeSchema() {
        Configuration configuration = flyway.getConfiguration();
        String[] schemas = configuration.getSchemas();
        if (configuration.getDefaultSchema() != null) {
            return configuration.getDefaultSchema();
        }
        return schemas != null && schemas.length > 0 ? schemas[0] : null;
    }

    @Override
    public List<String> schemas() {
        LinkedHashSet<String> targets = new LinkedHashSet<>();
        String runtime = runtimeSchema();
        if (runtime != null) {
            targets.add(runtime);
        }
        String[] schemas = flyway.getConfiguration().getSchemas();
        if (schemas != null) {
            targets.addAll(List.of(schemas));
        }
        return new ArrayList<>(targets);
    }
}

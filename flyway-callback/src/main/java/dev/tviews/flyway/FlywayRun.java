package dev.tviews.flyway;

import dev.tviews.common.config.ConfigLoader;
import dev.tviews.common.config.TViewsConfig;
import dev.tviews.common.orchestration.RunReport;
import dev.tviews.common.orchestration.TViewsOrchestrator;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.configuration.Configuration;

/** Turns Flyway's configuration into tviews settings and runs install + convert on Flyway's connection. */
final class FlywayRun {

    private FlywayRun() {
    }

    static RunReport run(Configuration configuration, Connection connection) {
        TViewsConfig config = settings(configuration);
        return new TViewsOrchestrator(connection, FlywayLogBridge.log()).run(config);
    }

    /**
     * tviews.yml (or the file named by tviews.config), the tviews.* placeholders on top, then Flyway's defaults:
     * the runtime goes to Flyway's default schema, and that schema plus {@code schemas} are converted.
     */
    static TViewsConfig settings(Configuration configuration) {
        ClassLoader classLoader = configuration.getClassLoader();
        if (classLoader == null) {
            classLoader = Thread.currentThread().getContextClassLoader();
        }
        Map<String, String> placeholders = configuration.getPlaceholders();
        TViewsConfig config = ConfigLoader.load(placeholders, "Flyway placeholder", classLoader);

        String[] schemas = configuration.getSchemas() == null ? new String[0] : configuration.getSchemas();
        String defaultSchema = configuration.getDefaultSchema();
        if (defaultSchema == null && schemas.length > 0) {
            defaultSchema = schemas[0];
        }
        LinkedHashSet<String> targets = new LinkedHashSet<>();
        if (defaultSchema != null) {
            targets.add(defaultSchema);
        }
        targets.addAll(List.of(schemas));
        // Unset and no Flyway schema configured: the orchestrator uses the connection's current schema, which is
        // the schema Flyway itself uses (Flyway sets search_path before calling back).
        return config.withDefaults(defaultSchema, new ArrayList<>(targets));
    }
}

package dev.tviews.spring;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code tviews.*} properties: what {@code tviews.yml} can say, plus the switches of the Spring integration.
 * Unset values fall back to {@code tviews.yml} (or the file named by {@code tviews.config}), then to the migration
 * tool's schema.
 *
 * @param enabled     whether tviews does anything at all; {@code false}: no bean is created, nothing is installed
 * @param schema      the schema holding the tviews runtime; default: Flyway's or Liquibase's default schema, else the
 *                    connection's current schema
 * @param schemas     the schemas whose {@code tv_*} tables are converted; default: the runtime's schema (with Flyway:
 *                    its default schema and {@code spring.flyway.schemas})
 * @param include     glob patterns of entity names to convert ({@code post*}, {@code blog.user}); default: all
 * @param exclude     glob patterns of entity names to leave alone; wins over include
 * @param failOnError whether an entity that fails to convert fails the application's startup (default
 *                    {@code true}); {@code false} logs a warning and the health shows the failure
 * @param config      a {@code tviews.yml} to read ({@code classpath:...} or a path); default: {@code tviews.yml} at the
 *                    root of the classpath, if there is one
 * @param entities    per-entity settings, by entity name ({@code post}, or {@code [blog.post]} schema-qualified)
 * @param drainer     the worker that refreshes async TVIEWs
 */
@ConfigurationProperties("tviews")
public record TViewsProperties(
        @DefaultValue("true") boolean enabled,
        String schema,
        List<String> schemas,
        List<String> include,
        List<String> exclude,
        Boolean failOnError,
        String config,
        Map<String, Entity> entities,
        @DefaultValue Drainer drainer) {

    /**
     * Settings of one entity.
     *
     * @param select      the SELECT to register instead of auto-convert's choice (your {@code v_<entity>}, else a view
     *                    generated from {@code tb_<entity>})
     * @param fkColumns   the entity's {@code fk_columns} ({@code fk_user}, or {@code column=entity} links)
     * @param mode        {@code sync} (refreshed in the writing statement) or {@code async} (queued, refreshed by the
     *                    drainer)
     * @param fullRefresh relations ({@code schema.table}) whose changes rebuild the whole TVIEW
     */
    public record Entity(String select, List<String> fkColumns, String mode, List<String> fullRefresh) {
    }

    /**
     * The queue drainer: started when at least one async TVIEW is registered, one active per database.
     *
     * @param enabled   whether to run it (default {@code true})
     * @param interval  pause between drains when the queue was empty (default 1s)
     * @param batchSize queue entries per batch, i.e. per transaction (default 1000)
     */
    public record Drainer(@DefaultValue("true") boolean enabled, @DefaultValue("1s") Duration interval,
                          @DefaultValue("1000") int batchSize) {
    }
}

package dev.tviews.spring;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code tviews.*} properties: what tviews.yml can say, plus the switches of the Spring integration.
 * Unset values fall back to tviews.yml (or the file named by {@code tviews.config}), then to the migration
 * tool's schema.
 *
 * @param enabled     Whether tviews does anything at all; false: no bean is created, nothing is installed
 * @param schema      The schema holding the tviews runtime; default: Flyway's or Liquibase's default schema, else the
 *                    connection's current schema
 * @param schemas     The schemas whose tv_* tables are converted; default: the runtime's schema (with Flyway:
 *                    its default schema and spring.flyway.schemas)
 * @param include     Glob patterns of entity names to convert (post*, blog.user); default: all
 * @param exclude     Glob patterns of entity names to leave alone; wins over include
 * @param failOnError Whether an entity that fails to convert fails the application's startup (default
 *                    true); false logs a warning and the health shows the failure
 * @param config      A tviews.yml to read (classpath:... or a path); default: tviews.yml at the
 *                    root of the classpath, if there is one
 * @param entities    Per-entity settings, by entity name (post, or [blog.post] schema-qualified)
 * @param drainer     The worker that refreshes async TVIEWs
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
     * @param select      The SELECT to register instead of auto-convert's choice (the v_ view you wrote, else a view
     *                    generated from the tb_ table)
     * @param fkColumns   The entity's fk_columns (fk_user, or column=entity links)
     * @param mode        Either sync (refreshed in the writing statement) or async (queued, refreshed by the
     *                    drainer)
     * @param fullRefresh Relations (schema.table) whose changes rebuild the whole TVIEW
     * @param isolation   Either "read committed" (REPEATABLE READ and SERIALIZABLE writers are refused) or "any"
     *                    (they are maintained, and get 40001 where their snapshot would leave a row stale; every
     *                    writer then stamps what it refreshes)
     */
    public record Entity(String select, List<String> fkColumns, String mode, List<String> fullRefresh, String isolation) {
    }

    /**
     * The queue drainer: started when at least one async TVIEW is registered, one active per database.
     *
     * @param enabled   Whether to run the queue drainer when async TVIEWs exist (default true)
     * @param interval  Pause between looks at the queue (default 1s)
     * @param batchSize Queue entries per batch, i.e. per transaction (default 1000)
     */
    public record Drainer(@DefaultValue("true") boolean enabled, @DefaultValue("1s") Duration interval,
                          @DefaultValue("1000") int batchSize) {
    }
}

package dev.tviews.common.config;

import dev.tviews.common.support.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-entity overrides from {@code tviews.yml} ({@code entities: {<name>: {...}}}).
 *
 * @param select    the SELECT to register instead of auto-convert's choice ({@code pg_tviews_create_or_replace}),
 *                  or {@code null} to let auto-convert choose (the user's v_ view, else the generated one)
 * @param fkColumns the entity's {@code pg_tview_meta.fk_columns}, or {@code null} to leave them as they are
 * @param options   registration options ({@code {"full_refresh": [...], "mode": "sync"}}), or {@code null}
 */
public record EntityConfig(String select, List<String> fkColumns, Map<String, Object> options) {

    public EntityConfig {
        fkColumns = fkColumns == null ? null : List.copyOf(fkColumns);
        options = options == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** The options as a JSON object ({@code {}} when none are set). */
    public String optionsJson() {
        return options == null ? "{}" : Json.write(options);
    }

    /** This entity as {@code pg_tviews_auto_convert} takes it in {@code options.entities}: only what is set. */
    public Map<String, Object> asOptions() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (select != null) {
            out.put("select", select);
        }
        if (fkColumns != null) {
            out.put("fk_columns", fkColumns);
        }
        if (options != null) {
            out.put("options", options);
        }
        return out;
    }

    /** This entity's settings with {@code other}'s set values on top. */
    EntityConfig overriddenBy(EntityConfig other) {
        if (other == null) {
            return this;
        }
        return new EntityConfig(other.select != null ? other.select : select,
                other.fkColumns != null ? other.fkColumns : fkColumns,
                other.options != null ? other.options : options);
    }
}

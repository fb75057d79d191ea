package dev.tviews.benchmarks;

import java.util.List;

/**
 * Recomputing the whole read model: pg_tviews_refresh of each TVIEW (which writes only rows that differ)
 * against REFRESH MATERIALIZED VIEW of each materialized view. Raw has no read model to refresh. The
 * 1% batch is compared with this.
 */
public record FullRefreshScenario(BlogSchema schema) implements Scenario {

    @Override
    public String id() {
        return "full_refresh";
    }

    @Override
    public String title() {
        return "full refresh: pg_tviews_refresh of tv_post and tv_user / REFRESH MATERIALIZED VIEW of both";
    }

    @Override
    public String rows() {
        return String.format("%,d", schema.scale() + BlogSchema.FAN_OUT_SMALL + BlogSchema.FAN_OUT_LARGE + schema.users() + 2);
    }

    @Override
    public boolean measures(Variant variant) {
        return variant != Variant.RAW;
    }

    @Override
    public boolean refreshesMatviews() {
        return false;
    }

    @Override
    public List<Sql> statement(Variant variant, int rep, int index) {
        return switch (variant) {
            case TVIEWS -> List.of(Sql.of("SELECT pg_tviews_refresh('post')"), Sql.of("SELECT pg_tviews_refresh('user')"));
            case MATVIEW -> DatabaseProvisioner.matviewRefresh();
            case RAW -> throw new IllegalArgumentException("The raw database has no read model to refresh.");
        };
    }
}

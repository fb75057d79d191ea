package dev.tviews.benchmarks;

import java.util.List;

/**
 * Building the read model from nothing: registering both TVIEWs (pg_tviews_create: view, table, unique
 * index on the key, fill, lineage, generated functions and triggers) against CREATE TABLE AS of the same
 * two queries (raw) and CREATE MATERIALIZED VIEW of them. The objects are named bpost/buser so they do
 * not disturb tv_post and tv_user, and are dropped again after each repetition.
 */
public record FullBuildScenario(BlogSchema schema) implements Scenario {

    @Override
    public String id() {
        return "full_build";
    }

    @Override
    public String title() {
        return "full build: pg_tviews_create of both / CREATE TABLE AS (raw) / CREATE MATERIALIZED VIEW";
    }

    @Override
    public String rows() {
        return String.format("%,d", schema.scale() + BlogSchema.FAN_OUT_SMALL + BlogSchema.FAN_OUT_LARGE + schema.users() + 2);
    }

    @Override
    public boolean refreshesMatviews() {
        return false;
    }

    @Override
    public List<Sql> statement(Variant variant, int rep, int index) {
        String post = BlogSchema.postQuery("bpost");
        String user = BlogSchema.userQuery("buser");
        return switch (variant) {
            case RAW -> List.of(Sql.of("CREATE TABLE tv_bpost AS " + post), Sql.of("CREATE TABLE tv_buser AS " + user));
            case TVIEWS -> List.of(Sql.of("SELECT pg_tviews_create('bpost', $q$" + post + "$q$)"),
                    Sql.of("SELECT pg_tviews_create('buser', $q$" + user + "$q$)"));
            case MATVIEW -> List.of(Sql.of("CREATE MATERIALIZED VIEW tv_bpost AS " + post),
                    Sql.of("CREATE MATERIALIZED VIEW tv_buser AS " + user));
        };
    }

    @Override
    public List<Sql> after(Variant variant, int rep) {
        return switch (variant) {
            case RAW -> List.of(Sql.of("DROP TABLE tv_bpost, tv_buser"));
            case TVIEWS -> List.of(Sql.of("SELECT pg_tviews_drop('buser')"), Sql.of("SELECT pg_tviews_drop('bpost')"));
            case MATVIEW -> List.of(Sql.of("DROP MATERIALIZED VIEW tv_bpost, tv_buser"));
        };
    }
}

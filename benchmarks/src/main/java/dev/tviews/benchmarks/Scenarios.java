package dev.tviews.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/** Every scenario of issue #8 over one blog schema, in the order they run. */
public final class Scenarios {

    /** Single-row statements per repetition on the raw and tviews databases (each its own transaction). */
    static final int SINGLE_PER_REP = 20;
    static final int FAN_OUT_PER_REP = 5;
    static final int BULK_ROWS = 10_000;

    private static final String INSERT_POST = "INSERT INTO tb_post (pk_post, fk_user, title, content) VALUES (?, ?, ?, ?)";
    private static final String INSERT_SCRATCH_POSTS = "INSERT INTO tb_post (pk_post, fk_user, title, content) "
            + "SELECT ? + g, 1 + g % ?, 'Scratch ' || g, 'lorem ipsum' FROM generate_series(0, ? - 1) g";
    private static final Sql DELETE_SCRATCH_POSTS = Sql.of("DELETE FROM tb_post WHERE pk_post >= ?", BlogSchema.SCRATCH);

    private Scenarios() {
    }

    public static List<Scenario> of(BlogSchema schema) {
        int scale = schema.scale();
        int users = schema.users();
        int bulk = Math.min(BULK_ROWS, scale);
        int batch = Math.max(1, scale / 100);
        return List.of(
                new DmlScenario("single_update", "single-row child update: UPDATE tb_post SET title", "1", 0, SINGLE_PER_REP,
                        DmlScenario.Setup.NONE,
                        (rep, i) -> List.of(Sql.of("UPDATE tb_post SET title = ? WHERE pk_post = ?", "Title " + rep + "/" + i,
                                spread(rep * SINGLE_PER_REP + i, scale))),
                        List.of()),
                new DmlScenario("single_insert", "single insert: INSERT INTO tb_post (one row)", "1", 0, SINGLE_PER_REP,
                        DmlScenario.Setup.NONE,
                        (rep, i) -> List.of(Sql.of(INSERT_POST, BlogSchema.SCRATCH + i, 1 + (rep * 7L + i) % users,
                                "New " + rep + "/" + i, "lorem ipsum")),
                        List.of(DELETE_SCRATCH_POSTS)),
                new DmlScenario("single_delete", "single delete: DELETE FROM tb_post (one row)", "1", 0, SINGLE_PER_REP,
                        (rep, count) -> List.of(Sql.of(INSERT_SCRATCH_POSTS, BlogSchema.SCRATCH, users, count)),
                        (rep, i) -> List.of(Sql.of("DELETE FROM tb_post WHERE pk_post = ?", BlogSchema.SCRATCH + i)),
                        List.of(DELETE_SCRATCH_POSTS)),
                fanOut("fanout_100", BlogSchema.FAN_OUT_SMALL, schema.fanOutSmallUser()),
                fanOut("fanout_1000", BlogSchema.FAN_OUT_LARGE, schema.fanOutLargeUser()),
                new DmlScenario("bulk_insert", "bulk INSERT INTO tb_post ... SELECT", String.format("%,d", bulk), 0, 1,
                        DmlScenario.Setup.NONE,
                        (rep, i) -> List.of(Sql.of(INSERT_SCRATCH_POSTS, BlogSchema.SCRATCH, users, bulk)),
                        List.of(DELETE_SCRATCH_POSTS)),
                new DmlScenario("bulk_update", "bulk UPDATE tb_post SET title (a range of keys)", String.format("%,d", bulk), 0, 1,
                        DmlScenario.Setup.NONE,
                        (rep, i) -> {
                            long first = 1 + ((long) rep * bulk) % (scale - bulk + 1);
                            return List.of(Sql.of("UPDATE tb_post SET title = ? || pk_post WHERE pk_post BETWEEN ? AND ?",
                                    "Bulk " + rep + " ", first, first + bulk - 1));
                        },
                        List.of()),
                new DmlScenario("bulk_delete", "bulk DELETE FROM tb_post (a range of keys)", String.format("%,d", bulk), 0, 1,
                        (rep, count) -> List.of(Sql.of(INSERT_SCRATCH_POSTS, BlogSchema.SCRATCH, users, bulk)),
                        (rep, i) -> List.of(DELETE_SCRATCH_POSTS),
                        List.of()),
                new DmlScenario("batch_1pct", "1% batch: UPDATE tb_post SET title for 1% of the posts, spread out",
                        String.format("%,d", batch), 0, 1,
                        DmlScenario.Setup.NONE,
                        (rep, i) -> List.of(Sql.of("UPDATE tb_post SET title = ? || pk_post WHERE pk_post = ANY (?)",
                                "Batch " + rep + " ", LongStream.range(0, batch).map(j -> 1 + (j * 100 + rep) % scale).toArray())),
                        List.of()),
                fullRefresh(schema),
                fullBuild(schema));
    }

    /**
     * Recomputing the whole read model: pg_tviews_refresh of each TVIEW (which writes only rows that differ) against
     * REFRESH MATERIALIZED VIEW of each materialized view. Raw has no read model to refresh. The 1% batch is compared
     * with this.
     */
    static ReadModelScenario fullRefresh(BlogSchema schema) {
        return new ReadModelScenario("full_refresh",
                "full refresh: pg_tviews_refresh of tv_post and tv_user / REFRESH MATERIALIZED VIEW of both",
                String.format("%,d", schema.readModelRows()),
                Map.of(Variant.TVIEWS, List.of(Sql.of("SELECT pg_tviews_refresh('post')"), Sql.of("SELECT pg_tviews_refresh('user')")),
                        Variant.MATVIEW, DatabaseProvisioner.matviewRefresh()),
                Map.of());
    }

    /**
     * Building the read model from nothing: registering both TVIEWs (pg_tviews_create: view, table, unique index on
     * the key, fill, lineage, generated functions and triggers) against CREATE TABLE AS of the same two queries (raw)
     * and CREATE MATERIALIZED VIEW of them. The objects are named bpost/buser so they do not disturb tv_post and
     * tv_user, and are dropped again after each repetition.
     */
    static ReadModelScenario fullBuild(BlogSchema schema) {
        String post = BlogSchema.postQuery("bpost");
        String user = BlogSchema.userQuery("buser");
        return new ReadModelScenario("full_build",
                "full build: pg_tviews_create of both / CREATE TABLE AS (raw) / CREATE MATERIALIZED VIEW",
                String.format("%,d", schema.readModelRows()),
                Map.of(Variant.RAW, List.of(Sql.of("CREATE TABLE tv_bpost AS " + post), Sql.of("CREATE TABLE tv_buser AS " + user)),
                        Variant.TVIEWS, List.of(Sql.of("SELECT pg_tviews_create('bpost', $q$" + post + "$q$)"),
                                Sql.of("SELECT pg_tviews_create('buser', $q$" + user + "$q$)")),
                        Variant.MATVIEW, List.of(Sql.of("CREATE MATERIALIZED VIEW tv_bpost AS " + post),
                                Sql.of("CREATE MATERIALIZED VIEW tv_buser AS " + user))),
                Map.of(Variant.RAW, List.of(Sql.of("DROP TABLE tv_bpost, tv_buser")),
                        Variant.TVIEWS, List.of(Sql.of("SELECT pg_tviews_drop('buser')"), Sql.of("SELECT pg_tviews_drop('bpost')")),
                        Variant.MATVIEW, List.of(Sql.of("DROP MATERIALIZED VIEW tv_bpost, tv_buser"))));
    }

    private static DmlScenario fanOut(String id, int posts, long user) {
        return new DmlScenario(id, String.format("parent update fanning out to %,d posts: UPDATE tb_user SET name", posts),
                "1", posts, FAN_OUT_PER_REP,
                DmlScenario.Setup.NONE,
                (rep, i) -> List.of(Sql.of("UPDATE tb_user SET name = ? WHERE pk_user = ?", "Fan " + rep + "/" + i, user)),
                List.of());
    }

    /** The n-th of a sequence of keys 1..scale that jumps around the table (7919 is prime). */
    static long spread(long n, int scale) {
        return 1 + (n * 7919L) % scale;
    }
}

package dev.tviews.benchmarks;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * The per-path table of issue #15 on a parent/child model (tv_child embeds its parent), tviews beside
 * DIY triggers and raw DML in one run: one child UPDATE, a parent UPDATE reaching 100 and 1,000
 * children, bulk INSERT and bulk UPDATE, 4 writers updating children, and the full build.
 */
final class PathsBench implements Issue15Model {

    private final BenchServer server;
    private final String prefix;
    private final Issue15Settings s;
    private final PrintStream log;
    private final Map<Flavor, String> urls = new EnumMap<>(Flavor.class);
    private final String query = Db.resource("paths-view.sql").lines().filter(l -> !l.startsWith("--"))
            .reduce("", (a, b) -> a + b + "\n").strip();

    PathsBench(BenchServer server, String prefix, Issue15Settings settings, PrintStream log) {
        this.server = server;
        this.prefix = prefix + "_p";
        this.s = settings;
        this.log = log;
    }

    @Override
    public void provision() throws SQLException {
        drop();
        urls.putAll(server.createFlavorDatabases(prefix, Db.resource("paths-schema.sql").replace(":parents", "" + s.parents())
                .replace(":children", "" + s.children()).replace(":big", "" + s.fanOutLarge()).replace(":small", "" + s.fanOutSmall())));
        new ReadModels(Map.of("child", query), "", Db.resource("paths-diy.sql")).build(server, urls);
        verify("the build");
        server.admin("CHECKPOINT");  // the copies' writes are flushed before the first measurement, not during it
        log.printf("  paths: %,d parents, %,d children (parent 1: %,d, parent 2: %,d) on raw, tviews and DIY%n", s.parents(),
                s.children(), s.fanOutLarge(), s.fanOutSmall());
    }

    void verify(String after) throws SQLException {
        List<String> stale = new ArrayList<>();
        for (Flavor f : List.of(Flavor.TVIEWS, Flavor.DIY)) {
            try (Connection c = server.connect(urls.get(f))) {
                for (String x : Db.staleReadModels(c, List.of("child"))) {
                    stale.add(f.label() + " " + x);
                }
            }
        }
        if (!stale.isEmpty()) {
            throw new Verifier.StaleTViewException("Parent/child model not exact after " + after + ": " + String.join("; ", stale));
        }
    }

    /** A child spread over the table, never one of the two fan-out parents' children. */
    private long child(int n) {
        int first = s.fanOutLarge() + s.fanOutSmall() + 1;
        return first + (long) (n * 7919L % (s.children() - first));
    }

    List<Issue15Results.PathResult> run() throws SQLException, InterruptedException {
        List<Issue15Results.PathResult> out = new ArrayList<>();
        out.add(timed("child_update", "child UPDATE, one row", 0, s.statementReps(), 5,
                n -> "UPDATE tb_child SET val = val + 1 WHERE pk_child = " + child(n)));
        out.add(timed("parent_update_small", String.format("parent UPDATE -> %,d children", s.fanOutSmall()), s.fanOutSmall(),
                Math.max(3, s.statementReps() / 4), 2, n -> "UPDATE tb_parent SET name = 'Parent 2 v" + n + "' WHERE pk_parent = 2"));
        out.add(timed("parent_update_large", String.format("parent UPDATE -> %,d children", s.fanOutLarge()), s.fanOutLarge(),
                Math.max(3, s.statementReps() / 8), 1, n -> "UPDATE tb_parent SET name = 'Parent 1 v" + n + "' WHERE pk_parent = 1"));
        long base = 50_000_000L;
        int bulk = s.bulkRows();
        out.add(timed("bulk_insert", String.format("bulk INSERT %,d rows", bulk), bulk, s.bulkReps(), 1, n -> {
            long from = base + (long) n * bulk;
            return "INSERT INTO tb_child (pk_child, fk_parent, name, val) SELECT k, 3 + k % " + (s.parents() - 2)
                    + ", 'Bulk ' || k, 1 FROM generate_series(" + from + ", " + (from + bulk - 1) + ") k";
        }));
        int first = s.fanOutLarge() + s.fanOutSmall() + 1;
        out.add(timed("bulk_update", String.format("bulk UPDATE %,d rows", bulk), bulk, s.bulkReps(), 1,
                n -> "UPDATE tb_child SET val = val + 1 WHERE pk_child BETWEEN " + (first + n) + " AND " + (first + n + bulk - 1)));
        verify("the single-writer paths");
        // before the writers: their millions of updates leave dead rows that autovacuum then cleans up
        // while whatever comes next runs
        out.add(fullBuild());
        verify("the full builds");
        backendCpu().ifPresent(out::add);
        out.add(writers());
        verify("the 4 writers");
        return out;
    }

    private Issue15Results.PathResult timed(String id, String title, int dependents, int reps, int warm, IntFunction<String> sql)
            throws SQLException {
        Map<Flavor, List<Double>> samples = new EnumMap<>(Flavor.class);
        Map<Flavor, Connection> conns = new EnumMap<>(Flavor.class);
        try {
            for (Flavor f : Flavor.values()) {
                Connection c = server.connect(urls.get(f));
                c.setAutoCommit(false);
                conns.put(f, c);
                samples.put(f, new ArrayList<>());
            }
            for (int rep = 0; rep < warm + reps; rep++) {
                for (int i = 0; i < 3; i++) {
                    Flavor f = Flavor.values()[(rep + i) % 3];
                    Connection c = conns.get(f);
                    String text = sql.apply(rep);
                    long t0 = System.nanoTime();
                    try (PreparedStatement ps = c.prepareStatement(text)) {
                        ps.execute();
                    }
                    c.commit();
                    if (rep >= warm) {
                        samples.get(f).add((System.nanoTime() - t0) / 1e6);
                    }
                }
            }
        } finally {
            for (Connection c : conns.values()) {
                c.close();
            }
        }
        Map<Flavor, Stats> stats = new EnumMap<>(Flavor.class);
        samples.forEach((f, x) -> stats.put(f, Stats.of(x)));
        log.printf("  paths %-28s raw %.2f ms, DIY %.2f ms, tviews %.2f ms%n", title, stats.get(Flavor.RAW).median(),
                stats.get(Flavor.DIY).median(), stats.get(Flavor.TVIEWS).median());
        return new Issue15Results.PathResult("paths", id, title, dependents, stats, "ms");
    }

    /** 4 writers, each updating random children (all children, so writers rarely meet), rounds x databases. */
    /**
     * The server's own CPU per single-row child UPDATE (statement and commit), from its backend's
     * schedstat: the cross-check of the 4 writers, whose throughput also pays for the client (JDBC in
     * the same cores). Each round runs every database on a fresh connection, in rotating order; the
     * first hundred updates warm it up. Only on the embedded server under Linux.
     */
    private Optional<Issue15Results.PathResult> backendCpu() throws SQLException {
        if (!server.isEmbedded()) {
            return Optional.empty();
        }
        int updates = s.cpuSampleUpdates();
        Map<Flavor, List<Double>> samples = new EnumMap<>(Flavor.class);
        for (int round = 0; round < s.pathRounds(); round++) {
            for (int i = 0; i < 3; i++) {
                Flavor f = Flavor.values()[(round + i) % 3];
                SplittableRandom random = new SplittableRandom(7L * round + i);
                try (Connection c = server.connect(urls.get(f));
                     PreparedStatement ps = c.prepareStatement("UPDATE tb_child SET val = val + 1 WHERE pk_child = ?")) {
                    c.setAutoCommit(false);
                    long pid = Db.longs(c, "SELECT pg_backend_pid()")[0];
                    c.commit();
                    OptionalLong before = OptionalLong.empty();
                    for (int n = -100; n < updates; n++) {
                        if (n == 0) {
                            before = BackendCpu.nanos(pid);
                        }
                        ps.setLong(1, child(random.nextInt(1_000_000)));
                        ps.execute();
                        c.commit();
                    }
                    OptionalLong after = BackendCpu.nanos(pid);
                    if (before.isEmpty() || after.isEmpty()) {
                        return Optional.empty();
                    }
                    samples.computeIfAbsent(f, k -> new ArrayList<>()).add((after.getAsLong() - before.getAsLong()) / 1000.0 / updates);
                }
            }
        }
        Map<Flavor, Stats> stats = new EnumMap<>(Flavor.class);
        samples.forEach((f, x) -> stats.put(f, Stats.of(x)));
        log.printf("  paths child UPDATE, backend CPU per transaction: raw %.0f µs, DIY %.0f µs, tviews %.0f µs%n",
                stats.get(Flavor.RAW).median(), stats.get(Flavor.DIY).median(), stats.get(Flavor.TVIEWS).median());
        return Optional.of(new Issue15Results.PathResult("paths", "child_update_cpu", "child UPDATE, one row: server CPU per transaction",
                0, stats, "cpu_us"));
    }

    private Issue15Results.PathResult writers() throws SQLException, InterruptedException {
        Map<Flavor, List<Double>> tps = new EnumMap<>(Flavor.class);
        for (int round = 0; round < s.pathRounds(); round++) {
            for (int i = 0; i < 3; i++) {
                Flavor f = Flavor.values()[(round + i) % 3];
                tps.computeIfAbsent(f, k -> new ArrayList<>()).add(fourWriters(f, round));
            }
        }
        Map<Flavor, Stats> stats = new EnumMap<>(Flavor.class);
        tps.forEach((f, x) -> stats.put(f, Stats.of(x)));
        log.printf("  paths 4 writers child UPDATE: raw %.0f, DIY %.0f, tviews %.0f tx/s%n", stats.get(Flavor.RAW).median(),
                stats.get(Flavor.DIY).median(), stats.get(Flavor.TVIEWS).median());
        return new Issue15Results.PathResult("paths", "writers_4", "4 writers, child UPDATE", 0, stats, "tx/s");
    }

    private double fourWriters(Flavor f, int round) throws SQLException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Long>> futures = new ArrayList<>();
        long started = System.nanoTime();
        long deadline = started + s.writerMillis() * 1_000_000L;
        for (int w = 0; w < 4; w++) {
            SplittableRandom random = new SplittableRandom(1000L * round + w);
            futures.add(pool.submit(() -> {
                long committed = 0;
                try (Connection c = server.connect(urls.get(f));
                     PreparedStatement ps = c.prepareStatement("UPDATE tb_child SET val = val + 1 WHERE pk_child = ?")) {
                    c.setAutoCommit(false);
                    while (System.nanoTime() < deadline) {
                        ps.setLong(1, child(random.nextInt(1_000_000)));
                        try {
                            ps.execute();
                            c.commit();
                            committed++;
                        } catch (SQLException e) {
                            c.rollback();
                            if (!"40P01".equals(e.getSQLState()) && !"40001".equals(e.getSQLState())) {
                                throw e;
                            }
                        }
                    }
                }
                return committed;
            }));
        }
        long committed = 0;
        try {
            for (Future<Long> x : futures) {
                committed += x.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new SQLException("A child writer failed on " + f.label() + ": " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return committed / ((System.nanoTime() - started) / 1e9);
    }

    /** pg_tviews_create of the view as a second TVIEW against CREATE TABLE AS of the view (raw), with and without its key. */
    private Issue15Results.PathResult fullBuild() throws SQLException {
        // The bulk paths before left dead rows (on tviews twice: tb_child and tv_child); vacuumed
        // first, so that no flavor's build shares the machine with autovacuum cleaning up after them.
        for (Flavor f : Flavor.values()) {
            try (Connection c = server.connect(urls.get(f))) {
                Db.exec(c, "VACUUM (ANALYZE)");
            }
        }
        int rows;
        try (Connection c = server.connect(urls.get(Flavor.RAW))) {
            rows = Integer.parseInt(Db.rows(c, "SELECT pg_catalog.count(*) FROM (" + query + ") v").get(0).get(0));
        }
        String copy = query.replace("c.pk_child,", "c.pk_child AS pk_child_copy,");
        Map<Flavor, List<String>> builds = new EnumMap<>(Flavor.class);
        builds.put(Flavor.TVIEWS, List.of("SELECT pg_tviews_create('child_copy', $q$" + copy + "$q$)"));
        builds.put(Flavor.RAW, List.of("CREATE TABLE tv_child_copy AS " + query));
        builds.put(Flavor.DIY, List.of("CREATE TABLE tv_child_copy AS " + query, "ALTER TABLE tv_child_copy ADD PRIMARY KEY (pk_child)"));
        Map<Flavor, List<Double>> samples = new EnumMap<>(Flavor.class);
        // At least five rounds, the flavors' order rotating: one build writes as much as the machine's
        // page cache absorbs, so single builds vary by half their time here.
        for (int rep = 0; rep < Math.max(5, s.bulkReps()); rep++) {
            for (int i = 0; i < 3; i++) {
                Flavor f = Flavor.values()[(rep + i) % 3];
                // DIY builds its copy on the raw database (same data, no triggers)
                try (Connection c = server.connect(urls.get(f == Flavor.TVIEWS ? Flavor.TVIEWS : Flavor.RAW))) {
                    // every build starts with no dirty buffers left by the one before
                    Db.exec(c, "CHECKPOINT");
                    long t0 = System.nanoTime();
                    for (String sql : builds.get(f)) {
                        Db.exec(c, sql);
                    }
                    samples.computeIfAbsent(f, k -> new ArrayList<>()).add((System.nanoTime() - t0) / 1e6);
                    Db.exec(c, f == Flavor.TVIEWS ? "SELECT pg_tviews_drop('child_copy')" : "DROP TABLE tv_child_copy");
                }
            }
        }
        Map<Flavor, Stats> stats = new EnumMap<>(Flavor.class);
        samples.forEach((f, x) -> stats.put(f, Stats.of(x)));
        log.printf("  paths full build: CREATE TABLE AS %.0f ms, + primary key %.0f ms, pg_tviews_create %.0f ms%n",
                stats.get(Flavor.RAW).median(), stats.get(Flavor.DIY).median(), stats.get(Flavor.TVIEWS).median());
        return new Issue15Results.PathResult("paths", "full_build",
                String.format("full build, %,d rows (raw: CREATE TABLE AS; DIY column: CREATE TABLE AS + primary key)", rows),
                rows, stats, "ms");
    }

    /** auto_explain of each single-writer path on tviews and DIY. */
    List<Issue15Results.PathProfile> profiles() throws SQLException {
        List<Issue15Results.PathProfile> out = new ArrayList<>();
        for (Flavor f : List.of(Flavor.TVIEWS, Flavor.DIY)) {
            try (Connection c = server.connect(urls.get(f))) {
                out.add(NestedBench.profile("paths child UPDATE, one row", f,
                        Db.autoExplain(c, "UPDATE tb_child SET val = val + 1 WHERE pk_child = " + child(4242))));
                out.add(NestedBench.profile(String.format("paths parent UPDATE -> %,d children", s.fanOutLarge()), f,
                        Db.autoExplain(c, "UPDATE tb_parent SET name = 'Profiled' WHERE pk_parent = 1")));
                int first = s.fanOutLarge() + s.fanOutSmall() + 1;
                out.add(NestedBench.profile(String.format("paths bulk UPDATE %,d rows", s.bulkRows()), f,
                        Db.autoExplain(c, "UPDATE tb_child SET val = val + 1 WHERE pk_child BETWEEN " + first + " AND "
                                + (first + s.bulkRows() - 1))));
            } catch (SQLException e) {
                log.println("  auto_explain not available: " + e.getMessage());
                return List.of();
            }
        }
        verify("the profiles");
        return out;
    }

    @Override
    public void drop() throws SQLException {
        server.dropFlavorDatabases(prefix);
    }
}

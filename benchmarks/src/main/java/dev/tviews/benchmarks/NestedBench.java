package dev.tviews.benchmarks;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The nested model of issue #15 (org -> user -> post -> comment, plus a feed per org) on three databases:
 * raw, tviews, DIY. Measures each statement kind single-writer, the mixed workload with 1, 2 and 4 writers
 * on overlapping and on distinct rows, counts the locks each kind takes, and profiles each kind.
 */
final class NestedBench implements Issue15Model {

    static final List<String> ENTITIES = List.of("comment", "post", "user", "org", "feed");
    static final long NEW_KEYS = 10_000_000L;

    /** The statement kinds of the mixed workload, with their share of it (percent). */
    enum Kind {
        COMMENT_INSERT("comment insert", 25, "INSERT INTO tb_comment (pk_comment, fk_post, fk_user, text) VALUES (?, ?, ?, ?)"),
        COMMENT_UPDATE("comment update", 15, "UPDATE tb_comment SET text = ? WHERE pk_comment = ?"),
        POST_RENAME("post rename", 20, "UPDATE tb_post SET title = ? WHERE pk_post = ?"),
        POST_INSERT("post insert", 10, "INSERT INTO tb_post (pk_post, fk_user, title) VALUES (?, ?, ?)"),
        POST_REPARENT("post re-parent", 8, "UPDATE tb_post SET fk_user = ? WHERE pk_post = ?"),
        USER_RENAME("user rename", 10, "UPDATE tb_user SET name = ? WHERE pk_user = ?"),
        USER_MOVE("user moves org", 6, "UPDATE tb_user SET fk_org = ? WHERE pk_user = ?"),
        ORG_RENAME("org rename", 6, "UPDATE tb_org SET name = ? WHERE pk_org = ?");

        final String title;
        final int weight;
        final String sql;

        Kind(String title, int weight, String sql) {
            this.title = title;
            this.weight = weight;
            this.sql = sql;
        }

        String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Kind pick(SplittableRandom random) {
            int r = random.nextInt(100);
            for (Kind k : values()) {
                r -= k.weight;
                if (r < 0) {
                    return k;
                }
            }
            return COMMENT_INSERT;
        }
    }

    /** The rows a writer draws from. */
    record Pool(long[] orgs, long[] users, long[] posts, long[] comments) {
        static Pool of(Connection c, String orgFilter) throws SQLException {
            long[] orgs = Db.longs(c, "SELECT pk_org FROM tb_org WHERE " + orgFilter + " ORDER BY 1");
            String in = "(SELECT pk_org FROM tb_org WHERE " + orgFilter + ")";
            long[] users = Db.longs(c, "SELECT pk_user FROM tb_user WHERE fk_org IN " + in + " ORDER BY 1");
            String usersIn = "(SELECT pk_user FROM tb_user WHERE fk_org IN " + in + ")";
            long[] posts = Db.longs(c, "SELECT pk_post FROM tb_post WHERE fk_user IN " + usersIn + " ORDER BY 1");
            long[] comments = Db.longs(c, "SELECT pk_comment FROM tb_comment WHERE fk_post IN (SELECT pk_post FROM tb_post "
                    + "WHERE fk_user IN " + usersIn + ") ORDER BY 1");
            return new Pool(orgs, users, posts, comments);
        }

        /**
         * Whether the pool has the rows a kind draws. Earlier runs move users between orgs, so a writer's
         * share of the orgs on distinct rows can be left without users, posts or comments.
         */
        boolean canRun(Kind kind) {
            return switch (kind) {
                case COMMENT_INSERT -> posts.length > 0 && users.length > 0;
                case COMMENT_UPDATE -> comments.length > 0;
                case POST_RENAME -> posts.length > 0;
                case POST_REPARENT -> posts.length > 0 && users.length > 0;
                case POST_INSERT, USER_RENAME -> users.length > 0;
                case USER_MOVE -> users.length > 0 && orgs.length > 0;
                case ORG_RENAME -> orgs.length > 0;
            };
        }

        static long any(long[] a, SplittableRandom r) {
            return a[r.nextInt(a.length)];
        }
    }

    private final BenchServer server;
    private final String prefix;
    private final Issue15Settings settings;
    private final PrintStream log;
    private final Map<Flavor, String> urls = new EnumMap<>(Flavor.class);
    private final Map<Flavor, AtomicLong> keys = new EnumMap<>(Flavor.class);
    final DeadlockCollector deadlocks = new DeadlockCollector();

    NestedBench(BenchServer server, String prefix, Issue15Settings settings, PrintStream log) {
        this.server = server;
        this.prefix = prefix + "_n";
        this.settings = settings;
        this.log = log;
        for (Flavor f : Flavor.values()) {
            keys.put(f, new AtomicLong(NEW_KEYS * 2));
        }
    }

    Map<Flavor, String> urls() {
        return urls;
    }

    /** The statement of a kind with its arguments drawn from the pool. */
    static Object[] args(Kind kind, Pool pool, SplittableRandom r, long newKey) {
        return switch (kind) {
            case COMMENT_INSERT -> new Object[] {newKey, Pool.any(pool.posts(), r), Pool.any(pool.users(), r), "New comment " + newKey};
            case COMMENT_UPDATE -> new Object[] {"Edited " + r.nextInt(), Pool.any(pool.comments(), r)};
            case POST_RENAME -> new Object[] {"Retitled " + r.nextInt(), Pool.any(pool.posts(), r)};
            case POST_INSERT -> new Object[] {newKey, Pool.any(pool.users(), r), "New post " + newKey};
            case POST_REPARENT -> new Object[] {Pool.any(pool.users(), r), Pool.any(pool.posts(), r)};
            case USER_RENAME -> new Object[] {"Renamed " + r.nextInt(), Pool.any(pool.users(), r)};
            case USER_MOVE -> new Object[] {Pool.any(pool.orgs(), r), Pool.any(pool.users(), r)};
            case ORG_RENAME -> new Object[] {"Renamed org " + r.nextInt(), Pool.any(pool.orgs(), r)};
        };
    }

    static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof String s) {
                ps.setString(i + 1, s);
            } else {
                ps.setLong(i + 1, (Long) args[i]);
            }
        }
    }

    /** Literal SQL of a statement (for EXPLAIN and auto_explain, which take no parameters here). */
    static String literal(Kind kind, Object[] args) {
        String sql = kind.sql;
        for (Object a : args) {
            String v = a instanceof String s ? "'" + s.replace("'", "''") + "'" : String.valueOf(a);
            sql = sql.replaceFirst("\\?", java.util.regex.Matcher.quoteReplacement(v));
        }
        return sql;
    }

    @Override
    public void provision() throws SQLException {
        drop();
        urls.putAll(server.createFlavorDatabases(prefix, Db.resource("nested-schema.sql"), Db.resource("nested-data.sql")
                .replace(":orgs", "" + settings.orgs()).replace(":users", "" + settings.users())
                .replace(":posts", "" + settings.posts()).replace(":comments", "" + settings.comments())));
        new ReadModels(Db.views("nested-views.sql"),
                "CREATE INDEX ON tv_comment (fk_post); CREATE INDEX ON tv_post (fk_user); CREATE INDEX ON tv_user (fk_org);",
                Db.resource("nested-diy.sql")).build(server, urls);
        verify("the build");
        server.admin("CHECKPOINT");  // the copies' writes are flushed before the first measurement, not during it
        log.printf("  nested: %d orgs, %d users, %d posts, %d comments on raw, tviews and DIY%n", settings.orgs(),
                settings.users(), settings.posts(), settings.comments());
    }

    /** Fails when tviews or DIY differ from their views. */
    List<String> check(String after) throws SQLException {
        List<String> stale = new ArrayList<>();
        for (Flavor f : List.of(Flavor.TVIEWS, Flavor.DIY)) {
            try (Connection c = server.connect(urls.get(f))) {
                for (String s : Db.staleReadModels(c, ENTITIES)) {
                    stale.add(f.label() + " " + s + " after " + after);
                }
            }
        }
        return stale;
    }

    void verify(String after) throws SQLException {
        List<String> stale = check(after);
        if (!stale.isEmpty()) {
            throw new Verifier.StaleTViewException("Nested model not exact: " + String.join("; ", stale));
        }
    }

    /** Each kind single-writer: the databases take turns statement by statement, with the same rows. */
    List<Issue15Results.PathResult> statementKinds() throws SQLException {
        List<Issue15Results.PathResult> results = new ArrayList<>();
        Map<Flavor, Connection> conns = new EnumMap<>(Flavor.class);
        try {
            Pool pool;
            for (Flavor f : Flavor.values()) {
                Connection c = server.connect(urls.get(f));
                c.setAutoCommit(false);
                conns.put(f, c);
            }
            pool = Pool.of(conns.get(Flavor.RAW), "true");
            conns.get(Flavor.RAW).commit();
            int warm = 3;
            for (Kind kind : Kind.values()) {
                Map<Flavor, List<Double>> samples = new EnumMap<>(Flavor.class);
                Map<Flavor, PreparedStatement> ps = new EnumMap<>(Flavor.class);
                for (Flavor f : Flavor.values()) {
                    ps.put(f, conns.get(f).prepareStatement(kind.sql));
                    samples.put(f, new ArrayList<>());
                }
                for (int rep = 0; rep < warm + settings.statementReps(); rep++) {
                    for (int i = 0; i < 3; i++) {
                        Flavor f = Flavor.values()[(rep + i) % 3];
                        Object[] args = args(kind, pool, new SplittableRandom(kind.ordinal() * 1000L + rep),
                                NEW_KEYS + kind.ordinal() * 100_000L + rep);
                        long t0 = System.nanoTime();
                        bind(ps.get(f), args);
                        ps.get(f).execute();
                        conns.get(f).commit();
                        if (rep >= warm) {
                            samples.get(f).add((System.nanoTime() - t0) / 1e6);
                        }
                    }
                }
                for (PreparedStatement p : ps.values()) {
                    p.close();
                }
                Map<Flavor, Stats> stats = new EnumMap<>(Flavor.class);
                samples.forEach((f, s) -> stats.put(f, Stats.of(s)));
                results.add(new Issue15Results.PathResult("nested", kind.id(), kind.title, 0, stats, "ms"));
                log.printf("  nested %-15s raw %.2f ms, DIY %.2f ms, tviews %.2f ms%n", kind.title, stats.get(Flavor.RAW).median(),
                        stats.get(Flavor.DIY).median(), stats.get(Flavor.TVIEWS).median());
            }
        } finally {
            for (Connection c : conns.values()) {
                c.close();
            }
        }
        verify("the single-writer statement kinds");
        return results;
    }

    /** The mixed workload: rounds x (overlapping, distinct) x writers x databases in rotating order. */
    List<Issue15Results.WriterResult> mixed() throws SQLException, InterruptedException {
        Map<String, List<Double>> tps = new LinkedHashMap<>();
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, Integer> checks = new LinkedHashMap<>();
        Map<String, List<String>> stale = new LinkedHashMap<>();
        int turn = 0;
        for (int round = 0; round < settings.rounds(); round++) {
            for (String mode : List.of("overlapping", "distinct")) {
                for (int writers : Issue15Settings.WRITERS) {
                    for (int i = 0; i < 3; i++) {
                        Flavor f = Flavor.values()[(turn + i) % 3];
                        String key = mode + "/" + writers + "/" + f.label();
                        WriterRun.Outcome o = new WriterRun(server, urls.get(f), writers, mode, settings.writerMillis(),
                                31L * round + writers, keys.get(f), f == Flavor.TVIEWS ? deadlocks : null).run();
                        tps.computeIfAbsent(key, k -> new ArrayList<>()).add(o.tps());
                        long[] c = counts.computeIfAbsent(key, k -> new long[3]);
                        c[0] += o.committed();
                        c[1] += o.serialization();
                        c[2] += o.deadlocks();
                        if (f != Flavor.RAW) {
                            List<String> s = check(key + " round " + (round + 1));
                            checks.merge(key, 1, Integer::sum);
                            stale.computeIfAbsent(key, k -> new ArrayList<>()).addAll(s);
                        }
                    }
                    turn++;
                    log.printf("  nested round %d, %s, %d writer(s): raw %.0f, DIY %.0f, tviews %.0f tx/s%n", round + 1, mode,
                            writers, last(tps, mode + "/" + writers + "/raw"), last(tps, mode + "/" + writers + "/diy"),
                            last(tps, mode + "/" + writers + "/tviews"));
                }
            }
        }
        List<Issue15Results.WriterResult> results = new ArrayList<>();
        for (String key : tps.keySet()) {
            String[] p = key.split("/");
            Flavor f = Flavor.valueOf(p[2].toUpperCase(java.util.Locale.ROOT));
            long[] c = counts.get(key);
            results.add(new Issue15Results.WriterResult("nested", p[0], Integer.parseInt(p[1]), f, tps.get(key), c[0], c[1], c[2],
                    checks.getOrDefault(key, 0), stale.getOrDefault(key, List.of())));
        }
        return results;
    }

    private static double last(Map<String, List<Double>> tps, String key) {
        List<Double> l = tps.get(key);
        return l == null || l.isEmpty() ? Double.NaN : l.get(l.size() - 1);
    }

    /** The advisory locks each kind holds at its end, on tviews and on DIY. */
    List<Issue15Results.LockCensus> census() throws SQLException {
        List<Issue15Results.LockCensus> out = new ArrayList<>();
        for (Flavor f : List.of(Flavor.TVIEWS, Flavor.DIY)) {
            try (Connection c = server.connect(urls.get(f))) {
                Map<Long, String> names = f == Flavor.TVIEWS ? lockKindNames(c) : Map.of();
                Pool pool = Pool.of(c, "true");
                c.setAutoCommit(false);
                List<String[]> statements = new ArrayList<>();
                for (Kind kind : Kind.values()) {
                    Object[] args = args(kind, pool, new SplittableRandom(77 + kind.ordinal()), NEW_KEYS + 900_000 + kind.ordinal());
                    statements.add(new String[] {kind.title, literal(kind, args)});
                }
                // Not in the mixed workload: one statement past the runtime's 64-values threshold.
                statements.add(new String[] {"bulk: rename every post of one org (one statement)",
                        "UPDATE tb_post SET title = title || '!' WHERE fk_user IN (SELECT pk_user FROM tb_user WHERE fk_org = 1)"});
                for (String[] statement : statements) {
                    Db.exec(c, statement[1]);
                    int[] n = new int[4];
                    List<String> coarse = new ArrayList<>();
                    for (List<String> r : Db.rows(c, "SELECT objsubid, mode, classid::bigint, objid::bigint FROM pg_locks "
                            + "WHERE pid = pg_backend_pid() AND locktype = 'advisory'")) {
                        boolean fine = "2".equals(r.get(0));
                        boolean excl = r.get(1).startsWith("Exclusive");
                        n[(fine ? 0 : 2) + (excl ? 0 : 1)]++;
                        if (!fine && excl) {
                            long id = Long.parseLong(r.get(3));
                            coarse.add(names.getOrDefault(id, "kind " + id));
                        }
                    }
                    String fineCount = Db.rows(c, "SELECT current_setting('tviews.fine_locks', true)").get(0).get(0);
                    c.commit();
                    coarse.sort(null);
                    out.add(new Issue15Results.LockCensus(statement[0], f, n[0], n[1], n[2], n[3], fineCount == null ? "" : fineCount, coarse));
                }
            }
        }
        verify("the lock census");
        return out;
    }

    /** Names of tviews' lock kinds (low 32 bits of the kind), from the runtime's own hash functions. */
    static Map<Long, String> lockKindNames(Connection c) {
        Map<Long, String> names = new java.util.HashMap<>();
        try {
            for (List<String> r : Db.rows(c, """
                    SELECT (k::bigint & 4294967295)::text, name FROM (
                        SELECT _tviews_key_lock_kind(m.tview_oid) AS k, 'keys of ' || m.tview_oid::regclass AS name FROM pg_tview_meta m
                        UNION ALL
                        SELECT _tviews_lock_kind(cl.oid, a.attname), cl.relname || '.' || a.attname
                          FROM pg_class cl JOIN pg_attribute a ON a.attrelid = cl.oid
                         WHERE cl.relkind = 'r' AND cl.relnamespace = 'public'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
                           AND (cl.relname LIKE 'tb\\_%' OR cl.relname LIKE 'tv\\_%')) x""")) {
                names.put(Long.parseLong(r.get(0)), r.get(1));
            }
        } catch (SQLException e) {
            names.put(-1L, "(names not available: " + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        return names;
    }

    /** auto_explain of one statement of each kind, on tviews and DIY. */
    List<Issue15Results.PathProfile> profiles() throws SQLException {
        List<Issue15Results.PathProfile> out = new ArrayList<>();
        for (Flavor f : List.of(Flavor.TVIEWS, Flavor.DIY)) {
            try (Connection c = server.connect(urls.get(f))) {
                Pool pool = Pool.of(c, "true");
                for (Kind kind : Kind.values()) {
                    Object[] args = args(kind, pool, new SplittableRandom(99 + kind.ordinal()), NEW_KEYS + 950_000 + kind.ordinal());
                    out.add(profile("nested " + kind.title, f, Db.autoExplain(c, literal(kind, args))));
                }
            } catch (SQLException e) {
                log.println("  auto_explain not available: " + e.getMessage());
                return List.of();
            }
        }
        verify("the profiles");
        return out;
    }

    static Issue15Results.PathProfile profile(String path, Flavor f, List<Db.Nested> nested) {
        double total = nested.isEmpty() ? 0 : nested.get(nested.size() - 1).millis();
        List<Db.Nested> top = new ArrayList<>(nested.subList(0, Math.max(0, nested.size() - 1)));
        top.sort((a, b) -> Double.compare(b.millis(), a.millis()));
        return new Issue15Results.PathProfile(path, f, total, List.copyOf(top.subList(0, Math.min(6, top.size()))));
    }

    /** 4 writers on tviews, overlapping rows, with deadlocks recorded and lock waits sampled. */
    Issue15Results.Diagnosis diagnose() throws SQLException, InterruptedException {
        DeadlockCollector collector = new DeadlockCollector();
        Map<String, Integer> waits = new ConcurrentHashMap<>();
        int[] samples = {0};
        Map<Long, String> names;
        try (Connection c = server.connect(urls.get(Flavor.TVIEWS))) {
            names = lockKindNames(c);
        }
        collector.names(names);
        try {
            // The server log then holds each wait past deadlock_timeout and each deadlock with both queries.
            server.admin("ALTER DATABASE " + prefix + "_" + Flavor.TVIEWS.label() + " SET log_lock_waits = on");
        } catch (SQLException e) {
            log.println("  log_lock_waits not set (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        Thread sampler = new Thread(() -> {
            try (Connection c = server.connect(urls.get(Flavor.TVIEWS))) {
                while (!Thread.currentThread().isInterrupted()) {
                    for (List<String> r : Db.rows(c, "SELECT l.locktype, l.mode, l.classid::bigint, l.objid::bigint, l.objsubid, "
                            + "coalesce(l.relation::regclass::text, '') FROM pg_locks l WHERE NOT l.granted")) {
                        waits.merge(DeadlockCollector.describe(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), names), 1, Integer::sum);
                    }
                    samples[0]++;
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (SQLException e) {
                waits.merge("(sampler stopped: " + e.getMessage() + ")", 1, Integer::sum);
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        WriterRun.Outcome o;
        try {
            o = new WriterRun(server, urls.get(Flavor.TVIEWS), 4, "overlapping", settings.diagnosisMillis(), 4242,
                    keys.get(Flavor.TVIEWS), collector).run();
        } finally {
            sampler.interrupt();
            sampler.join(5_000);
        }
        verify("the diagnosis run");
        return collector.summary(o.committed(), o.serialization(), waits, samples[0]);
    }

    @Override
    public void drop() throws SQLException {
        server.dropFlavorDatabases(prefix);
    }

    static <T> Function<T, T> identity() {
        return t -> t;
    }
}

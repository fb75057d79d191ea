package dev.tviews.common.runtime;

import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.lines;
import static dev.tviews.testsupport.Jdbc.number;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.testsupport.Jdbc;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import dev.tviews.testsupport.TestServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The first build of a table tviews creates (tv_tables.sql, _tviews_first_build) goes one of two ways: by
 * CREATE TABLE AS, after the sources are locked, or, where the registering role may not lock them (it has only
 * SELECT and TRIGGER on tables another role owns), by creating the table empty and filling it in the rebuild.
 * Both must give the same table (columns, types, collations, key, rows as text), and a write that commits while
 * a registration waits for the sources, or that waits for a registration to commit, must be in the TVIEW either
 * way. Which way a build went is read from the calls of the rebuild function (track_functions). Definitions and
 * writes are drawn at random; seeded: {@code -Dtviews.firstbuild.seed=<seed>}.
 */
@PostgresTest
class FirstBuildTest {

    private static final TestRoles ROLES = TestRoles.unique("tvbuild", "owner", "keeper");
    /** installs the runtime and registers */
    private static final String OWNER = ROLES.name("owner");
    /** owns the tables and writes them */
    private static final String KEEPER = ROLES.name("keeper");
    private static final int DEFINITIONS = Integer.getInteger("tviews.firstbuild.definitions", 30);
    private static final int ROUNDS = Integer.getInteger("tviews.firstbuild.rounds", 30);

    /** Output columns whose type, typmod or collation a table could get wrong (ViewShapes draws the lineage). */
    private static final String[] TYPED_COLUMNS = {
        "a.name COLLATE \"C\"",
        "a.email COLLATE \"POSIX\"",
        "a.name::varchar(20)",
        "a.score::numeric(10,2)",
        "a.grp::smallint",
        "ARRAY[a.name COLLATE \"C\", a.email]",
        "a.name::tviews_fb_code",
        "a.name::tviews_fb_code COLLATE \"default\"",
        "(a.email || 'x')::char(12)",
        "lower(a.email) COLLATE \"C\"",
        "a.data -> 'k'",
        "a.f::real",
        // printed by settings the registering session has its own values of (see eitherFirstBuildGivesTheSameTable)
        "a.f::text",
        "to_jsonb(a.f * 0.1::float8)",
        "(timestamptz '2020-01-01 00:00+00' + a.grp * interval '1 day 1 hour')::text",
        "(interval '1 hour' * a.grp)::text",
    };

    @BeforeAll
    static void roles(TestServer server, TestDatabase db) throws SQLException {
        ROLES.create(server, db, "ALTER ROLE " + OWNER + " SET track_functions = 'pl'");
        Jdbc.exec(db, "GRANT CREATE ON SCHEMA public TO " + KEEPER);
        ROLES.connectOwnerWithRuntime(db).close();
        try (Connection keeper = ROLES.connect(db, KEEPER)) {
            exec(keeper, ViewShapes.TABLES);
            exec(keeper, "CREATE DOMAIN tviews_fb_code AS text COLLATE \"C\"",
                    "GRANT SELECT, TRIGGER ON tb_a, tb_b, tb_c, v_positive_b, v_b_with_a TO " + OWNER);
        }
    }

    @AfterAll
    static void dropRoles(TestServer server, TestDatabase db) throws SQLException {
        ROLES.drop(server, db);
    }

    @Test
    void eitherFirstBuildGivesTheSameTable(TestDatabase db) throws SQLException {
        long seed = Long.getLong("tviews.firstbuild.seed", System.nanoTime());
        System.out.printf("FirstBuildTest: seed=%d (reproduce with -Dtviews.firstbuild.seed=%d)%n", seed, seed);
        Random random = new Random(seed);
        ViewShapes shapes = new ViewShapes(random);
        try (Connection owner = ROLES.connect(db, OWNER); Connection keeper = ROLES.connect(db, KEEPER);
             Connection reader = db.connect()) {
            // the registering session prints times and floats its own way; rows are computed with the pinned settings,
            // which the reader has
            exec(owner, "SET TimeZone = 'Asia/Kolkata'", "SET IntervalStyle = 'sql_standard'",
                    "SET extra_float_digits = 0");
            exec(reader, "SET TimeZone = 'UTC'", "SET DateStyle = 'ISO, MDY'", "SET IntervalStyle = 'postgres'", "SET extra_float_digits = 1");
            writeSome(keeper, shapes, 40);
            for (int i = 0; i < DEFINITIONS; i++) {
                // (TVIEWs stay: dropping one takes ownership of the tables its triggers are on)
                String built = "built" + i;
                String filled = "filled" + i;
                String definition = i % 2 == 0 ? shapes.definition(built) : typedColumns(random, built);
                String same = definition.replace("pk_" + built, "pk_" + filled);
                String when = "seed " + seed + ", definition " + i + ":\n" + definition;
                mayLock(keeper, true);
                assertThat(register(owner, built, definition)).as(when + "\nbuilt by CREATE TABLE AS").isFalse();
                mayLock(keeper, false);
                assertThat(register(owner, filled, same)).as(when + "\nbuilt by the rebuild").isTrue();
                assertThat(columns(reader, "tv_" + filled)).as(when).isEqualTo(columns(reader, "tv_" + built));
                for (String entity : List.of(built, filled)) {
                    assertThat(lines(reader, "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'tv_" + entity
                            + "'::regclass AND contype <> 'n'")).as(when).isEqualTo(List.of("PRIMARY KEY (pk_" + entity + ")"));
                }
                assertThat(lines(reader, "(SELECT x::text FROM tv_" + built + " x EXCEPT ALL SELECT y::text FROM tv_" + filled + " y) UNION ALL "
                        + "(SELECT y::text FROM tv_" + filled + " y EXCEPT ALL SELECT x::text FROM tv_" + built + " x)")).as(when).isEmpty();
                ViewShapeOracleTest.assertExact(reader, built, definition, seed, "after the first build");
                ViewShapeOracleTest.assertExact(reader, filled, same, seed, "after the first build");
                writeSome(keeper, shapes, 5);
            }
        }
    }

    @Test
    void aWriteCommittedWhileTheBuildWaitsIsInTheTView(TestDatabase db) throws Exception {
        long seed = Long.getLong("tviews.firstbuild.seed", System.nanoTime());
        System.out.printf("FirstBuildTest (writes around the build): seed=%d%n", seed);
        Random random = new Random(seed);
        ViewShapes shapes = new ViewShapes(random);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection writer = ROLES.connect(db, KEEPER); Connection observer = db.connect();
             Connection registrar = ROLES.connect(db, OWNER)) {
            writeSome(writer, shapes, 40);
            for (int i = 0; i < ROUNDS; i++) {
                boolean byCreateTableAs = i % 2 == 0;
                mayLock(writer, byCreateTableAs);
                String first = "raced" + i + "a";
                String second = "raced" + i + "b";
                String definition = shapes.definition(first);
                String secondDefinition = definition.replace("pk_" + first, "pk_" + second);
                String when = "seed " + seed + ", round " + i + (byCreateTableAs ? " (CREATE TABLE AS)" : " (rebuild)") + ":\n" + definition;
                try {
                    // the write first, uncommitted: the registration waits for it, then must see it
                    writer.setAutoCommit(false);
                    String write = writeOne(writer, shapes);
                    long pid = number(registrar, "SELECT pg_backend_pid()");
                    Future<?> registration = pool.submit(() -> {
                        exec(registrar, "SELECT pg_tviews_create('" + first + "', $q$" + definition + "$q$)");
                        return null;
                    });
                    awaitDoneOrLockWait(observer, pid, registration);
                    writer.commit();
                    registration.get(30, TimeUnit.SECONDS);
                    ViewShapeOracleTest.assertExact(observer, first, definition, seed, when + "\nafter " + write);

                    // the registration first, uncommitted: the write waits for it, then its triggers keep the TVIEW
                    writer.setAutoCommit(true);
                    registrar.setAutoCommit(false);
                    exec(registrar, "SELECT pg_tviews_create('" + second + "', $q$" + secondDefinition + "$q$)");
                    long writerPid = number(writer, "SELECT pg_backend_pid()");
                    Future<String> late = pool.submit(() -> writeOne(writer, shapes));
                    awaitDoneOrLockWait(observer, writerPid, late);
                    registrar.commit();
                    String lateWrite = late.get(30, TimeUnit.SECONDS);
                    ViewShapeOracleTest.assertExact(observer, second, secondDefinition, seed, when + "\nafter " + lateWrite);
                    ViewShapeOracleTest.assertExact(observer, first, definition, seed, when + "\nafter " + lateWrite);
                } finally {
                    writer.setAutoCommit(true);
                    registrar.setAutoCommit(true);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The other side of registering with the TRIGGER privilege alone: PostgreSQL lets only a table's owner drop
     * triggers, so dropping or replacing such a TVIEW is refused with the runtime's own 42501, nothing changed,
     * until the registering role is a member of the tables' owner.
     */
    @Test
    void droppingTheTriggersOfTablesAnotherRoleOwnsIsRefusedUntilItsOwnerDropsThem(TestServer server, TestDatabase db) throws SQLException {
        try (Connection owner = ROLES.connect(db, OWNER)) {
            exec(owner, "SELECT pg_tviews_create('guarded', $q$SELECT a.pk_a AS pk_guarded, a.name FROM tb_a a$q$)");
            List<String> before = RuntimeFixture.catalogSnapshot(owner);
            for (String sql : List.of("SELECT pg_tviews_drop('guarded')",
                    "SELECT pg_tviews_create_or_replace('guarded', $q$SELECT a.pk_a AS pk_guarded, upper(a.name) AS name FROM tb_a a$q$)")) {
                SQLException refused = RuntimeFixture.error(owner, sql);
                assertThat((Object) refused).as(sql).isNotNull();
                assertThat(refused.getSQLState()).as(sql).isEqualTo("42501");
                assertThat(refused.getMessage()).as(sql).contains("can only be dropped by the owner of public.tb_a");
                assertThat(RuntimeFixture.catalogSnapshot(owner)).as(sql).isEqualTo(before);
            }
            try (Connection admin = server.connectAdmin()) {
                exec(admin, "GRANT " + KEEPER + " TO " + OWNER);
            }
            try {
                exec(owner, "SELECT pg_tviews_drop('guarded')");
                assertThat(number(owner, "SELECT count(*) FROM pg_tview_meta WHERE entity_name = 'guarded'")).isZero();
            } finally {
                try (Connection admin = server.connectAdmin()) {
                    exec(admin, "REVOKE " + KEEPER + " FROM " + OWNER);
                }
            }
        }
    }

    /** Lets the owner lock the tables (UPDATE), so that its registrations build by CREATE TABLE AS, or not. */
    private static void mayLock(Connection keeper, boolean may) throws SQLException {
        exec(keeper, (may ? "GRANT" : "REVOKE") + " UPDATE ON tb_a, tb_b, tb_c " + (may ? "TO " : "FROM ") + OWNER);
    }

    /** Registers a TVIEW in a transaction of its own; returns whether its rebuild function ran (the table was built empty). */
    private static boolean register(Connection owner, String entity, String definition) throws SQLException {
        owner.setAutoCommit(false);
        try {
            exec(owner, "SELECT pg_tviews_create('" + entity + "', $q$" + definition + "$q$)");
            long rebuilds = number(owner, "SELECT coalesce(sum(calls), 0) FROM pg_stat_xact_user_functions WHERE funcname = 'tviews_"
                    + entity + "_rebuild'");
            owner.commit();
            return rebuilds > 0;
        } finally {
            owner.setAutoCommit(true);
        }
    }

    private static String typedColumns(Random random, String entity) {
        StringBuilder select = new StringBuilder("SELECT a.pk_a AS pk_" + entity);
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            select.append(", ").append(TYPED_COLUMNS[random.nextInt(TYPED_COLUMNS.length)]).append(" AS t").append(i);
        }
        return select + " FROM tb_a a";
    }

    /** Name, type, collation and nullability of every column but the key, in order. */
    private static List<String> columns(Connection c, String table) throws SQLException {
        return lines(c, "SELECT attname, format_type(atttypid, atttypmod), attcollation::regcollation, attnotnull FROM pg_attribute "
                + "WHERE attrelid = '" + table + "'::regclass AND attnum > 1 AND NOT attisdropped ORDER BY attnum");
    }

    private static void writeSome(Connection c, ViewShapes shapes, int n) throws SQLException {
        for (int i = 0; i < n; i++) {
            writeOne(c, shapes);
        }
    }

    /** One random write that the tables' constraints accept (drawn again until one does); returns it. */
    private static String writeOne(Connection c, ViewShapes shapes) throws SQLException {
        while (true) {
            String sql = shapes.write();
            if (!c.getAutoCommit()) {
                exec(c, "SAVEPOINT w");
            }
            try {
                exec(c, sql);
                return sql;
            } catch (SQLException e) {
                if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                    throw e;
                }
                if (!c.getAutoCommit()) {
                    exec(c, "ROLLBACK TO SAVEPOINT w");
                }
            }
        }
    }

    /** Waits until {@code task} finished or the backend {@code pid} waits for a lock. */
    private static void awaitDoneOrLockWait(Connection observer, long pid, Future<?> task) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (task.isDone() || "Lock".equals(Jdbc.string(observer, "SELECT wait_event_type FROM pg_stat_activity WHERE pid = " + pid))) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("backend " + pid + " neither finished nor waited for a lock");
    }
}

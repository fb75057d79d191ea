package dev.tviews.common.runtime;

import static dev.tviews.common.runtime.RuntimeFixture.staleTViews;
import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import dev.tviews.testsupport.TestServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pg_dump, then pg_restore into an empty database, keeps every TVIEW maintained: the registrations, lineage,
 * generated functions (with their rights) and triggers come back as they were, the health check finds
 * nothing to repair, every TVIEW is exact, and writes keep them exact.
 *
 * <p>Needs pg_dump and pg_restore of the server's major version ({@link PgClientTools}); without them it fails
 * saying what to install. The embedded binaries ship no client tools, so common's pom excludes this test from
 * ordinary runs and {@code .ci/run} runs it alone: on Debian, {@code apt-get install postgresql-client-15} and
 * {@code ./mvnw -B verify -pl common -am -Dpg.version=15 -Dtest=DumpRestoreTest}.
 */
@PostgresTest
class DumpRestoreTest {

    private static final String TARGET = "tviews_restored";

    @Test
    void aRestoredDatabaseKeepsEveryTViewMaintained(TestServer server, TestDatabase db, @TempDir Path dir)
            throws SQLException, IOException, InterruptedException {
        PgClientTools tools = clientTools(db.serverMajorVersion());
        BlogSchema blog = new BlogSchema("dump");
        try (Connection c = RuntimeFixture.connectWithRuntime(db)) {
            blog.create(c);
            // an auto-converted entity with user-edited fk_columns and a full-refresh option too
            exec(c, """
                    CREATE TABLE dump.tb_badge (pk_badge BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                                                holder BIGINT NOT NULL, title TEXT NOT NULL);
                    CREATE TABLE dump.tv_badge (pk_badge BIGINT PRIMARY KEY, holder BIGINT, data JSONB);
                    INSERT INTO dump.tb_badge (holder, title) VALUES (1, 'first'), (2, 'second');
                    """);
            assertThat(lines(c, "SELECT entity, status FROM pg_tviews_auto_convert('dump') WHERE entity = 'badge'"))
                    .containsExactly("badge|CREATED");
            exec(c, "UPDATE pg_tview_meta SET fk_columns = '{holder=user}' WHERE entity_name = 'badge'",
                    "SELECT pg_tviews_create_or_replace('dump.dump_stats', $q$SELECT u.pk_user AS pk_dump_stats, "
                            + "(SELECT count(*) FROM dump.tb_badge) AS badges FROM dump.tb_user u$q$, "
                            + "'{\"full_refresh\": [\"dump.tb_badge\"]}')");
            blog.write(c);
            assertThat(staleTViews(c)).isEmpty();
            assertThat(problems(c)).isEmpty();
            Map<String, List<String>> before = snapshot(c);

            Path dump = dir.resolve("tviews.dump");
            run(tools.pgDump(), db, List.of("--format=custom", "--file=" + dump, db.name()));
            try (Connection admin = server.connectAdmin()) {
                exec(admin, "DROP DATABASE IF EXISTS " + TARGET, "CREATE DATABASE " + TARGET + " TEMPLATE template0 ENCODING 'UTF8'");
            }
            try {
                TestDatabase target = server.database(TARGET);
                run(tools.pgRestore(), target, List.of("--exit-on-error", "--dbname=" + TARGET, dump.toString()));

                try (Connection r = target.connect()) {
                    Map<String, List<String>> after = snapshot(r);
                    for (String part : before.keySet()) {
                        assertThat(after.get(part)).as(part + " after restore").isEqualTo(before.get(part));
                    }
                    assertThat(problems(r)).as("nothing to repair").isEmpty();
                    assertThat(staleTViews(r)).isEmpty();

                    blog.write(r);
                    exec(r, "INSERT INTO dump.tb_badge (holder, title) VALUES (3, 'third')",
                            "UPDATE dump.tb_badge SET holder = 2 WHERE pk_badge = 1",
                            "DELETE FROM dump.tb_tag WHERE fk_post = 1",
                            "TRUNCATE dump.tb_tag");
                    assertThat(staleTViews(r)).isEmpty();
                    assertThat(lines(r, "SELECT count(*) FROM dump.tv_dump_post")).containsExactly("5");
                    assertThat(lines(r, "SELECT DISTINCT badges FROM dump.tv_dump_stats")).containsExactly("3");
                    assertThat(problems(r)).isEmpty();
                }
            } finally {
                try (Connection admin = server.connectAdmin()) {
                    exec(admin, "DROP DATABASE IF EXISTS " + TARGET + " WITH (FORCE)");
                }
            }
        }
    }

    /** The client tools of the server's major; without them the test fails, saying what to install. */
    private static PgClientTools clientTools(int major) {
        Optional<PgClientTools> tools = PgClientTools.find(major);
        if (tools.isPresent()) {
            return tools.get();
        }
        String message = "no pg_dump/pg_restore of PostgreSQL " + major + " found (looked in " + PgClientTools.where(major)
                + "); pg_dump refuses a newer server. Install the client tools of that major (Debian: apt-get install "
                + "postgresql-client-" + major + ") or run with -Dpg.version=<a major whose pg_dump you have>";
        return fail(message);
    }

    /** Runs a client tool against {@code db}; fails with its output when it exits with an error. */
    private static void run(Path tool, TestDatabase db, List<String> args) throws IOException, InterruptedException {
        URI uri = URI.create(db.jdbcUrl().substring("jdbc:".length()));
        List<String> command = new ArrayList<>(List.of(tool.toString(), "--host=" + uri.getHost(),
                "--port=" + (uri.getPort() < 0 ? 5432 : uri.getPort()), "--username=" + db.user(), "--no-password"));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (db.password() != null && !db.password().isEmpty()) {
            pb.environment().put("PGPASSWORD", db.password());
        }
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("%s finished", command).isTrue();
        assertThat(p.exitValue()).as("%s exit code; output:%n%s", command, output).isZero();
    }

    /** Everything a TVIEW's maintenance consists of, by name (OIDs differ after a restore). */
    private static Map<String, List<String>> snapshot(Connection c) throws SQLException {
        Map<String, List<String>> s = new LinkedHashMap<>();
        s.put("runtime", lines(c, "SELECT version, schema_name FROM pg_tview_runtime"));
        s.put("pg_tview_meta", lines(c, """
                SELECT entity_name, schema_name, tview_oid::text, view_oid::text, definition, normalized_definition, key_column,
                       key_source::text, key_source_column, fk_columns::text, options::text, default_view, table_created,
                       reads_tviews::text, generated_functions::text, fingerprint
                  FROM pg_tview_meta ORDER BY 1"""));
        s.put("pg_tview_source", lines(c, """
                SELECT entity_name, source_oid::text, ordinal, columns_read::text, refresh_mode, key_mapping
                  FROM pg_tview_source ORDER BY 1, 3"""));
        s.put("pg_tview_meta_audit", lines(c, "SELECT audit_id, entity_name, operation, new_definition FROM pg_tview_meta_audit ORDER BY 1"));
        s.put("generated functions", lines(c, """
                SELECT p.oid::regprocedure::text, p.prosecdef, p.proconfig::text, pg_get_userbyid(p.proowner), coalesce(p.proacl::text, '')
                  FROM pg_tview_meta m, unnest(m.generated_functions) f
                  JOIN pg_proc p ON p.oid = to_regprocedure(f) ORDER BY 1"""));
        s.put("triggers", lines(c, """
                SELECT t.tgname, t.tgrelid::regclass::text, t.tgfoid::regprocedure::text, t.tgenabled, t.tgtype
                  FROM pg_trigger t WHERE t.tgname LIKE 'tviews\\_%' ORDER BY 1, 2"""));
        s.put("runtime functions", lines(c, """
                SELECT p.oid::regprocedure::text, p.proconfig::text, coalesce(p.proacl::text, '')
                  FROM pg_proc p WHERE p.proname LIKE 'pg\\_tviews\\_%' OR p.proname LIKE '\\_tviews\\_%' ORDER BY 1"""));
        for (String table : lines(c, "SELECT tview_oid::text FROM pg_tview_meta ORDER BY 1")) {
            s.put(table, lines(c, "SELECT t::text FROM " + table + " t ORDER BY 1"));
        }
        return s;
    }

    private static List<String> problems(Connection c) throws SQLException {
        return lines(c, "SELECT component || ': ' || message FROM pg_tviews_health_check(repair => false) WHERE status <> 'OK'");
    }
}

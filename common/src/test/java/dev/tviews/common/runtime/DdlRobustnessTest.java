package dev.tviews.common.runtime;

import static dev.tviews.common.runtime.RuntimeFixture.errorMessage;
import static dev.tviews.common.runtime.RuntimeFixture.sqlState;
import static dev.tviews.common.runtime.RuntimeFixture.staleTViews;
import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.lines;
import static dev.tviews.testsupport.Jdbc.number;
import static dev.tviews.testsupport.Jdbc.rows;
import static dev.tviews.testsupport.Jdbc.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.common.ConversionResult;
import dev.tviews.common.ConversionStatus;
import dev.tviews.common.config.TViewsConfig;
import dev.tviews.common.orchestration.RunReport;
import dev.tviews.common.orchestration.TViewsOrchestrator;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DDL under TVIEWs: dropping a table a TVIEW reads (refused without CASCADE; with it, the registration is
 * removed by the next health check or conversion and writes to the other tables work again), dropping a
 * tv_ table, and renaming a column a TVIEW reads (the next write fails and rolls back whole until the health
 * check or a conversion regenerates the code from the view; then writes keep every TVIEW exact).
 */
@PostgresTest
class DdlRobustnessTest {

    /** Tables and a hand-written view in the auto-convert style: the tv_ table is the user's. */
    private static final String ITEMS = """
            CREATE SCHEMA %1$s;
            CREATE TABLE %1$s.tb_item (pk_item BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name TEXT NOT NULL);
            CREATE TABLE %1$s.tb_label (pk_label BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                                        fk_item BIGINT NOT NULL REFERENCES %1$s.tb_item, label TEXT NOT NULL);
            CREATE TABLE %1$s.tb_note (pk_note BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                                       fk_item BIGINT REFERENCES %1$s.tb_item, body TEXT NOT NULL);
            CREATE TABLE %1$s.tv_item (pk_item BIGINT PRIMARY KEY, name TEXT, labels TEXT);
            CREATE TABLE %1$s.tv_note (pk_note BIGINT PRIMARY KEY, body TEXT, item TEXT);
            CREATE VIEW %1$s.v_item AS
                SELECT i.pk_item, i.name, (SELECT string_agg(l.label, ',' ORDER BY l.label) FROM %1$s.tb_label l
                                            WHERE l.fk_item = i.pk_item) AS labels
                  FROM %1$s.tb_item i;
            CREATE VIEW %1$s.v_note AS
                SELECT n.pk_note, n.body, i.name AS item FROM %1$s.tb_note n LEFT JOIN %1$s.tb_item i ON i.pk_item = n.fk_item;
            INSERT INTO %1$s.tb_item (name) VALUES ('pen'), ('ink');
            INSERT INTO %1$s.tb_label (fk_item, label) VALUES (1, 'blue'), (1, 'cheap'), (2, 'black');
            INSERT INTO %1$s.tb_note (fk_item, body) VALUES (1, 'leaks'), (NULL, 'loose');
            """;

    @BeforeAll
    static void runtime(TestDatabase db) throws SQLException {
        RuntimeFixture.connectWithRuntime(db).close();
    }

    @Test
    void droppingATableATViewReadsIsRefusedWithoutCascade(TestDatabase db) throws SQLException {
        onBlog(db, "dr1", (c, blog) -> {
            assertThat(errorMessage(c, "2BP01", "DROP TABLE dr1.tb_tag"))
                    .contains("cannot drop table dr1.tb_tag because other objects depend on it")
                    .contains("view dr1.v_dr1_post depends on table dr1.tb_tag");
            assertThat(lines(c, "SELECT component FROM pg_tviews_health_check() WHERE status <> 'OK'")).isEmpty();
            blog.write(c);
            assertThat(staleTViews(c)).isEmpty();
        });
    }

    @Test
    void withCascadeTheNextHealthCheckRemovesTheRegistrationAndWritesWorkAgain(TestDatabase db) throws SQLException {
        onBlog(db, "dr2", (c, blog) -> {
            exec(c, "DROP TABLE dr2.tb_tag CASCADE");
            assertThat(string(c, "SELECT to_regclass('dr2.v_dr2_post')")).as("CASCADE dropped the view").isNull();

            // Until the cleanup, the triggers left on tb_post and tb_user find their view gone and let
            // the write through: the other TVIEWs stay maintained, the broken one has nothing to keep.
            assertThat(sqlState(c, "UPDATE dr2.tb_user SET name = 'x' WHERE pk_user = 1")).isNull();
            assertThat(verify(c, "dr2_author")).isEqualTo("0|0|0");
            assertThat(sqlState(c, "SELECT * FROM pg_tviews_verify('dr2_post')")).isEqualTo("55000");

            assertThat(lines(c, "SELECT status, component FROM pg_tviews_health_check(repair => false) WHERE status <> 'OK'"))
                    .containsExactly("ERROR|tview dr2_post");
            List<String> line = lines(c, "SELECT status || '|' || message FROM pg_tviews_health_check() WHERE status <> 'OK'");
            assertThat(line).singleElement().asString()
                    .startsWith("ERROR|its view dr2.v_dr2_post was dropped together with 1 of the 3 table(s) it read")
                    .contains("it cannot be registered again (relation \"tb_tag\" does not exist)")
                    .contains("so the registration was removed, with its triggers and generated functions")
                    .contains("dr2.tv_dr2_post was dropped (tviews had created it)")
                    .endsWith("pg_tviews_create('dr2_post', select_sql) registers it again");

            assertThat(lines(c, "SELECT entity_name FROM pg_tview_meta WHERE schema_name = 'dr2' ORDER BY 1"))
                    .containsExactly("dr2_author", "dr2_feed");
            assertThat(leftoverCode(c, "dr2_post")).isEmpty();
            assertThat(string(c, "SELECT to_regclass('dr2.tv_dr2_post')")).isNull();
            assertThat(rows(c, "SELECT operation, details->>'reason' FROM pg_tview_meta_audit WHERE entity_name = 'dr2_post' "
                    + "ORDER BY audit_id DESC LIMIT 1")).containsExactly(List.of("cleanup", "view dropped: relation \"tb_tag\" does not exist"));

            // writes to the other tables it read work again, and the other TVIEWs stay exact
            exec(c, "UPDATE dr2.tb_user SET name = 'x' WHERE pk_user = 1",
                    "INSERT INTO dr2.tb_post (fk_user, title) VALUES (3, 'new')",
                    "UPDATE dr2.tb_post SET fk_user = 2 WHERE pk_post = 1",
                    "DELETE FROM dr2.tb_post WHERE pk_post = 3");
            assertThat(staleTViews(c)).isEmpty();
            assertThat(lines(c, "SELECT name, posts FROM dr2.tv_dr2_feed ORDER BY 1")).containsExactly("BEN|1", "CID|1", "X|1");
            assertThat(lines(c, "SELECT component FROM pg_tviews_health_check() WHERE status <> 'OK'")).isEmpty();
        });
    }

    @Test
    void aRegistrationBrokenByCascadeCanAlsoBeDroppedByHand(TestDatabase db) throws SQLException {
        onBlog(db, "dr7", (c, blog) -> {
            exec(c, "DROP TABLE dr7.tb_tag CASCADE");
            exec(c, "SELECT pg_tviews_drop('dr7_post')");
            assertThat(number(c, "SELECT count(*) FROM pg_tview_meta WHERE entity_name = 'dr7_post'")).isZero();
            assertThat(leftoverCode(c, "dr7_post")).isEmpty();
            assertThat(string(c, "SELECT to_regclass('dr7.tv_dr7_post')")).isNull();
            exec(c, "UPDATE dr7.tb_user SET name = 'x' WHERE pk_user = 1", "UPDATE dr7.tb_post SET fk_user = 3 WHERE pk_post = 1",
                    "DELETE FROM dr7.tb_post WHERE pk_post = 3");
            assertThat(staleTViews(c)).isEmpty();
        });
    }

    @Test
    void generatedCodeCanAskWhetherItsViewIsGoneOrRenamed(TestDatabase db) throws SQLException {
        onBlog(db, "dr8", (c, blog) -> {
            assertThat(string(c, "SELECT _tviews_view_dropped('not_registered')")).isEqualTo("t");
            exec(c, "ALTER VIEW dr8.v_dr8_author RENAME TO v_renamed");
            assertThat(errorMessage(c, "55000", "SELECT _tviews_view_dropped('dr8_author')"))
                    .contains("tviews: the view of TVIEW dr8_author was renamed to dr8.v_renamed; "
                    + "its maintenance code names dr8.v_dr8_author").contains("pg_tviews_health_check()");
            exec(c, "DROP VIEW dr8.v_renamed");
            assertThat(string(c, "SELECT _tviews_view_dropped('dr8_author')")).isEqualTo("t");
            assertThat(lines(c, "SELECT status FROM pg_tviews_health_check() WHERE component = 'tview dr8_author'"))
                    .containsExactly("WARNING");
        });
    }

    @Test
    void withCascadeAutoConvertRemovesTheRegistrationAndAdoptsTheUsersTableAgain(TestDatabase db) throws SQLException {
        onItems(db, "dr3", "item", "note", c -> {
            exec(c, "DROP TABLE dr3.tb_label CASCADE", "DROP TABLE dr3.tb_note CASCADE");
            assertThat(sqlState(c, "UPDATE dr3.tb_item SET name = name")).as("leftover triggers").isNull();

            List<List<String>> report = rows(c, "SELECT entity, status, message FROM pg_tviews_auto_convert('dr3') ORDER BY 1");
            assertThat(report).extracting(r -> r.get(0) + "|" + r.get(1)).containsExactly("item|CREATED", "note|SKIPPED");
            // item: the user's tv_item is kept, and converted again with a view generated from tb_item
            assertThat(report.get(0).get(2))
                    .startsWith("its view dr3.v_item was dropped together with 1 of the 2 table(s) it read")
                    .contains("the registration was removed").contains("dr3.tv_item is kept as a plain table (it was yours)")
                    .contains("; then: created dr3.tv_item from generated view dr3.v_item (2 rows)");
            // note: its own table is gone too, so there is nothing to generate a view from
            assertThat(report.get(1).get(2))
                    .startsWith("its view dr3.v_note was dropped together with 1 of the 2 table(s) it read")
                    .contains("dr3.tv_note is kept as a plain table (it was yours)")
                    .endsWith("; then: no view dr3.v_note and no table dr3.tb_note to generate one from");
            assertThat(lines(c, "SELECT entity_name, default_view FROM pg_tview_meta WHERE schema_name = 'dr3'"))
                    .containsExactly("item|t");
            assertThat(leftoverCode(c, "note")).isEmpty();

            exec(c, "UPDATE dr3.tb_item SET name = 'x' WHERE pk_item = 1", "INSERT INTO dr3.tb_item (name) VALUES ('cap')");
            assertThat(staleTViews(c)).isEmpty();
            assertThat(lines(c, "SELECT pk_item, name FROM dr3.tv_item ORDER BY 1")).containsExactly("1|x", "2|ink", "3|cap");
            // a second run finds nothing to clean up
            assertThat(lines(c, "SELECT entity, status FROM pg_tviews_auto_convert('dr3') ORDER BY 1"))
                    .containsExactly("item|UNCHANGED", "note|SKIPPED");
        });
    }

    @Test
    void theOrchestratorCleansUpBeforeConvertingEntityByEntity(TestDatabase db) throws SQLException {
        onItems(db, "dr4", "ware", "memo", c -> {
            exec(c, "DROP TABLE dr4.tv_memo");
            assertThat(sqlState(c, "UPDATE dr4.tb_memo SET body = 'x'")).as("leftover triggers").isEqualTo("42P01");

            // excluding an entity makes the orchestrator convert entity by entity (not through pg_tviews_auto_convert)
            RunReport report = new TViewsOrchestrator(c).run(
                    new TViewsConfig("public", List.of("dr4"), null, List.of("ware"), true, null));
            assertThat(report.results()).extracting(r -> r.entity() + "=" + r.status())
                    .containsExactly("memo=SKIPPED", "ware=SKIPPED");
            ConversionResult memo = report.results().get(0);
            assertThat(memo.status()).isEqualTo(ConversionStatus.SKIPPED);
            assertThat(memo.message()).startsWith("its table dr4.tv_memo was dropped; registration removed, with its triggers and "
                    + "generated functions (view dr4.v_memo kept)");
            assertThat(leftoverCode(c, "memo")).isEmpty();
            exec(c, "UPDATE dr4.tb_memo SET body = 'x'");
            assertThat(staleTViews(c)).isEmpty();
        });
    }

    @Test
    void renamingAColumnFailsWritesUntilTheHealthCheckRegeneratesTheCode(TestDatabase db) throws SQLException {
        onBlog(db, "dr5", (c, blog) -> {
            exec(c, "ALTER TABLE dr5.tb_user RENAME COLUMN name TO full_name");
            // the views follow the rename (PostgreSQL stores column numbers), the generated code names columns
            assertThat(string(c, "SELECT pg_get_viewdef('dr5.v_dr5_author')")).contains("full_name AS name");
            assertThat(errorMessage(c, "42703", "UPDATE dr5.tb_user SET full_name = 'x' WHERE pk_user = 1"))
                    .contains("column \"name\" does not exist").contains("tviews_dr5_");
            assertThat(string(c, "SELECT full_name FROM dr5.tb_user WHERE pk_user = 1")).as("rolled back").isEqualTo("ann");
            assertThat(staleTViews(c)).isEmpty();

            // the registered text names the old column: re-registering it as it was is refused
            assertThat(sqlState(c, "SELECT pg_tviews_create('dr5.dr5_author', $q$" + blog.authorSelect() + "$q$)")).isEqualTo("42703");

            assertThat(lines(c, "SELECT component || '|' || status FROM pg_tviews_health_check() WHERE status <> 'OK' ORDER BY 1"))
                    .containsExactly("tview dr5_author|WARNING", "tview dr5_post|WARNING");
            assertThat(lines(c, "SELECT component FROM pg_tviews_health_check() WHERE status <> 'OK'")).isEmpty();
            assertThat(string(c, "SELECT definition FROM pg_tview_meta WHERE entity_name = 'dr5_author'")).contains("full_name AS name");
            blog.write(c, "full_name");
            assertThat(staleTViews(c)).isEmpty();
            assertThat(string(c, "SELECT author FROM dr5.tv_dr5_post WHERE pk_dr5_post = 1")).isEqualTo("ann+");
        });
    }

    @Test
    void renamingAForeignKeyColumnIsRepairedByAutoConvert(TestDatabase db) throws SQLException {
        onItems(db, "dr6", "good", "remark", c -> {
            exec(c, "ALTER TABLE dr6.tb_remark RENAME COLUMN fk_good TO about");
            assertThat(sqlState(c, "UPDATE dr6.tb_remark SET about = 2 WHERE pk_remark = 1")).isEqualTo("42703");

            List<List<String>> report = rows(c, "SELECT entity, status, message FROM pg_tviews_auto_convert('dr6') ORDER BY 1");
            assertThat(report).extracting(r -> r.get(0) + "|" + r.get(1)).containsExactly("good|UNCHANGED", "remark|REPLACED");
            // re-parenting through the renamed column refreshes the row; the FOREIGN KEY still links it
            exec(c, "UPDATE dr6.tb_remark SET about = 2 WHERE pk_remark = 1", "UPDATE dr6.tb_good SET name = 'nib' WHERE pk_good = 2",
                    "UPDATE dr6.tb_remark SET about = NULL WHERE pk_remark = 1", "UPDATE dr6.tb_remark SET about = 1 WHERE pk_remark = 2");
            assertThat(staleTViews(c)).isEmpty();
            assertThat(lines(c, "SELECT pk_remark, good FROM dr6.tv_remark ORDER BY 1")).containsExactly("1|null", "2|pen");
            assertThat(lines(c, "SELECT component FROM pg_tviews_health_check(repair => false) WHERE status <> 'OK'")).isEmpty();
        });
    }

    @FunctionalInterface
    private interface OnConnection {
        void run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    private interface OnBlog {
        void run(Connection c, BlogSchema blog) throws SQLException;
    }

    /** Runs {@code test} on the TVIEWs of a {@link BlogSchema} in {@code schema}, dropped afterwards. */
    private static void onBlog(TestDatabase db, String schema, OnBlog test) throws SQLException {
        BlogSchema blog = new BlogSchema(schema);
        try (Connection c = db.connect()) {
            blog.create(c);
            try {
                test.run(c, blog);
            } finally {
                blog.drop(c);
            }
        }
    }

    /**
     * Runs {@code test} on {@link #ITEMS} in {@code schema}, its entities named {@code item} and {@code note}, once
     * pg_tviews_auto_convert has created both; drops them and the schema afterwards.
     */
    private static void onItems(TestDatabase db, String schema, String item, String note, OnConnection test) throws SQLException {
        try (Connection c = db.connect()) {
            exec(c, ITEMS.formatted(schema).replace("item", item).replace("note", note));
            assertThat(lines(c, "SELECT entity, status FROM pg_tviews_auto_convert('" + schema + "') ORDER BY 1"))
                    .containsExactlyElementsOf(Stream.of(item, note).sorted().map(e -> e + "|CREATED").toList());
            try {
                test.run(c);
            } finally {
                exec(c, "SELECT pg_tviews_drop(e, if_exists => true) FROM unnest(ARRAY['" + item + "', '" + note + "']) e",
                        "DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static String verify(Connection c, String entity) throws SQLException {
        return string(c, "SELECT missing_rows || '|' || extra_rows || '|' || differing_rows FROM pg_tviews_verify('" + entity + "')");
    }

    /** Triggers and functions generated for an entity that still exist. */
    private static List<String> leftoverCode(Connection c, String entity) throws SQLException {
        return lines(c, "SELECT tgname FROM pg_trigger WHERE tgname LIKE 'tviews\\_" + entity + "\\_%' "
                + "UNION ALL SELECT proname FROM pg_proc WHERE proname LIKE 'tviews\\_" + entity + "\\_%'");
    }
}

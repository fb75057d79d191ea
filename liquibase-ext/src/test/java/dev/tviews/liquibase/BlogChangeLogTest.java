package dev.tviews.liquibase;

import static dev.tviews.liquibase.Sql.staleTViews;
import static dev.tviews.testsupport.Jdbc.column;
import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.number;
import static dev.tviews.testsupport.Jdbc.rows;
import static dev.tviews.testsupport.Jdbc.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.common.TViewsVersion;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import dev.tviews.testsupport.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The integration guide's blog schema through real Liquibase updates, in each changelog format:
 * autoConvert, a createTView reading other TVIEWs, refresh, rollback, and a second update that
 * changes nothing.
 */
@PostgresTest
class BlogChangeLogTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"xml", "yaml", "json"})
    void blogSchema(String format, TestServer server) throws Exception {
        String changeLog = "e2e/blog/changeLog." + format;
        try (ScratchDatabase scratch = ScratchDatabase.create(server, "blog_" + format)) {
            TestDatabase db = scratch.database();

            Liquibases.update(db, changeLog);

            assertThat(column(db, "SELECT entity_name FROM pg_tview_meta ORDER BY 1"))
                    .containsExactly("comment", "post", "post_feed", "user");
            assertThat(string(db, "SELECT pg_tviews_version()")).isEqualTo(TViewsVersion.current().runtime());
            assertThat(rows(db, "SELECT pk_post_feed::text, title, author FROM tv_post_feed ORDER BY 1"))
                    .containsExactly(List.of("1", "Hello", "Alice"), List.of("2", "Second", "Bob"));
            assertThat(string(db, "SELECT data->>'text' FROM tv_comment WHERE pk_comment = 1")).isEqualTo("Nice");
            assertThat(staleTViews(db)).isEmpty();

            // Rolling back the refresh (nothing to undo) and the createTView removes post_feed completely.
            Liquibases.rollbackCount(db, changeLog, 2);
            assertThat(column(db, "SELECT entity_name FROM pg_tview_meta ORDER BY 1")).containsExactly("comment", "post", "user");
            assertThat(string(db, "SELECT to_regclass('public.v_post_feed')::text")).isNull();
            assertThat(string(db, "SELECT to_regclass('public.tv_post_feed')::text")).isNull();
            assertThat(number(db, "SELECT count(*) FROM pg_proc WHERE proname LIKE 'tviews\\_post\\_feed\\_%'")).isZero();
            assertThat(column(db, "SELECT id FROM databasechangelog ORDER BY orderexecuted"))
                    .containsExactly("1-base-tables", "2-tv-tables", "3-seed", "4-convert");

            // Back again; then an update with nothing pending changes nothing (autoConvert runs and finds it all current).
            Liquibases.update(db, changeLog);
            assertThat(column(db, "SELECT entity_name FROM pg_tview_meta ORDER BY 1"))
                    .containsExactly("comment", "post", "post_feed", "user");
            List<List<String>> registrations = rows(db, "SELECT entity_name, definition, fingerprint, updated_at::text FROM pg_tview_meta ORDER BY 1");
            List<List<String>> history = rows(db, "SELECT id, md5sum FROM databasechangelog ORDER BY id");
            long audits = number(db, "SELECT count(*) FROM pg_tview_meta_audit");
            List<List<String>> feed = rows(db, "SELECT * FROM tv_post_feed ORDER BY 1");
            List<List<String>> users = rows(db, "SELECT * FROM tv_user ORDER BY 1");

            Liquibases.update(db, changeLog);

            assertThat(rows(db, "SELECT entity_name, definition, fingerprint, updated_at::text FROM pg_tview_meta ORDER BY 1"))
                    .isEqualTo(registrations);
            assertThat(rows(db, "SELECT id, md5sum FROM databasechangelog ORDER BY id")).isEqualTo(history);
            assertThat(number(db, "SELECT count(*) FROM pg_tview_meta_audit")).isEqualTo(audits);
            assertThat(rows(db, "SELECT * FROM tv_post_feed ORDER BY 1")).isEqualTo(feed);
            assertThat(rows(db, "SELECT * FROM tv_user ORDER BY 1")).isEqualTo(users);
            assertThat(string(db, "SELECT exectype FROM databasechangelog WHERE id = '4-convert'")).isEqualTo("RERAN");

            // Cascade: a change to tb_user reaches post_feed through tv_user, in the writing transaction.
            exec(db, "UPDATE tb_user SET name = 'Alicia' WHERE email = 'alice@example.com'");
            assertThat(string(db, "SELECT author FROM tv_post_feed WHERE pk_post_feed = 1")).isEqualTo("Alicia");
            exec(db, "INSERT INTO tb_post (fk_user, title, content) VALUES (2, 'Third', 'Post')");
            assertThat(rows(db, "SELECT title, author FROM tv_post_feed WHERE pk_post_feed = 3"))
                    .containsExactly(List.of("Third", "Bob"));
            assertThat(staleTViews(db)).isEmpty();
        }
    }

    /** With another default schema, the runtime, the conversion and the TVIEWs all go there. */
    @Test
    void defaultSchema(TestServer server) throws Exception {
        try (ScratchDatabase scratch = ScratchDatabase.create(server, "blog_schema")) {
            TestDatabase db = scratch.database();
            exec(db, "CREATE SCHEMA app");

            Liquibases.run(Liquibases.command("update", db, "e2e/blog/changeLog.xml").addArgumentValue("defaultSchemaName", "app"));

            assertThat(string(db, "SELECT schema_name FROM app.pg_tview_runtime")).isEqualTo("app");
            assertThat(string(db, "SELECT to_regclass('public.pg_tview_runtime')::text")).isNull();
            assertThat(rows(db, "SELECT entity_name, schema_name FROM app.pg_tview_meta ORDER BY 1")).containsExactly(
                    List.of("comment", "app"), List.of("post", "app"), List.of("post_feed", "app"), List.of("user", "app"));
            exec(db, "UPDATE app.tb_user SET name = 'Alicia' WHERE pk_user = 1");
            assertThat(string(db, "SELECT author FROM app.tv_post_feed WHERE pk_post_feed = 1")).isEqualTo("Alicia");
        }
    }
}

package dev.tviews.common.runtime;

import static dev.tviews.common.runtime.RuntimeFixture.staleTViews;
import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.number;
import static dev.tviews.testsupport.Jdbc.rows;
import static dev.tviews.testsupport.Jdbc.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.testsupport.Blog;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The user's integration guide, step by step, against the runtime (no C extension). */
@PostgresTest
class IntegrationGuideTest {



    @Test
    void theGuideWorksStepByStep(TestDatabase db) throws Exception {
        try (Connection c = RuntimeFixture.connectWithRuntime(db)) {
            // 1-2. base schema and tv_ tables
            exec(c, Blog.baseTables(), Blog.tvTables());

            // 3. dry run: the plan names each entity with its base table and backing view, and changes nothing
            assertThat(rows(c, "SELECT entity, base_table, backing_view FROM pg_tviews_auto_convert_plan() ORDER BY entity"))
                    .containsExactly(
                            List.of("comment", "public.tb_comment", "public.v_comment"),
                            List.of("post", "public.tb_post", "public.v_post"),
                            List.of("user", "public.tb_user", "public.v_user"));
            assertThat(number(c, "SELECT count(*) FROM pg_tview_meta")).isZero();
            assertThat(number(c, "SELECT count(*) FROM pg_views WHERE viewname LIKE 'v\\_%'")).isZero();

            // 4. convert
            assertThat(rows(c, "SELECT entity, status FROM pg_tviews_auto_convert() ORDER BY entity"))
                    .containsExactly(List.of("comment", "CREATED"), List.of("post", "CREATED"), List.of("user", "CREATED"));
            // ... and again: nothing changes
            assertThat(rows(c, "SELECT entity, status FROM pg_tviews_auto_convert() ORDER BY entity"))
                    .containsExactly(List.of("comment", "UNCHANGED"), List.of("post", "UNCHANGED"), List.of("user", "UNCHANGED"));

            // 5. registered TVIEWs
            assertThat(rows(c, "SELECT entity_name, tview_oid::text FROM pg_tview_meta ORDER BY entity_name"))
                    .containsExactly(List.of("comment", "tv_comment"), List.of("post", "tv_post"), List.of("user", "tv_user"));

            // 6. seed data with TVIEWs active
            exec(c, "INSERT INTO tb_user (email, name) VALUES ('alice@example.com', 'Alice'), ('bob@example.com', 'Bob')",
                    "INSERT INTO tb_post (fk_user, title, content) VALUES (1, 'Hello', 'World'), (2, 'Second', 'Post')",
                    "INSERT INTO tb_comment (fk_post, fk_user, text) VALUES (1, 2, 'Nice')");
            assertThat(string(c, "SELECT data->>'name' FROM tv_user WHERE pk_user = 1")).isEqualTo("Alice");
            assertThat(string(c, "SELECT data->>'title' FROM tv_post WHERE pk_post = 2")).isEqualTo("Second");
            assertThat(string(c, "SELECT data->>'text' FROM tv_comment WHERE pk_comment = 1")).isEqualTo("Nice");
            assertThat(number(c, "SELECT count(*) FROM tv_user WHERE created_at IS NOT NULL AND updated_at IS NOT NULL")).isEqualTo(2);

            // metadata: fk_columns edits are accepted, re-derive, and are audited
            exec(c, "UPDATE pg_tview_meta SET fk_columns = '{fk_user}'::TEXT[] WHERE entity_name = 'post'",
                    "UPDATE pg_tview_meta SET fk_columns = '{fk_user,fk_post}'::TEXT[] WHERE entity_name = 'comment'");
            assertThat(string(c, "SELECT fk_columns::text FROM pg_tview_meta WHERE entity_name = 'comment'")).isEqualTo("{fk_user,fk_post}");
            assertThat(number(c, "SELECT count(*) FROM pg_tview_meta_audit WHERE operation LIKE 'fk_columns:%'")).isEqualTo(2);

            // custom backing view, then re-register with another SELECT (replaces the definition)
            exec(c, "DROP VIEW IF EXISTS v_post",
                    "CREATE VIEW v_post AS SELECT pk_post, id, fk_user, title, content FROM tb_post");
            assertThat(string(c, """
                    SELECT pg_tviews_create('post', $$
                        SELECT
                            pk_post,
                            jsonb_build_object(
                                'id', id,
                                'title', title,
                                'content', content,
                                'fk_user', fk_user
                            ) AS data
                        FROM tb_post
                    $$)""")).isEqualTo("replaced");
            assertThat(string(c, "SELECT data->>'fk_user' FROM tv_post WHERE pk_post = 1")).isEqualTo("1");
            assertThat(number(c, "SELECT count(*) FROM information_schema.views WHERE table_name ~ '^v_'")).isEqualTo(3);

            // automatic refresh
            exec(c, "INSERT INTO tb_user (email, name) VALUES ('carol@example.com', 'Carol')");
            assertThat(string(c, "SELECT data->>'email' FROM tv_user WHERE data->>'name' = 'Carol'")).isEqualTo("carol@example.com");
            String post1Before = string(c, "SELECT updated_at::text FROM tv_post WHERE pk_post = 1");
            String post2Before = string(c, "SELECT updated_at::text FROM tv_post WHERE pk_post = 2");
            exec(c, "UPDATE tb_post SET title = 'Hello again' WHERE pk_post = 1");
            assertThat(string(c, "SELECT data->>'title' FROM tv_post WHERE pk_post = 1")).isEqualTo("Hello again");
            // updated_at moves only for the row whose content changed
            assertThat(string(c, "SELECT updated_at::text FROM tv_post WHERE pk_post = 1")).isGreaterThan(post1Before);
            assertThat(string(c, "SELECT updated_at::text FROM tv_post WHERE pk_post = 2")).isEqualTo(post2Before);

            // the queue is real and empty when nothing is pending
            assertThat(number(c, "SELECT count(*) FROM pg_tview_queue")).isZero();
            assertThat(staleTViews(c)).isEmpty();
            assertThat(rows(c, "SELECT status FROM pg_tviews_health_check()")).allMatch(r -> r.get(0).equals("OK"));
        }
    }
}

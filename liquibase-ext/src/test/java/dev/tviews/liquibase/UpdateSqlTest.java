package dev.tviews.liquibase;

import static dev.tviews.testsupport.Jdbc.column;
import static dev.tviews.testsupport.Jdbc.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.common.TViewsVersion;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestServer;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** update-sql shows the SQL that update runs: the runtime install when needed, then the runtime calls. */
@PostgresTest
class UpdateSqlTest {

    private static final String CHANGE_LOG = "e2e/blog/changeLog.xml";

    @Test
    void showsTheInstallOnceAndEveryRuntimeCall(TestServer server) throws Exception {
        try (ScratchDatabase scratch = ScratchDatabase.create(server, "updatesql")) {
            String sql = Liquibases.updateSql(scratch.database(), CHANGE_LOG);

            assertThat(sql).containsOnlyOnce("-- tviews: install the tviews runtime " + TViewsVersion.current().runtime() + " into schema public\n");
            assertThat(sql).containsOnlyOnce("CREATE TABLE IF NOT EXISTS pg_tview_meta (");
            assertThat(sql).contains("SELECT public.pg_tviews_create_or_replace('post_feed', $tviews$SELECT p.pk_post AS pk_post_feed,\n"
                    + "     u.pk_user AS fk_user,\n");
            assertThat(sql).contains("JOIN tv_user u ON u.pk_user = (p.data->>'fk_user')::bigint$tviews$, "
                    + "'{\"full_refresh\": [\"tv_user\"]}'::jsonb);");
            assertThat(sql).contains("DO $tviews$\nDECLARE\n");
            assertThat(sql).contains("FROM public.pg_tviews_auto_convert('public') c ORDER BY c.entity LOOP");
            assertThat(sql).contains("SELECT public.pg_tviews_refresh('post_feed');");
            assertThat(sql).contains("SELECT public.pg_tviews_refresh_all();");
            // The install comes before the first runtime call.
            assertThat(sql.indexOf("-- tviews: install")).isLessThan(sql.indexOf("pg_tviews_auto_convert('public')"));
            // Nothing ran.
            assertThat(string(scratch.database(), "SELECT to_regclass('public.pg_tview_runtime')::text")).isNull();
            assertThat(string(scratch.database(), "SELECT to_regclass('public.tb_user')::text")).isNull();
        }
    }

    @Test
    void theScriptItWritesDoesWhatUpdateDoes(TestServer server) throws Exception {
        try (ScratchDatabase scratch = ScratchDatabase.create(server, "updatesql_run")) {
            String sql = Liquibases.updateSql(scratch.database(), CHANGE_LOG);
            try (Connection c = scratch.database().connect(); Statement st = c.createStatement()) {
                st.execute(sql);
            }
            assertThat(column(scratch.database(), "SELECT entity_name FROM pg_tview_meta ORDER BY 1"))
                    .containsExactly("comment", "post", "post_feed", "user");
            assertThat(column(scratch.database(), "SELECT author FROM tv_post_feed ORDER BY 1")).containsExactly("Alice", "Bob");
            assertThat(Sql.staleTViews(scratch.database())).isEmpty();

            // With the runtime current and only the runAlways conversion pending, no install is shown.
            String again = Liquibases.updateSql(scratch.database(), CHANGE_LOG);
            assertThat(again).doesNotContain("-- tviews: install").doesNotContain("pg_tview_meta (")
                    .contains("pg_tviews_auto_convert('public')");
        }
    }
}

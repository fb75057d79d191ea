package dev.tviews.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tviews.testsupport.Jdbc;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * install, status, verify and refresh on the guide's blog in schema blog, converted by the tool, with the runtime
 * in public. Tests that damage a TVIEW repair it before they end.
 */
@PostgresTest
class OperationsCommandsTest {

    @BeforeAll
    static void convertedBlog(TestDatabase db) throws SQLException {
        Blog.createSeeded(db, "blog");
        Cli.succeed(db, "install");
        Cli.succeed(db, "convert", "-s", "blog");
        Jdbc.exec(db, "UPDATE blog.tv_post SET updated_at = CASE pk_post WHEN 2 THEN timestamp '2026-01-02 03:04:05' "
                + "ELSE timestamp '2025-12-31 00:00:00' END");
    }

    @Test
    void installIsANoOpWhenTheRuntimeIsCurrent(TestDatabase db) {
        Cli.Run run = Cli.runOn(db, "install", "--json");

        JsonNode doc = Json.parseSucceeded(run);
        assertThat(doc.get("action").asText()).isEqualTo("unchanged");
        assertThat(doc.get("schema").asText()).isEqualTo("public");
        assertThat(doc.get("version").asText()).isEqualTo(doc.get("previous_version").asText()).isNotBlank();
        assertThat(doc.get("duration_ms").isNumber()).isTrue();
    }

    @Test
    void installIntoAMissingSchemaSaysWhichSchemasExist(TestDatabase db) {
        Cli.Run run = Cli.runOn(db, "install", "--runtime-schema", "nowhere");

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("tviews: schema nowhere does not exist in database " + db.name()
                + "; name an existing schema with --runtime-schema (schemas: blog, public)");
    }

    @Test
    void statusListsEveryTViewWithRowsLastChangeAndHealth(TestDatabase db) {
        Cli.Run run = Cli.runOn(db, "status", "--json");

        JsonNode doc = Json.parseSucceeded(run);
        assertThat(doc.get("database").asText()).isEqualTo(db.name());
        assertThat(doc.get("runtime").get("schema").asText()).isEqualTo("public");
        assertThat(doc.get("healthy").asBoolean()).isTrue();
        JsonNode tviews = doc.get("tviews");
        assertThat(Json.texts(tviews, "entity")).containsExactly("comment", "post", "user");
        JsonNode post = tviews.get(1);
        assertThat(post.get("schema").asText()).isEqualTo("blog");
        assertThat(post.get("table").asText()).isEqualTo("blog.tv_post");
        assertThat(post.get("rows").asLong()).isEqualTo(3);
        assertThat(post.get("last_change").asText()).isEqualTo("2026-01-02 03:04:05");
        assertThat(post.get("health").asText()).isEqualTo("OK");
        assertThat(Json.texts(doc.get("health"), "component")).contains("runtime", "tview post", "queue");
    }

    @Test
    void statusPrintsAnAlignedTable(TestDatabase db) {
        Cli.Run run = Cli.withPassword(db).runWithPsqlOptions(db, "status", "-s", "blog");

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.err()).isEmpty();
        String[] lines = run.out().split("\\R");
        assertThat(lines[0]).startsWith("tviews runtime ").endsWith(" in schema public of database " + db.name());
        assertThat(lines[1]).matches("ENTITY +TABLE +ROWS +LAST CHANGE +HEALTH");
        int rowsEnd = lines[1].indexOf("ROWS") + "ROWS".length();
        assertThat(lines[3]).startsWith("post").contains("blog.tv_post").contains("2026-01-02 03:04:05").endsWith("OK");
        assertThat(lines[3].substring(0, rowsEnd)).as("right-aligned row count").endsWith(" 3");
        assertThat(lines[2]).startsWith("comment").contains("blog.tv_comment");
        assertThat(run.out()).endsWith("queue: OK no pending keys\n").doesNotContain("suspension").doesNotContain("runtime:");
    }

    @Test
    void statusOfAnotherSchemaListsNothingAndAnUnknownSchemaFails(TestDatabase db) {
        Cli.Run publicOnly = Cli.runOn(db, "status", "-s", "public");
        assertThat(publicOnly.exitCode()).as("%s", publicOnly).isZero();
        assertThat(publicOnly.out()).contains("no TVIEWs registered in schema public");

        Cli.Run unknown = Cli.runOn(db, "status", "-s", "nosuch");
        assertThat(unknown.failureLine())
                .isEqualTo("tviews: schema nosuch does not exist in database " + db.name()
                        + "; name an existing schema with -s/--schema (schemas: blog, public)");
    }

    @Test
    void aBrokenTViewMakesStatusFailAndRepairFixesIt(TestDatabase db) throws SQLException {
        Jdbc.exec(db, """
                CREATE TABLE blog.tb_note (pk_note BIGINT PRIMARY KEY, body TEXT NOT NULL);
                SELECT pg_tviews_create('blog.tv_note', 'SELECT pk_note, body FROM blog.tb_note');
                """);
        try {
            String trigger = Jdbc.string(db, "SELECT tgname FROM pg_trigger WHERE tgrelid = 'blog.tb_note'::regclass "
                    + "AND NOT tgisinternal LIMIT 1");
            Jdbc.exec(db, "DROP TRIGGER " + trigger + " ON blog.tb_note");

            Cli.Run broken = Cli.runOn(db, "status", "--json");
            assertThat(broken.exitCode()).as("%s", broken).isEqualTo(ExitCode.FAILED);
            JsonNode doc = Json.parse(broken);
            assertThat(doc.get("healthy").asBoolean()).isFalse();
            JsonNode note = doc.get("tviews").get(1);
            assertThat(note.get("entity").asText()).isEqualTo("note");
            assertThat(note.get("health").asText()).isEqualTo("ERROR");
            assertThat(broken.errLines()).singleElement().asString().startsWith("tviews: 1 health check failed: tview note: ");
            assertThat(Cli.runOn(db, "status").exitCode()).as("plain status only reads").isEqualTo(ExitCode.FAILED);

            Cli.Run repaired = Cli.runOn(db, "status", "--repair");
            assertThat(repaired.exitCode()).as("%s", repaired).isZero();
            assertThat(repaired.out()).contains("tview note: WARNING ");

            Cli.Run after = Cli.runOn(db, "status");
            assertThat(after.exitCode()).as("%s", after).isZero();
            assertThat(after.out()).doesNotContain("tview note");
        } finally {
            Jdbc.exec(db, "SELECT pg_tviews_drop('note'); DROP TABLE blog.tb_note");
        }
    }

    @Test
    void statusSaysWhenTheInstalledRuntimeIsOlderThanTheTool(TestDatabase db) throws SQLException {
        String version = Jdbc.string(db, "SELECT version FROM pg_tview_runtime");
        Jdbc.exec(db, "UPDATE pg_tview_runtime SET version = '0.0.1'");
        try {
            Cli.Run run = Cli.runOn(db, "status");

            assertThat(run.exitCode()).as("%s", run).isZero();
            assertThat(run.errLines()).containsExactly("tviews: the runtime installed in schema public is 0.0.1, this tool "
                    + "carries " + version + "; tviews install upgrades it");
        } finally {
            Jdbc.exec(db, "UPDATE pg_tview_runtime SET version = '" + version + "'");
        }
    }

    @Test
    void verifyReportsExactTViews(TestDatabase db) {
        Cli.Run run = Cli.runOn(db, "verify", "--json");

        JsonNode doc = Json.parseSucceeded(run);
        assertThat(doc.get("exact").asBoolean()).isTrue();
        assertThat(Json.texts(doc.get("tviews"), "entity")).containsExactly("comment", "post", "user");
        assertThat(Json.texts(doc.get("tviews"), "differing_rows")).containsOnly("0");

        Cli.Run table = Cli.runOn(db, "verify", "post");
        assertThat(table.exitCode()).as("%s", table).isZero();
        assertThat(table.out()).matches("(?s)ENTITY +MISSING +EXTRA +DIFFERING +RESULT\\Rpost +0 +0 +0 +exact\\R");
    }

    @Test
    void verifyFailsOnADamagedTViewAndRefreshRepairsIt(TestDatabase db) throws SQLException {
        Jdbc.exec(db, "UPDATE blog.tv_comment SET data = '{}'; DELETE FROM blog.tv_user WHERE pk_user = 1");

        Cli.Run damaged = Cli.runOn(db, "verify", "--json");
        JsonNode doc = Json.parseFailed(damaged);
        assertThat(doc.get("exact").asBoolean()).isFalse();
        JsonNode comment = doc.get("tviews").get(0);
        assertThat(comment.get("differing_rows").asLong()).isEqualTo(2);
        assertThat(comment.get("exact").asBoolean()).isFalse();
        assertThat(doc.get("tviews").get(2).get("missing_rows").asLong()).isEqualTo(1);
        assertThat(damaged.errLines()).singleElement().asString()
                .isEqualTo("tviews: 2 TVIEWs differ from their views: comment (missing 0, extra 0, differing 2), "
                        + "user (missing 1, extra 0, differing 0); tviews refresh ENTITY rebuilds one, tviews refresh all of them");

        Cli.Run one = Cli.runOn(db, "refresh", "comment");
        assertThat(one.exitCode()).as("%s", one).isZero();
        assertThat(one.out()).startsWith("refreshed comment in ").endsWith(" ms\n");
        assertThat(Cli.runOn(db, "verify", "comment").exitCode()).isZero();
        assertThat(Cli.runOn(db, "verify", "user").exitCode()).isEqualTo(ExitCode.FAILED);

        Cli.Run all = Cli.runOn(db, "refresh", "--json");
        JsonNode refreshed = Json.parseSucceeded(all);
        assertThat(refreshed.get("refreshed")).extracting(JsonNode::asText).containsExactlyInAnyOrder("comment", "post", "user");
        assertThat(refreshed.get("duration_ms").isNumber()).isTrue();
        assertThat(Cli.runOn(db, "verify").exitCode()).isZero();
    }

    @Test
    void refreshOrVerifyOfAnUnknownEntitySaysWhichExist(TestDatabase db) {
        Cli.Run refresh = Cli.runOn(db, "refresh", "nosuch");
        assertThat(refresh.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(refresh.out()).isEmpty();
        assertThat(refresh.errLines()).containsExactly(
                "tviews: TVIEW nosuch is not registered; registered TVIEWs: comment, post, user");

        Cli.Run verify = Cli.runOn(db, "verify", "nosuch", "--json");
        assertThat(verify.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(verify.out()).isEmpty();
        assertThat(verify.errLines()).containsExactly(
                "tviews: TVIEW nosuch is not registered; registered TVIEWs: comment, post, user");
    }

    @Test
    void refreshAcceptsTheTableNameToo(TestDatabase db) {
        Cli.Run run = Cli.runOn(db, "refresh", "blog.tv_post", "--json");

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(Json.parse(run).get("refreshed")).extracting(JsonNode::asText).containsExactly("blog.tv_post");
    }

    @Test
    void planOfAConvertedSchemaSaysCreateOrReplace(TestDatabase db) {
        Cli.Run run = Cli.runOn(db, "plan", "-s", "blog");

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("create or replace with the generated view");
    }
}

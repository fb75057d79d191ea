package dev.tviews.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tviews.testsupport.Jdbc;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The guide's flow on a database without the runtime: plan (changes nothing), convert --plan (the same), convert
 * (installs the runtime, registers every tv_ table, one progress line per entity), convert again (unchanged), and
 * a conversion error (exit 1, the other entities kept). The steps build on each other, hence the order.
 */
@PostgresTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConvertCommandTest {

    @BeforeAll
    static void blog(TestDatabase db) throws SQLException {
        Blog.createSeeded(db, "public");
    }

    @Test
    @Order(1)
    void planWithoutARuntimeShowsEveryTvTableAndInstallsNothing(TestDatabase db) throws SQLException {
        Cli.Run run = Cli.runOn(db, "plan");

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.out().lines().findFirst().orElseThrow()).startsWith("ENTITY").contains("BASE TABLE", "BACKING VIEW", "ACTION");
        assertThat(run.out()).contains("comment", "post", "user", "tb_post", "create");
        assertThat(run.err()).contains("not installed").contains("rolled back");
        assertThat(Jdbc.number(db, "SELECT count(*) FROM pg_class WHERE relname IN ('pg_tview_runtime', 'pg_tview_meta')"))
                .as("the temporary install was rolled back").isZero();
    }

    @Test
    @Order(2)
    void convertDashDashPlanIsThePlanAsJson(TestDatabase db) throws SQLException {
        Cli.Run run = Cli.withPassword(db).runWithPsqlOptions(db, "convert", "-s", "public", "--plan", "--json");

        JsonNode plan = Json.parseSucceeded(run);
        assertThat(plan.get("schema").asText()).isEqualTo("public");
        assertThat(Json.texts(plan.get("entities"), "entity")).containsExactly("comment", "post", "user");
        JsonNode post = plan.get("entities").get(1);
        assertThat(post.get("base_table").asText()).contains("tb_post");
        assertThat(post.get("backing_view").asText()).contains("v_post");
        assertThat(post.get("action").asText()).isEqualTo("create");
        assertThat(post.get("select_sql").asText()).contains("pk_post").contains("tb_post");
        assertThat(Jdbc.number(db, "SELECT count(*) FROM pg_class WHERE relname = 'pg_tview_meta'")).isZero();
    }

    @Test
    @Order(3)
    void convertInstallsTheRuntimeAndRegistersEveryEntityWithAProgressLineEach(TestDatabase db) throws SQLException {
        Cli.Run run = Cli.runOn(db, "convert", "--json");

        JsonNode doc = Json.parseSucceeded(run);
        assertThat(doc.get("ok").asBoolean()).isTrue();
        assertThat(doc.get("runtime").get("action").asText()).isEqualTo("installed");
        assertThat(doc.get("runtime").get("schema").asText()).isEqualTo("public");
        assertThat(Json.texts(doc.get("entities"), "entity")).containsExactly("comment", "post", "user");
        assertThat(Json.texts(doc.get("entities"), "status")).containsOnly("CREATED");
        assertThat(doc.get("entities").get(1).get("message").asText()).contains("tv_post").contains("3 rows");
        assertThat(doc.get("entities").get(1).get("duration_ms").isNumber()).isTrue();
        assertThat(doc.get("counts").get("created").asInt()).isEqualTo(3);
        // progress on stderr while stdout carries the JSON: the install, then one line per entity
        assertThat(run.errLines()).hasSize(4);
        assertThat(run.errLines().get(0)).contains("installed tviews runtime");
        assertThat(run.errLines().subList(1, 4)).allSatisfy(l -> assertThat(l).startsWith("CREATED").contains(" ms"));
        assertThat(run.errLines().get(2)).contains("post");

        assertThat(Jdbc.number(db, "SELECT count(*) FROM pg_tview_meta")).isEqualTo(3);
        assertThat(Jdbc.number(db, "SELECT count(*) FROM tv_post")).isEqualTo(3);
        Jdbc.exec(db, "INSERT INTO tb_post (fk_user, title, content) VALUES (2, 'Later', 'fourth')");
        assertThat(Jdbc.number(db, "SELECT count(*) FROM tv_post")).as("maintained after convert").isEqualTo(4);
    }

    @Test
    @Order(4)
    void convertingAgainChangesNothing(TestDatabase db) {
        Cli.Run run = Cli.runOn(db, "convert", "-s", "public");

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("already installed");
        assertThat(run.out().lines().filter(l -> l.startsWith("UNCHANGED"))).hasSize(3);
        assertThat(run.out()).contains("converted schema public: 3 entities (0 created, 0 replaced, 3 unchanged, 0 skipped, 0 errors)");
    }

    @Test
    @Order(5)
    void anEntityThatCannotBeConvertedFailsTheRunAndKeepsTheOthers(TestDatabase db) throws SQLException {
        // tv_tag's own view has no key column: registering it fails; tv_zone converts.
        Jdbc.exec(db, """
                CREATE TABLE tb_tag (pk_tag BIGINT PRIMARY KEY, label TEXT NOT NULL);
                CREATE TABLE tv_tag (pk_tag BIGINT PRIMARY KEY, label TEXT);
                CREATE VIEW v_tag AS SELECT label FROM tb_tag;
                CREATE TABLE tb_zone (pk_zone BIGINT PRIMARY KEY, name TEXT NOT NULL);
                CREATE TABLE tv_zone (pk_zone BIGINT PRIMARY KEY, name TEXT);
                """);

        Cli.Run run = Cli.runOn(db, "convert", "--json");

        JsonNode doc = Json.parseFailed(run);
        assertThat(doc.get("ok").asBoolean()).isFalse();
        assertThat(doc.get("counts").get("error").asInt()).isEqualTo(1);
        JsonNode tag = doc.get("entities").get(2);
        assertThat(tag.get("entity").asText()).isEqualTo("tag");
        assertThat(tag.get("status").asText()).isEqualTo("ERROR");
        String lastLine = run.errLines().get(run.errLines().size() - 1);
        assertThat(lastLine).startsWith("tviews: 1 entity of schema public could not be converted").contains("tag: ")
                .contains("run tviews convert again");
        assertThat(Jdbc.number(db, "SELECT count(*) FROM pg_tview_meta WHERE entity_name = 'zone'")).isEqualTo(1);
        assertThat(Jdbc.number(db, "SELECT count(*) FROM pg_tview_meta WHERE entity_name = 'tag'")).isZero();
        Jdbc.exec(db, "DROP VIEW v_tag; DROP TABLE tv_tag, tb_tag");
    }

    @Test
    @Order(6)
    void aDryRunReportsTheConversionAndKeepsNothing(TestDatabase db) throws SQLException {
        Jdbc.exec(db, "CREATE TABLE tb_area (pk_area BIGINT PRIMARY KEY, name TEXT NOT NULL); "
                + "CREATE TABLE tv_area (pk_area BIGINT PRIMARY KEY, name TEXT)");

        Cli.Run run = Cli.runOn(db, "convert", "--dry-run", "--exclude", "comment,post");

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.out().lines().filter(l -> l.startsWith("CREATED"))).singleElement().asString()
                .contains("area").contains("dry run, rolled back");
        assertThat(run.out().lines().filter(l -> l.startsWith("SKIPPED"))).hasSize(2);
        assertThat(Jdbc.number(db, "SELECT count(*) FROM pg_tview_meta WHERE entity_name = 'area'")).isZero();
        Jdbc.exec(db, "DROP TABLE tv_area, tb_area");
    }
}

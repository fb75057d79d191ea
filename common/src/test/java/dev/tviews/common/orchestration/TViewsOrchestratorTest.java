package dev.tviews.common.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tviews.common.ConversionResult;
import dev.tviews.common.ConversionStatus;
import dev.tviews.common.InstallResult;
import dev.tviews.common.config.EntityConfig;
import dev.tviews.common.config.TViewsConfig;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Install + convert + report on plain JDBC connections (the CLI's case) and inside a caller's transaction. */
@PostgresTest
class TViewsOrchestratorTest {

    private static final String BLOG = """
            CREATE SCHEMA %1$s;
            SET search_path = %1$s;
            CREATE TABLE tb_user (pk_user BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name TEXT NOT NULL);
            CREATE TABLE tb_post (pk_post BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                                  fk_user BIGINT NOT NULL REFERENCES tb_user(pk_user), title TEXT NOT NULL);
            CREATE TABLE tv_user (pk_user BIGINT PRIMARY KEY, data JSONB NOT NULL);
            CREATE TABLE tv_post (pk_post BIGINT PRIMARY KEY, data JSONB NOT NULL);
            INSERT INTO tb_user (name) VALUES ('Alice'), ('Bob');
            INSERT INTO tb_post (fk_user, title) VALUES (1, 'Hello'), (2, 'World');
            RESET search_path;
            """;

    private static TViewsConfig schemas(String runtime, String... schemas) {
        return new TViewsConfig(runtime, List.of(schemas), null, null, null, null);
    }

    @Test
    void withAutoCommitOnTheRunIsOneTransactionOfItsOwn(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            exec(c, BLOG.formatted("own_tx"));
            RunReport report = new TViewsOrchestrator(c).run(schemas("own_tx", "own_tx"));

            assertThat(c.getAutoCommit()).isTrue();
            assertThat(report.install().action()).isEqualTo(InstallResult.Action.INSTALLED);
            assertThat(report.results()).extracting(ConversionResult::entity, ConversionResult::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("post", ConversionStatus.CREATED),
                            org.assertj.core.groups.Tuple.tuple("user", ConversionStatus.CREATED));
            assertThat(report.summary()).startsWith("tviews: converted schema own_tx: 2 entities (2 created, 0 replaced, 0 unchanged, "
                    + "0 skipped, 0 errors) in ");
        }
        try (Connection other = db.connect()) {
            assertThat(number(other, "SELECT count(*) FROM own_tx.pg_tview_meta")).isEqualTo(2);
        }
    }

    @Test
    void inTheCallersTransactionNothingIsCommitted(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            exec(c, BLOG.formatted("caller_tx"));
            c.setAutoCommit(false);
            RunReport report = new TViewsOrchestrator(c).run(schemas("caller_tx", "caller_tx"));
            assertThat(report.count(ConversionStatus.CREATED)).isEqualTo(2);
            assertThat(c.getAutoCommit()).isFalse();
            assertThat(number(c, "SELECT count(*) FROM caller_tx.tv_post")).isEqualTo(2);
            c.rollback();
            assertThat(number(c, "SELECT count(*) FROM pg_class WHERE relname = 'pg_tview_meta' AND relnamespace = 'caller_tx'::regnamespace"))
                    .isZero();
            c.setAutoCommit(true);
        }
    }

    @Test
    void anErrorFailsTheRunAndRollsBackOrOnlyWarns(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            exec(c, BLOG.formatted("failing"),
                    "CREATE TABLE failing.tv_bad (pk_bad BIGINT PRIMARY KEY, data JSONB)",
                    "CREATE VIEW failing.v_bad AS SELECT 1::bigint AS other, '{}'::jsonb AS data");

            assertThatThrownBy(() -> new TViewsOrchestrator(c).run(schemas("failing", "failing")))
                    .isInstanceOf(ConversionFailedException.class)
                    .hasMessageStartingWith("tviews could not convert 1 entity: failing.bad: ")
                    .hasMessageContaining("pk_bad")
                    .satisfies(e -> assertThat(((ConversionFailedException) e).report().count(ConversionStatus.CREATED)).isEqualTo(2));
            assertThat(c.getAutoCommit()).isTrue();
            assertThat(number(c, "SELECT count(*) FROM pg_class WHERE relname = 'pg_tview_meta' AND relnamespace = 'failing'::regnamespace"))
                    .isZero();

            RunReport report = new TViewsOrchestrator(c).run(new TViewsConfig("failing", List.of("failing"), null, null, false, null));
            assertThat(report.errors()).extracting(ConversionResult::entity).containsExactly("bad");
            assertThat(report.warningMessage()).startsWith("tviews could not convert 1 entity and left it as before (failOnError is false): failing.bad: ");
            assertThat(number(c, "SELECT count(*) FROM failing.pg_tview_meta")).isEqualTo(2);
        }
    }

    @Test
    void overridesOptionsAndSeveralSchemas(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            exec(c, BLOG.formatted("s_one"), "CREATE SCHEMA s_rt",
                    "CREATE TABLE s_one.tb_tag (pk_tag BIGINT PRIMARY KEY, label TEXT)",
                    "CREATE SCHEMA s_two",
                    "CREATE TABLE s_two.tb_note (pk_note BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body TEXT)",
                    "CREATE TABLE s_two.tv_note (pk_note BIGINT PRIMARY KEY, data JSONB)",
                    "INSERT INTO s_two.tb_note (body) VALUES ('n1')");
            Map<String, EntityConfig> entities = Map.of(
                    // options of its own, no select: converted entity by entity with these options
                    "user", new EntityConfig(null, null, Map.of("full_refresh", List.of("s_one.tb_tag"))),
                    // a select for an entity that has no tv_ table yet: tviews creates it
                    "s_two.headline", new EntityConfig("SELECT pk_post AS pk_headline, upper(title) AS title FROM s_one.tb_post",
                            null, null),
                    // configured, but nowhere to be found
                    "ghost", new EntityConfig(null, List.of("fk_user"), null));
            TViewsConfig config = new TViewsConfig("s_rt", List.of("s_one", "s_two"), null, null, false, entities);

            RunReport report = new TViewsOrchestrator(c).run(config);

            assertThat(report.results()).extracting(r -> r.schema() + "." + r.entity() + "=" + r.status())
                    .containsExactly("s_one.ghost=ERROR", "s_one.post=CREATED", "s_one.user=CREATED",
                            "s_two.headline=CREATED", "s_two.note=CREATED");
            assertThat(report.results().get(0).message()).contains("no schema of [s_one, s_two] has a table tv_ghost");
            assertThat(string(c, "SELECT options::text FROM s_rt.pg_tview_meta WHERE entity_name = 'user'"))
                    .isEqualTo("{\"full_refresh\": [\"s_one.tb_tag\"]}");
            assertThat(string(c, "SELECT title FROM s_two.tv_headline WHERE pk_headline = 1")).isEqualTo("HELLO");

            RunReport again = new TViewsOrchestrator(c).run(config);
            assertThat(again.results()).filteredOn(r -> !r.failed()).allMatch(r -> r.status() == ConversionStatus.UNCHANGED);
        }
    }

    @Test
    void missingSchemasAreNamedWithTheSettingThatFixesThem(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> new TViewsOrchestrator(c).run(schemas("public", "nope")))
                    .hasMessage("tviews: schema nope does not exist; create it, or set tviews.schemas (schemas in tviews.yml), "
                            + "the schemas whose tv_ tables are converted to existing schemas.");
            assertThatThrownBy(() -> new TViewsOrchestrator(c).run(schemas("nope_rt", "public")))
                    .hasMessageStartingWith("tviews: schema nope_rt does not exist; create it, or set tviews.schema (runtimeSchema in tviews.yml)");
            assertThat(c.getAutoCommit()).isTrue();
        }
    }

    private static void exec(Connection c, String... sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    private static long number(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String string(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}

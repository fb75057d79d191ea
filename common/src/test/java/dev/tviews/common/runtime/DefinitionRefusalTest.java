package dev.tviews.common.runtime;

import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.number;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.testsupport.Jdbc;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.util.PSQLException;

/**
 * Definitions that cannot be kept exact incrementally are refused at registration with 0A000 and a
 * message naming the construct, and the refusal changes nothing; the same definition is accepted
 * with {@code {"refresh": "full"}}, which rebuilds the TVIEW after every write.
 */
class DefinitionRefusalTest extends RuntimeConnectionTest {

    @BeforeEach
    void schema() throws SQLException {
        exec(c, "DROP TABLE IF EXISTS tb_item, tb_tag CASCADE",
                "DROP FUNCTION IF EXISTS item_label(text)",
                "DROP AGGREGATE IF EXISTS last_name(text)",
                "DROP FUNCTION IF EXISTS last_name_step(text, text)",
                // a user's aggregate that keeps the row that comes last: the order of the plan decides it
                "CREATE FUNCTION last_name_step(text, text) RETURNS text IMMUTABLE LANGUAGE sql AS $$ SELECT $2 $$",
                "CREATE AGGREGATE last_name(text) (sfunc = last_name_step, stype = text)",
                "CREATE TABLE tb_item (pk_item bigint PRIMARY KEY, name text NOT NULL, created timestamptz NOT NULL DEFAULT now(), fk_tag int)",
                "CREATE TABLE tb_tag (pk_tag int PRIMARY KEY, name text)",
                "CREATE FUNCTION item_label(p text) RETURNS text STABLE LANGUAGE sql AS $$ SELECT upper(p) $$",
                "INSERT INTO tb_item (pk_item, name, fk_tag) VALUES (1, 'a', 1), (2, 'b', NULL)",
                "INSERT INTO tb_tag VALUES (1, 't')");
    }

    /** Each definition, and the construct its refusal names ('...' inside a definition is SQL, not CSV quoting). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            SELECT pk_item, random() AS r FROM tb_item                                    | random()
            SELECT pk_item, clock_timestamp() AS t FROM tb_item                           | clock_timestamp()
            SELECT pk_item, nextval('tviews_refusal_seq') AS n FROM tb_item               | nextval()
            SELECT pk_item, name FROM tb_item WHERE created > now() - interval '1 day'    | now()
            SELECT pk_item, name FROM tb_item WHERE created::date = current_date          | CURRENT_DATE
            SELECT pk_item, current_user AS who FROM tb_item                              | current_user
            SELECT pk_item, current_setting('application_name') AS app FROM tb_item       | current_setting()
            SELECT pk_item, to_tsvector(name) AS doc FROM tb_item                         | default_text_search_config
            SELECT pk_item, name FROM tb_item WHERE to_tsvector(name) @@ plainto_tsquery('a') | to_tsvector()
            SELECT pk_item, ts_headline(name, to_tsquery('english', 'a')) AS h FROM tb_item | ts_headline()
            SELECT pk_item, websearch_to_tsquery(name)::text AS q FROM tb_item            | websearch_to_tsquery()
            SELECT t.pk_tag, jsonb_agg(i.name) AS names FROM tb_tag t JOIN tb_item i ON i.fk_tag = t.pk_tag GROUP BY t.pk_tag | jsonb_agg() without ORDER BY
            SELECT t.pk_tag, last_name(i.name) AS name FROM tb_tag t JOIN tb_item i ON i.fk_tag = t.pk_tag GROUP BY t.pk_tag | last_name() without ORDER BY
            SELECT t.pk_tag, jsonb_object_agg(i.name, i.pk_item) AS ids FROM tb_tag t JOIN tb_item i ON i.fk_tag = t.pk_tag GROUP BY t.pk_tag | jsonb_object_agg() whose key can repeat
            SELECT t.pk_tag, max(i.pk_item::numeric / 4) AS q FROM tb_tag t JOIN tb_item i ON i.fk_tag = t.pk_tag GROUP BY t.pk_tag | max() over values that are equal but print differently
            SELECT t.pk_tag, (SELECT max(g.v::text) FROM (SELECT i.pk_item / 4.0 AS v FROM tb_item i WHERE i.fk_tag = t.pk_tag GROUP BY 1) g) AS v FROM tb_tag t | GROUP BY (column v) over values that are equal but print differently
            SELECT pk_item, xmin::text AS x FROM tb_item                                  | xmin
            SELECT pk_item, ctid::text AS t FROM tb_item                                  | ctid
            SELECT pk_item, name FROM tb_item ORDER BY name LIMIT 1                       | LIMIT
            SELECT pk_item, item_label(name) AS label FROM tb_item                        | item_label()
            SELECT pk_item, name FROM tb_item TABLESAMPLE BERNOULLI (50)                  | TABLESAMPLE
            """)
    void refusedWithTheConstructNamedAndNothingChanged(String definition, String construct) throws SQLException {
        exec(c, "CREATE SEQUENCE IF NOT EXISTS tviews_refusal_seq");
        List<String> before = RuntimeFixture.catalogSnapshot(c);
        SQLException e = RuntimeFixture.error(c, "SELECT pg_tviews_create('item', $q$" + definition + "$q$)");
        assertThat((Throwable) e).as("registering %s", definition).isNotNull();
        assertThat(e.getSQLState()).isEqualTo("0A000");
        assertThat(e.getMessage()).contains("cannot be maintained incrementally").containsIgnoringCase(construct);
        assertThat(((PSQLException) e).getServerErrorMessage().getHint()).contains("\"refresh\": \"full\"");
        assertThat(RuntimeFixture.catalogSnapshot(c)).isEqualTo(before);

        // With full refresh the definition is accepted, and the TVIEW is rebuilt after every write.
        exec(c, "SELECT pg_tviews_create_or_replace('item', $q$" + definition + "$q$, '{\"refresh\": \"full\"}')");
        assertThat(number(c, "SELECT count(*) FROM pg_tview_source WHERE entity_name = 'item' AND refresh_mode <> 'full'")).isZero();
        exec(c, "SELECT pg_tviews_drop('item')");
    }

    @ParameterizedTest
    @MethodSource("unmaintainable")
    void readsNoTriggerCanFollowAreRefusedEvenWithFullRefresh(String definition, String construct) throws SQLException {
        exec(c, "DROP MATERIALIZED VIEW IF EXISTS mv_item", "CREATE MATERIALIZED VIEW mv_item AS SELECT pk_item, name FROM tb_item");
        List<String> before = RuntimeFixture.catalogSnapshot(c);
        for (String call : List.of("SELECT pg_tviews_create('item', $q$" + definition + "$q$)",
                "SELECT pg_tviews_create_or_replace('item', $q$" + definition + "$q$, '{\"refresh\": \"full\"}')")) {
            SQLException e = RuntimeFixture.error(c, call);
            assertThat((Throwable) e).as(call).isNotNull();
            assertThat(e.getSQLState()).as(call).isEqualTo("0A000");
            assertThat(e.getMessage()).contains("cannot be maintained").contains(construct);
            assertThat(RuntimeFixture.catalogSnapshot(c)).as(call).isEqualTo(before);
        }
    }

    static Stream<Arguments> unmaintainable() {
        return Stream.of(
                Arguments.of("SELECT i.pk_item, c.relname FROM tb_item i JOIN pg_class c ON c.oid = i.pk_item", "pg_class"),
                Arguments.of("SELECT i.pk_item, m.name FROM tb_item i JOIN mv_item m ON m.pk_item = i.pk_item", "materialized view"));
    }

    @ParameterizedTest
    @MethodSource("badOptionsAndNames")
    void badOptionsNamesAndKeyChangesAreRefusedWithTheirOwnSqlState(String call, String sqlState, String says) throws SQLException {
        exec(c, "SELECT pg_tviews_drop('item', true)", "DROP TABLE IF EXISTS tv_item",
                "CREATE TABLE tv_item (pk_item bigint PRIMARY KEY, name text)",
                "SELECT pg_tviews_create('item', 'SELECT pk_item, name FROM tb_item')");
        List<String> before = RuntimeFixture.catalogSnapshot(c);
        SQLException e = RuntimeFixture.error(c, call);
        assertThat((Throwable) e).as(call).isNotNull();
        assertThat(e.getSQLState()).as("%s (%s)", call, e.getMessage()).isEqualTo(sqlState);
        assertThat(e.getMessage()).contains(says);
        assertThat(RuntimeFixture.catalogSnapshot(c)).isEqualTo(before);
        exec(c, "SELECT pg_tviews_drop('item')", "DROP TABLE tv_item");
    }

    static Stream<Arguments> badOptionsAndNames() {
        return Stream.of(
                Arguments.of("SELECT pg_tviews_create_or_replace('item', 'SELECT pk_item, name FROM tb_item', '{\"refresh\": \"sometimes\"}')",
                        "22023", "refresh"),
                Arguments.of("SELECT pg_tviews_create('" + "e".repeat(61) + "', 'SELECT pk_item AS pk_x, name FROM tb_item')",
                        "42622", "60 bytes"),
                // a table the user made keeps its key: the new definition would key it otherwise
                Arguments.of("SELECT pg_tviews_create('item', 'SELECT pk_tag AS pk_a, pk_tag AS pk_b FROM tb_tag')", "42P10", "would change"));
    }

    @ParameterizedTest
    @MethodSource("nullableKeys")
    void keysThatCanBeNullAreRefused(String definition) throws SQLException {
        List<String> before = RuntimeFixture.catalogSnapshot(c);
        SQLException e = RuntimeFixture.error(c, "SELECT pg_tviews_create('item', $q$" + definition + "$q$)");
        assertThat((Throwable) e).isNotNull();
        assertThat(e.getSQLState()).isEqualTo("0A000");
        assertThat(e.getMessage()).contains("can be NULL");
        assertThat(RuntimeFixture.catalogSnapshot(c)).isEqualTo(before);
    }

    static Stream<String> nullableKeys() {
        return Stream.of(
                "SELECT i.fk_tag AS pk_item, i.name FROM tb_item i",
                "SELECT i.pk_item AS pk_item, t.name FROM tb_tag t LEFT JOIN tb_item i ON i.fk_tag = t.pk_tag");
    }

    @ParameterizedTest
    @MethodSource("notTraceable")
    void keysThatAreNotATableColumnAreRefused(String definition, String sqlState) throws SQLException {
        List<String> before = RuntimeFixture.catalogSnapshot(c);
        SQLException e = RuntimeFixture.error(c, "SELECT pg_tviews_create('item', $q$" + definition + "$q$)");
        assertThat((Throwable) e).isNotNull();
        assertThat(e.getSQLState()).isEqualTo(sqlState);
        assertThat(RuntimeFixture.catalogSnapshot(c)).isEqualTo(before);
    }

    static Stream<Arguments> notTraceable() {
        return Stream.of(
                Arguments.of("SELECT pk_item + 1 AS pk_item, name FROM tb_item", "0A000"),
                Arguments.of("SELECT pk_item, name FROM tb_item UNION ALL SELECT pk_tag, name FROM tb_tag", "0A000"),
                Arguments.of("SELECT name FROM tb_item", "42601"));
    }
}

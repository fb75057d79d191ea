package dev.tviews.common.runtime;

import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.lines;
import static dev.tviews.testsupport.Jdbc.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.testsupport.Jdbc;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Definitions that are kept exact: values equal to "=" but printed differently, whole-row
 * references, nested views replaced underneath, keys that repeat after a write, the native
 * extension's key and name rules.
 */
class ExactDefinitionTest extends RuntimeConnectionTest {

    @BeforeEach
    void schema() throws SQLException {
        exec(c, "SELECT pg_tviews_drop(entity_name, true, true) FROM pg_tview_meta",
                "DROP TABLE IF EXISTS tb_item, tb_part CASCADE",
                "DROP VIEW IF EXISTS v_item_inner CASCADE",
                "CREATE TABLE tb_item (pk_item bigint PRIMARY KEY, name text NOT NULL, price numeric, ratio float8, code text)",
                "CREATE TABLE tb_part (pk_part bigint PRIMARY KEY, fk_item bigint, label text)",
                "INSERT INTO tb_item VALUES (1, 'a', 1.0, 0, 'x'), (2, 'b', 2, 1.5, 'X')",
                "INSERT INTO tb_part VALUES (10, 1, 'p'), (11, 2, 'q')");
    }

    private List<String> differences(String entity) throws SQLException {
        return lines(c, "SELECT entity FROM pg_tviews_verify('" + entity + "') WHERE missing_rows + extra_rows + differing_rows > 0");
    }

    @Test
    void valuesThatAreEqualButPrintDifferentlyAreRewritten() throws SQLException {
        exec(c, "SELECT pg_tviews_create('item', $$SELECT pk_item, price, ratio, jsonb_build_object('p', price) AS data FROM tb_item$$)");
        exec(c, "UPDATE tb_item SET price = 1.00, ratio = '-0' WHERE pk_item = 1");
        assertThat(string(c, "SELECT price::text || ' ' || ratio::text || ' ' || data::text FROM tv_item WHERE pk_item = 1"))
                .isEqualTo("1.00 -0 {\"p\": 1.00}");
        assertThat(differences("item")).isEmpty();

        // A row changed behind tviews' back in a way "=" cannot see: verify finds it, refresh repairs it.
        exec(c, "ALTER TABLE tv_item DISABLE TRIGGER ALL", "SET session_replication_role = replica",
                "UPDATE tv_item SET price = 1.0 WHERE pk_item = 1", "RESET session_replication_role");
        assertThat(differences("item")).containsExactly("item");
        exec(c, "SELECT pg_tviews_refresh('item')");
        assertThat(differences("item")).isEmpty();
    }

    @Test
    void wholeRowReferencesFollowEveryColumn() throws SQLException {
        exec(c, "SELECT pg_tviews_create('item', $$SELECT i.pk_item, to_jsonb(i) AS data, row_to_json(p)::text AS part "
                + "FROM tb_item i LEFT JOIN tb_part p ON p.fk_item = i.pk_item AND p.pk_part < 11$$)");
        exec(c, "UPDATE tb_item SET code = 'changed' WHERE pk_item = 2", "UPDATE tb_part SET label = 'r' WHERE pk_part = 10");
        assertThat(string(c, "SELECT data->>'code' FROM tv_item WHERE pk_item = 2")).isEqualTo("changed");
        assertThat(string(c, "SELECT part FROM tv_item WHERE pk_item = 1")).contains("\"r\"");
        assertThat(differences("item")).isEmpty();
    }

    @Test
    void replacingAViewUnderneathIsNoticedAndFollowed() throws SQLException {
        exec(c, "CREATE VIEW v_item_inner AS SELECT i.pk_item, i.name FROM tb_item i",
                "SELECT pg_tviews_create('item', $$SELECT pk_item, name FROM v_item_inner$$)");
        exec(c, "CREATE OR REPLACE VIEW v_item_inner AS SELECT i.pk_item, p.label AS name FROM tb_item i JOIN tb_part p ON p.fk_item = i.pk_item");
        assertThat(string(c, "SELECT status FROM pg_tviews_health_check(false) WHERE component = 'tview item'")).isNotEqualTo("OK");
        assertThat(string(c, "SELECT pg_tviews_create_or_replace('item', $$SELECT pk_item, name FROM v_item_inner$$)"))
                .isNotEqualTo("unchanged");
        exec(c, "UPDATE tb_part SET label = 'new' WHERE pk_part = 11");
        assertThat(string(c, "SELECT name FROM tv_item WHERE pk_item = 2")).isEqualTo("new");
        assertThat(differences("item")).isEmpty();
    }

    @Test
    void aWriteThatMakesAKeyRepeatFailsNamingTheTViewAndTheKey() throws SQLException {
        exec(c, "SELECT pg_tviews_create('item', $$SELECT i.pk_item, p.label FROM tb_item i LEFT JOIN tb_part p ON p.fk_item = i.pk_item$$)");
        List<String> before = lines(c, "SELECT pk_item || ' ' || coalesce(label, '') FROM tv_item ORDER BY 1");
        SQLException e = RuntimeFixture.error(c, "INSERT INTO tb_part VALUES (12, 1, 'second')");
        assertThat((Throwable) e).isNotNull();
        assertThat(e.getSQLState()).isEqualTo("23505");
        assertThat(e.getMessage()).contains("TVIEW item").contains("key 1");
        assertThat(lines(c, "SELECT pk_item || ' ' || coalesce(label, '') FROM tv_item ORDER BY 1")).isEqualTo(before);
        assertThat(lines(c, "SELECT pk_part FROM tb_part ORDER BY 1")).containsExactly("10", "11");

        // Registering a definition whose key already repeats fails the same way, and leaves nothing.
        exec(c, "ALTER TABLE tb_part DISABLE TRIGGER USER", "INSERT INTO tb_part VALUES (12, 1, 'second')", "ALTER TABLE tb_part ENABLE TRIGGER USER");
        SQLException again = RuntimeFixture.error(c,
                "SELECT pg_tviews_create('item2', $$SELECT i.pk_item AS pk_item2, p.label FROM tb_item i JOIN tb_part p ON p.fk_item = i.pk_item$$)");
        assertThat((Throwable) again).isNotNull();
        assertThat(again.getSQLState()).isEqualTo("23505");
        assertThat(again.getMessage()).contains("TVIEW item2").contains("key 1");
        assertThat(string(c, "SELECT count(*) FROM pg_tview_meta WHERE entity_name = 'item2'")).isEqualTo("0");
    }

    /**
     * A refresh has three paths by the number of keys a statement maps to (one, up to 256, more):
     * on each, a key the write makes repeat is refused, also when the repeated row equals the row
     * the TVIEW holds (the upsert alone would then keep one row and say nothing), and nothing
     * changes; keys the view no longer yields are deleted, alone or next to keys it still yields.
     */
    @ParameterizedTest(name = "{0} key(s), repeated row equal to the held one: {1}")
    @CsvSource({"1, true", "1, false", "3, true", "3, false", "300, true", "300, false"})
    void everyRefreshPathRefusesARepeatedKeyAndDeletesVanishedKeys(int keys, boolean sameRow) throws SQLException {
        exec(c, "INSERT INTO tb_item SELECT g, 'i' || g, g, 0, 'c' FROM generate_series(3, 700) g",
                "INSERT INTO tb_part SELECT 1000 + g, g, 'l' || g FROM generate_series(3, 700) g",
                "SELECT pg_tviews_create('item', $$SELECT i.pk_item, p.label FROM tb_item i JOIN tb_part p ON p.fk_item = i.pk_item$$)");
        String tview = "SELECT pk_item || ' ' || label FROM tv_item ORDER BY pk_item";
        List<String> before = lines(c, tview);
        String label = sameRow ? "'l' || g" : "'other'";
        SQLException e = RuntimeFixture.error(c,
                "INSERT INTO tb_part SELECT 5000 + g, g, " + label + " FROM generate_series(3, " + (2 + keys) + ") g");
        assertThat((Throwable) e).isNotNull();
        assertThat(e.getSQLState()).isEqualTo("23505");
        assertThat(e.getMessage()).contains("TVIEW item").contains("more than once");
        assertThat(lines(c, tview)).isEqualTo(before);
        assertThat(string(c, "SELECT count(*) FROM tb_part WHERE pk_part >= 5000")).isEqualTo("0");

        // the same keys vanish (their parts deleted), then half of them vanish while the rest change
        exec(c, "DELETE FROM tb_part WHERE fk_item BETWEEN 3 AND " + (2 + keys));
        assertThat(string(c, "SELECT count(*) FROM tv_item WHERE pk_item BETWEEN 3 AND " + (2 + keys))).isEqualTo("0");
        assertThat(differences("item")).isEmpty();
        int from = 3 + keys;
        int to = from + keys - 1;
        exec(c, "UPDATE tb_part SET fk_item = CASE WHEN fk_item % 2 = 0 THEN NULL ELSE fk_item END, label = label || '+'"
                + " WHERE fk_item BETWEEN " + from + " AND " + to);
        long odd = IntStream.rangeClosed(from, to).filter(k -> k % 2 == 1).count();
        assertThat(string(c, "SELECT count(*) FROM tv_item WHERE pk_item BETWEEN " + from + " AND " + to)).isEqualTo(String.valueOf(odd));
        assertThat(differences("item")).isEmpty();
    }

    @Test
    void theFirstPkColumnIsTheKeyAndLongNamesWork() throws SQLException {
        String entity = "item_with_a_rather_long_entity_name_that_native_pg_tviews_ac";
        assertThat(entity.length()).isEqualTo(60);
        exec(c, "SELECT pg_tviews_create('" + entity + "', $$SELECT pk_item, name FROM tb_item$$)");
        assertThat(string(c, "SELECT key_column FROM pg_tview_meta WHERE entity_name = '" + entity + "'")).isEqualTo("pk_item");
        exec(c, "UPDATE tb_item SET name = 'z' WHERE pk_item = 1", "INSERT INTO tb_item VALUES (3, 'c', 3, 3, 'c')");
        assertThat(string(c, "SELECT string_agg(name, ',' ORDER BY pk_item) FROM tv_" + entity)).isEqualTo("z,b,c");
        assertThat(differences(entity)).isEmpty();
        exec(c, "SELECT pg_tviews_drop('" + entity + "')");
    }
}

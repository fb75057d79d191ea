package dev.tviews.common.runtime;

import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.lines;
import static dev.tviews.common.runtime.RuntimeFixture.staleTViews;
import static dev.tviews.testsupport.Jdbc.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.testsupport.Jdbc;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import dev.tviews.testsupport.TestServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A re-registration that rebuilds a tv_ table (its columns changed) keeps what users put on it
 * (grants, extra indexes) and registers the TVIEWs that read it again, in dependency order, instead of
 * failing with 2BP01.
 */
@PostgresTest
class ReRegistrationTest {

    @Test
    void aRebuildKeepsGrantsIndexesAndReaders(TestServer server, TestDatabase db) throws SQLException {
        String reader = "tvrereg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
        try (Connection admin = server.connectAdmin()) {
            exec(admin, "CREATE ROLE " + reader);
        }
        try (Connection c = RuntimeFixture.connectWithRuntime(db)) {
            exec(c, "CREATE TABLE tb_person (pk_person bigint PRIMARY KEY, name text NOT NULL, email text)",
                    "INSERT INTO tb_person VALUES (1, 'a', 'a@x'), (2, 'b', 'b@x')",
                    "SELECT pg_tviews_create('person', 'SELECT pk_person, name FROM tb_person')",
                    "SELECT pg_tviews_create('badge', 'SELECT p.pk_person AS pk_badge, upper(p.name) AS label FROM tv_person p')",
                    "SELECT pg_tviews_create('card', 'SELECT b.pk_badge AS pk_card, b.label || ''!'' AS text FROM tv_badge b')",
                    "GRANT SELECT ON tv_person TO " + reader,
                    "CREATE INDEX tv_person_by_name ON tv_person (name)");

            assertThat(string(c, "SELECT pg_tviews_create('person', 'SELECT pk_person, name, email FROM tb_person')")).isEqualTo("rebuilt");

            assertThat(string(c, "SELECT has_table_privilege('" + reader + "', 'tv_person', 'SELECT')")).isEqualTo("t");
            assertThat(lines(c, "SELECT indexname FROM pg_indexes WHERE tablename = 'tv_person' ORDER BY 1"))
                    .containsExactly("tv_person_by_name", "tv_person_pkey");
            assertThat(lines(c, "SELECT entity_name FROM pg_tview_meta ORDER BY 1")).containsExactly("badge", "card", "person");
            exec(c, "UPDATE tb_person SET name = 'zed' WHERE pk_person = 1");
            assertThat(string(c, "SELECT text FROM tv_card WHERE pk_card = 1")).isEqualTo("ZED!");
            assertThat(staleTViews(c)).isEmpty();
            exec(c, "SELECT pg_tviews_drop('person', \"cascade\" => true)", "DROP TABLE tb_person", "DROP OWNED BY " + reader);
        } finally {
            try (Connection admin = server.connectAdmin()) {
                exec(admin, "DROP ROLE IF EXISTS " + reader);
            }
        }
    }
}

package dev.tviews.common.runtime;

import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.testsupport.Jdbc;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files pin the SQL generated for a handful of shapes ({@code pg_tviews_generated_sql}), so that
 * a change to code generation shows up as a reviewable diff. Numbers derived from OIDs (lock ids) and
 * the runtime version are masked. After an intended change, rewrite the files with
 * {@code -Dtviews.golden.update=true} and review the diff.
 */
@PostgresTest
class GeneratedSqlGoldenTest {

    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
    private static Connection c;

    @BeforeAll
    static void schema(TestDatabase db) throws SQLException {
        c = RuntimeFixture.connectWithRuntime(db);
        exec(c, """
                CREATE TABLE tb_user (pk_user bigint PRIMARY KEY, name text NOT NULL, email text);
                CREATE TABLE tb_post (pk_post bigint PRIMARY KEY, fk_user bigint NOT NULL REFERENCES tb_user, title text NOT NULL, score numeric);
                CREATE INDEX ON tb_post (fk_user);
                """);
    }

    @AfterAll
    static void close() throws SQLException {
        c.close();
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("own-table", "SELECT u.pk_user AS pk_own_table, u.name FROM tb_user u", "{}"),
                Arguments.of("child-aggregate", "SELECT u.pk_user AS pk_child_aggregate, (SELECT count(*) FROM tb_post p WHERE p.fk_user = u.pk_user) AS posts FROM tb_user u", "{}"),
                Arguments.of("embedded-parent", "SELECT p.pk_post AS pk_embedded_parent, jsonb_build_object('title', p.title, 'author', u.name) AS data "
                        + "FROM tb_post p JOIN tb_user u ON u.pk_user = p.fk_user", "{}"),
                Arguments.of("self-join", "SELECT u.pk_user AS pk_self_join, (SELECT array_agg(m.name ORDER BY m.pk_user) FROM tb_user m WHERE m.email = u.email) AS same_email FROM tb_user u", "{}"),
                Arguments.of("uncorrelated", "SELECT p.pk_post AS pk_uncorrelated, p.score - (SELECT avg(score) FROM tb_post) AS above_average FROM tb_post p", "{}"),
                // writers at every isolation level: the code that stamps (concurrency.sql)
                Arguments.of("embedded-parent-any-isolation", "SELECT p.pk_post AS pk_embedded_parent_any_isolation, "
                        + "jsonb_build_object('title', p.title, 'author', u.name) AS data FROM tb_post p JOIN tb_user u ON u.pk_user = p.fk_user",
                        "{\"isolation\": \"any\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void theGeneratedSqlIsPinned(String name, String definition, String options) throws SQLException, IOException {
        String entity = name.replace('-', '_');
        exec(c, "SELECT pg_tviews_create_or_replace('" + entity + "', $q$" + definition + "$q$, '" + options + "')");
        String generated = string(c, "SELECT pg_tviews_generated_sql('" + entity + "')")
                .replaceAll("tviews \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?", "tviews <version>")
                .replaceAll("-?\\b\\d{4,}\\b", "<n>");
        Path file = GOLDEN.resolve(name + ".golden");
        if (Boolean.getBoolean("tviews.golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(file)).as("golden file %s (create it with -Dtviews.golden.update=true)", file).isTrue();
        assertThat(generated).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        // printing runs nothing: the code in place is the code printed
        assertThat(string(c, "SELECT count(*) FROM pg_proc WHERE proname LIKE 'tviews\\_" + entity + "\\_%'"))
                .isEqualTo(string(c, "SELECT cardinality(generated_functions) FROM pg_tview_meta WHERE entity_name = '" + entity + "'"));
    }
}

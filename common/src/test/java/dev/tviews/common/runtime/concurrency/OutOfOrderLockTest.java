package dev.tviews.common.runtime.concurrency;

import static dev.tviews.testsupport.Jdbc.exec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tviews.common.RuntimeInstaller;
import dev.tviews.testsupport.Jdbc;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A lock taken against the rank order (concurrency.sql) is waited for at most 200 ms, then the statement raises
 * 40001, instead of waiting for the holder to commit (which could deadlock). The case: a transaction that already
 * locked keys of a TVIEW of rank 1 (tv_board, which reads tv_parent) then changes a child whose tv_parent key
 * (rank 0) another transaction holds. Both the single-key path of the trigger (one key) and its general path
 * (several keys) must give up the same way; nothing the failed statement did stays.
 */
@PostgresTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutOfOrderLockTest {

    private Connection holder;
    private Connection writer;

    @BeforeAll
    void createSchema(TestDatabase db) throws SQLException {
        holder = db.connect();
        writer = db.connect();
        new RuntimeInstaller(holder).install();
        exec(holder, """
                CREATE TABLE tb_tag (pk_tag bigint PRIMARY KEY, label text NOT NULL);
                CREATE TABLE tb_parent (pk_parent bigint PRIMARY KEY, fk_tag bigint NOT NULL REFERENCES tb_tag, name text NOT NULL);
                CREATE TABLE tb_child (pk_child bigint PRIMARY KEY, fk_parent bigint NOT NULL REFERENCES tb_parent, val int NOT NULL);
                INSERT INTO tb_tag VALUES (1, 'one'), (2, 'two');
                INSERT INTO tb_parent VALUES (1, 1, 'p1'), (2, 2, 'p2'), (3, 1, 'p3');
                INSERT INTO tb_child VALUES (1, 1, 0), (2, 1, 0), (3, 3, 0), (4, 2, 0);
                SELECT pg_tviews_create('parent', $q$
                    SELECT p.pk_parent, p.fk_tag, jsonb_build_object('name', p.name,
                           'total', (SELECT COALESCE(sum(c.val), 0) FROM tb_child c WHERE c.fk_parent = p.pk_parent)) AS data
                      FROM tb_parent p $q$);
                SELECT pg_tviews_create('board', $q$
                    SELECT p.pk_parent AS pk_board, p.data, t.label
                      FROM tv_parent p JOIN tb_tag t ON t.pk_tag = p.fk_tag $q$);
                """);
    }

    @AfterAll
    void close() throws SQLException {
        writer.close();
        holder.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"UPDATE tb_child SET val = val + 1 WHERE pk_child = 2",
                            "UPDATE tb_child SET val = val + 1 WHERE pk_child IN (2, 3)"})
    void aLowerRankKeyHeldElsewhereRaises40001Within200Ms(String statement) throws SQLException {
        String boardsBefore = Jdbc.lines(holder, "SELECT pk_board || ' ' || data || ' ' || label FROM tv_board ORDER BY 1").toString();
        holder.setAutoCommit(false);
        writer.setAutoCommit(false);
        try {
            // the holder locks tv_parent key 1 (rank 0) and keeps it
            exec(holder, "UPDATE tb_child SET val = val + 1 WHERE pk_child = 1");
            // the writer locks tv_board keys of tag 2 (rank 1): from now on, rank 0 is against the order
            exec(writer, "SET LOCAL statement_timeout = '10s'", "UPDATE tb_tag SET label = label || '!' WHERE pk_tag = 2");
            long started = System.nanoTime();
            assertThatThrownBy(() -> exec(writer, statement))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("40001"));
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("gave up instead of waiting for the holder to commit").isLessThan(Duration.ofSeconds(5));
            writer.rollback();
            holder.commit();
        } finally {
            writer.rollback();
            holder.rollback();
            writer.setAutoCommit(true);
            holder.setAutoCommit(true);
        }
        assertThat(Jdbc.column(holder, "SELECT entity FROM pg_tviews_verify() WHERE missing_rows + extra_rows + differing_rows > 0"))
                .isEmpty();
        assertThat(Jdbc.lines(holder, "SELECT pk_board || ' ' || data || ' ' || label FROM tv_board ORDER BY 1").toString())
                .as("only the holder's change is in tv_board").isNotEqualTo(boardsBefore).doesNotContain("two!");
    }
}

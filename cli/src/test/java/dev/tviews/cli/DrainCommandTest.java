package dev.tviews.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tviews.testsupport.Jdbc;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * tviews drain over an async TVIEW: writers only queue keys; drain refreshes them batch by batch with a progress
 * line each, stops at --max-items, and fails (exit 1) when a key can't be refreshed, which stays queued.
 */
@PostgresTest
class DrainCommandTest {

    @BeforeAll
    static void asyncTView(TestDatabase db) throws SQLException {
        Cli.succeed(db, "install");
        // 100 / n: a row with n = 0 can be written (async writers only queue its key) but not refreshed.
        Jdbc.exec(db, """
                CREATE TABLE tb_item (pk_item BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, n INT NOT NULL);
                SELECT pg_tviews_create_or_replace('item', 'SELECT pk_item, 100 / n AS q FROM tb_item', '{"mode": "async"}');
                """);
    }

    @AfterEach
    void emptyQueueAndTable(TestDatabase db) throws SQLException {
        Jdbc.exec(db, "DELETE FROM tb_item; DELETE FROM pg_tview_queue; DELETE FROM tv_item");
    }

    @Test
    void drainsInBatchesWithAProgressLineEach(TestDatabase db) throws SQLException {
        Jdbc.exec(db, "INSERT INTO tb_item (n) SELECT g FROM generate_series(1, 5) g");
        assertThat(Jdbc.number(db, "SELECT count(*) FROM tv_item")).as("async: nothing refreshed yet").isZero();
        assertThat(Jdbc.number(db, "SELECT count(*) FROM pg_tview_queue")).isEqualTo(5);

        Cli.Run run = Cli.runOn(db, "drain", "--batch", "2", "--json");

        JsonNode doc = Json.parseSucceeded(run);
        assertThat(doc.get("processed").asLong()).isEqualTo(5);
        assertThat(doc.get("failed").asLong()).isZero();
        assertThat(doc.get("remaining").asLong()).isZero();
        assertThat(doc.get("batches").asInt()).isBetween(3, 4);
        assertThat(doc.get("duration_ms").isNumber()).isTrue();
        assertThat(run.errLines()).as("one progress line per batch, on stderr with --json").hasSize(doc.get("batches").asInt());
        assertThat(run.errLines().get(0)).startsWith("batch 1: item 2; 2 refreshed, 0 failed so far (");
        assertThat(run.errLines().get(2)).startsWith("batch 3: item 1; 5 refreshed, 0 failed so far (");
        assertThat(Jdbc.number(db, "SELECT count(*) FROM tv_item")).isEqualTo(5);
        assertThat(Cli.runOn(db, "verify", "item").exitCode()).isZero();
    }

    @Test
    void maxItemsStopsEarlyAndTheRestWaits(TestDatabase db) throws SQLException {
        Jdbc.exec(db, "INSERT INTO tb_item (n) SELECT g FROM generate_series(1, 4) g");

        Cli.Run first = Cli.runOn(db, "drain", "--max-items", "3");

        assertThat(first.exitCode()).as("%s", first).isZero();
        assertThat(first.out()).startsWith("batch 1: item 3; 3 refreshed, 0 failed so far (")
                .contains("drained 3 entries in 1 batch and ").endsWith(": 0 failed, 1 remaining\n");
        assertThat(Jdbc.number(db, "SELECT count(*) FROM tv_item")).isEqualTo(3);

        Cli.Run rest = Cli.runOn(db, "drain", "--json");
        assertThat(rest.exitCode()).as("%s", rest).isZero();
        assertThat(Json.parse(rest).get("processed").asLong()).isEqualTo(1);
        assertThat(Cli.runOn(db, "verify", "item").exitCode()).isZero();
    }

    @Test
    void aKeyThatFailsToRefreshFailsTheDrainAndStaysQueued(TestDatabase db) throws SQLException {
        Jdbc.exec(db, "INSERT INTO tb_item (n) VALUES (1), (0), (2)");

        Cli.Run run = Cli.runOn(db, "drain", "--json");

        JsonNode doc = Json.parseFailed(run);
        assertThat(doc.get("processed").asLong()).isEqualTo(2);
        // at least one failed attempt (a second one only if the 2 s retry backoff passed during the drain)
        assertThat(doc.get("failed").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(doc.get("remaining").asLong()).isEqualTo(1);
        assertThat(run.errLines().get(run.errLines().size() - 1)).startsWith("tviews: ")
                .contains(" failed refresh attempt").contains("stay queued with their last error").contains("tviews status");
        assertThat(Jdbc.string(db, "SELECT last_error FROM pg_tview_queue")).contains("division by zero");
    }

    @Test
    void batchAndMaxItemsMustBePositive() {
        Cli.Run batch = Cli.withoutEnvironment().run("drain", "--batch", "0", "-p", "1");
        assertThat(batch.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(batch.errLines()).containsExactly("tviews: --batch must be at least 1, not 0 (see tviews drain --help)");

        Cli.Run max = Cli.withoutEnvironment().run("drain", "--max-items", "-5", "-p", "1");
        assertThat(max.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(max.errLines()).containsExactly("tviews: --max-items must be at least 1, not -5 (see tviews drain --help)");
    }
}

package dev.tviews.common.runtime;

import static dev.tviews.common.runtime.RuntimeFixture.staleTViews;
import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.number;
import static dev.tviews.testsupport.Jdbc.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A backend terminated in the middle of a transaction (pg_terminate_backend: a crashed
 * application, a killed connection) takes its TVIEW changes with it: every TVIEW stays exact,
 * including while another transaction was waiting for its locks.
 */
@PostgresTest
class TerminatedBackendTest {

    private TestDatabase db;

    @BeforeEach
    void schema(TestDatabase db) throws SQLException {
        this.db = db;
        try (Connection c = RuntimeFixture.connectWithRuntime(db)) {
            exec(c, "SELECT pg_tviews_drop(entity_name, cascade => true) FROM pg_tview_meta",
                    "DROP TABLE IF EXISTS tb_post, tb_user CASCADE",
                    "CREATE TABLE tb_user (pk_user bigint PRIMARY KEY, name text NOT NULL)",
                    "CREATE TABLE tb_post (pk_post bigint PRIMARY KEY, fk_user bigint NOT NULL REFERENCES tb_user, title text)",
                    "INSERT INTO tb_user VALUES (1, 'ann')",
                    "INSERT INTO tb_post VALUES (10, 1, 'hello')",
                    "SELECT pg_tviews_create('tv_post', $q$SELECT p.pk_post, jsonb_build_object('title', p.title, 'author', u.name) AS data "
                            + "FROM tb_post p JOIN tb_user u ON u.pk_user = p.fk_user$q$)");
        }
    }

    @Test
    void terminatedMidTransactionLeavesEveryTViewExact() throws Exception {
        try (Connection victim = db.connect(); Connection observer = db.connect()) {
            victim.setAutoCommit(false);
            exec(victim, "UPDATE tb_user SET name = 'ANN' WHERE pk_user = 1", "INSERT INTO tb_post VALUES (11, 1, 'second')");
            assertThat(string(victim, "SELECT data->>'author' FROM tv_post WHERE pk_post = 11")).isEqualTo("ANN");
            exec(observer, "SELECT pg_terminate_backend(" + number(victim, "SELECT pg_backend_pid()") + ")");
            assertThatThrownBy(() -> exec(victim, "SELECT 1")).isInstanceOf(SQLException.class);
            assertThat(staleTViews(observer)).isEmpty();
            assertThat(string(observer, "SELECT string_agg(data->>'author', ',') FROM tv_post")).isEqualTo("ann");
        }
    }

    @Test
    void terminatedWhileWaitingForAnotherWritersLocksLeavesEveryTViewExact() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection holder = db.connect(); Connection victim = db.connect(); Connection observer = db.connect()) {
            holder.setAutoCommit(false);
            victim.setAutoCommit(false);
            exec(holder, "UPDATE tb_user SET name = 'ANN' WHERE pk_user = 1");
            long victimPid = number(victim, "SELECT pg_backend_pid()");
            // the victim links a new post to the renamed user: it must wait for the holder's locks
            Future<?> blocked = pool.submit(() -> {
                exec(victim, "INSERT INTO tb_post VALUES (11, 1, 'second')");
                return null;
            });
            awaitLockWait(observer, victimPid);
            exec(observer, "SELECT pg_terminate_backend(" + victimPid + ")");
            assertThatThrownBy(() -> blocked.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(SQLException.class);
            holder.commit();
            assertThat(staleTViews(observer)).isEmpty();
            assertThat(number(observer, "SELECT count(*) FROM tv_post")).isEqualTo(1);
            assertThat(string(observer, "SELECT data->>'author' FROM tv_post WHERE pk_post = 10")).isEqualTo("ANN");
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitLockWait(Connection observer, long pid) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if ("Lock".equals(string(observer, "SELECT wait_event_type FROM pg_stat_activity WHERE pid = " + pid))) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the second writer did not wait for the first one's locks");
    }
}

package dev.tviews.common.runtime;

import static dev.tviews.common.runtime.RuntimeFixture.staleTViews;
import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.number;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Generated refresh code takes a different statement by the number of keys (one key: a plan kept
 * across calls; up to 256: the cached multi-key statement; more: planned for its keys) and builds an
 * empty TVIEW with a plain INSERT ... SELECT. Each path must leave the TVIEW equal to its view.
 */
class RefreshPathsTest extends RuntimeConnectionTest {

    @BeforeEach
    void blog() throws SQLException {
        exec(c, "SELECT pg_tviews_drop(entity_name, cascade => true) FROM pg_tview_meta",
                "DROP TABLE IF EXISTS tb_post, tb_user",
                "CREATE TABLE tb_user (pk_user bigint PRIMARY KEY, name text NOT NULL)",
                "CREATE TABLE tb_post (pk_post bigint PRIMARY KEY, fk_user bigint NOT NULL REFERENCES tb_user ON DELETE CASCADE,"
                        + " title text NOT NULL)",
                "CREATE INDEX ON tb_post (fk_user)",
                "INSERT INTO tb_user SELECT g, 'user ' || g FROM generate_series(1, 20) g",
                // user 1 owns 100 posts, user 2 owns 1,000, the others 10 each
                "INSERT INTO tb_post SELECT g, CASE WHEN g <= 100 THEN 1 WHEN g <= 1100 THEN 2 ELSE 3 + g % 18 END, 'post ' || g"
                        + " FROM generate_series(1, 1280) g");
        // registered over existing rows: the first build of the empty tv_ tables
        exec(c, "SELECT pg_tviews_create('tv_post', $q$SELECT p.pk_post, jsonb_build_object('title', p.title, 'author', u.name) AS data"
                        + " FROM tb_post p JOIN tb_user u ON u.pk_user = p.fk_user$q$)",
                "SELECT pg_tviews_create('tv_user', $q$SELECT u.pk_user, u.name,"
                        + " (SELECT count(*) FROM tb_post p WHERE p.fk_user = u.pk_user) AS posts FROM tb_user u$q$)");
    }

    @Test
    void theFirstBuildFillsEveryRow() throws SQLException {
        assertThat(number(c, "SELECT count(*) FROM tv_post")).isEqualTo(1280);
        assertThat(number(c, "SELECT posts FROM tv_user WHERE pk_user = 2")).isEqualTo(1000);
        assertThat(staleTViews(c)).isEmpty();
    }

    @Test
    void oneKeyAtATimeStaysExactAcrossManyCalls() throws SQLException {
        for (int i = 1; i <= 12; i++) { // past the point where PostgreSQL switches to a kept plan
            exec(c, "UPDATE tb_post SET title = 'single " + i + "' WHERE pk_post = " + (1100 + i));
            exec(c, "DELETE FROM tb_post WHERE pk_post = " + (1200 + i));
            exec(c, "INSERT INTO tb_post VALUES (" + (5000 + i) + ", 4, 'new " + i + "')");
        }
        assertThat(staleTViews(c)).isEmpty();
        assertThat(number(c, "SELECT count(*) FROM tv_post WHERE data->>'title' LIKE 'single %'")).isEqualTo(12);
    }

    @Test
    void aHundredKeysStayExactAcrossManyCalls() throws SQLException {
        for (int i = 1; i <= 8; i++) {
            exec(c, "UPDATE tb_user SET name = 'renamed " + i + "' WHERE pk_user = 1"); // 100 posts, 1 user
        }
        assertThat(staleTViews(c)).isEmpty();
        assertThat(number(c, "SELECT count(*) FROM tv_post WHERE data->>'author' = 'renamed 8'")).isEqualTo(100);
    }

    @Test
    void thousandsOfKeysInOneStatementStayExact() throws SQLException {
        for (int i = 1; i <= 7; i++) {
            exec(c, "UPDATE tb_user SET name = 'big " + i + "' WHERE pk_user = 2"); // 1,000 posts
        }
        exec(c, "DELETE FROM tb_post WHERE pk_post BETWEEN 101 AND 400",
                "INSERT INTO tb_post SELECT g, 5, 'bulk' FROM generate_series(10001, 10600) g");
        assertThat(staleTViews(c)).isEmpty();
        assertThat(number(c, "SELECT count(*) FROM tv_post WHERE data->>'author' = 'big 7'")).isEqualTo(700);
        assertThat(number(c, "SELECT posts FROM tv_user WHERE pk_user = 5")).isEqualTo(600 + number(c,
                "SELECT count(*) FROM tb_post WHERE fk_user = 5 AND pk_post < 10001"));
    }

    @Test
    void aRebuildOfAFilledTViewRewritesOnlyWhatDiffers() throws SQLException {
        exec(c, "UPDATE tv_post SET data = '{}' WHERE pk_post = 7", "DELETE FROM tv_post WHERE pk_post = 8");
        exec(c, "SELECT pg_tviews_refresh('post')");
        assertThat(staleTViews(c)).isEmpty();
        assertThat(number(c, "SELECT count(*) FROM tv_post")).isEqualTo(1280);
    }
}

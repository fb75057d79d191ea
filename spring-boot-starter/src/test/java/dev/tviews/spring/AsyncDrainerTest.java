package dev.tviews.spring;

import static dev.tviews.spring.TestApp.differences;
import static dev.tviews.spring.TestApp.exec;
import static dev.tviews.spring.TestApp.json;
import static dev.tviews.spring.TestApp.number;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * tviews.entities.post.mode=async makes tv_post async: writers only queue its keys, and the drainer the starter
 * starts refreshes them; the health shows the queue; shutdown stops the drainer. A second application on the same
 * database runs a drainer too, and the advisory lock lets one of them drain at a time.
 */
@PostgresTest
class AsyncDrainerTest {

    private static final String[] ASYNC_POSTS = {"spring.flyway.locations=classpath:db/users,classpath:db/posts",
            "tviews.entities.post.mode=async", "tviews.drainer.interval=100ms"};

    @Test
    void theDrainerRefreshesAsyncTviewsAndStopsAtShutdown(TestDatabase db) throws Exception {
        TViewsQueueWorker worker;
        try (ConfigurableApplicationContext app = TestApp.start(db, "blog", ASYNC_POSTS);
             Connection c = db.connect()) {
            worker = app.getBean(TViewsQueueWorker.class);
            assertThat(worker.isRunning()).isTrue();
            assertThat(number(c, "SELECT count(*) FROM blog.pg_tview_meta WHERE entity_name = 'post' AND options->>'mode' = 'async'"))
                    .isEqualTo(1);
            JsonNode queues = json(app, "/actuator/health").path("components").path("tviews").path("details").path("asyncQueues");
            assertThat(queues.has("post")).isTrue();

            exec(c, "INSERT INTO blog.tb_post (fk_user, title) SELECT 2, 'Post ' || i FROM generate_series(1, 50) i");
            exec(c, "UPDATE blog.tb_user SET name = 'Robert' WHERE pk_user = 2");
            assertThat(awaitNoDifferences(c)).as("tv_post converged with v_post after the drain").isZero();
            assertThat(number(c, "SELECT count(*) FROM blog.tv_post WHERE data->>'author' = 'Robert'")).isEqualTo(50);
            assertThat(number(c, "SELECT count(*) FROM blog.pg_tview_queue")).isZero();
        }
        assertThat(worker.isRunning()).isFalse();
    }

    @Test
    void twoInstancesShareTheQueueOneDrainerAtATime(TestDatabase db) throws Exception {
        try (ConfigurableApplicationContext first = TestApp.start(db, "shared", ASYNC_POSTS);
             ConfigurableApplicationContext second = TestApp.start(db, "shared", ASYNC_POSTS);
             Connection c = db.connect()) {
            assertThat(first.getBean(TViewsQueueWorker.class).isRunning()).isTrue();
            assertThat(second.getBean(TViewsQueueWorker.class).isRunning()).isTrue();
            // While this session holds the drain lock, neither instance drains: the keys stay queued.
            exec(c, "SELECT pg_advisory_lock(hashtext('" + TViewsQueueWorker.LOCK_NAME + "'))");
            exec(c, "INSERT INTO shared.tb_post (fk_user, title) VALUES (1, 'Queued')");
            Thread.sleep(500);
            assertThat(number(c, "SELECT count(*) FROM shared.pg_tview_queue")).isEqualTo(1);
            assertThat(differences(c, "shared", "post", "pk_post, data")).isEqualTo(1);
            exec(c, "SELECT pg_advisory_unlock(hashtext('" + TViewsQueueWorker.LOCK_NAME + "'))");
            assertThat(awaitNoDifferences(c, "shared")).isZero();
        }
    }

    private static long awaitNoDifferences(Connection c) throws Exception {
        return awaitNoDifferences(c, "blog");
    }

    /** Polls (up to 60 s, so that a slow machine doesn't fail it) until tv_post equals v_post; the last difference. */
    private static long awaitNoDifferences(Connection c, String schema) throws Exception {
        long differences = differences(c, schema, "post", "pk_post, data");
        for (int i = 0; i < 600 && differences > 0; i++) {
            Thread.sleep(100);
            differences = differences(c, schema, "post", "pk_post, data");
        }
        return differences;
    }
}

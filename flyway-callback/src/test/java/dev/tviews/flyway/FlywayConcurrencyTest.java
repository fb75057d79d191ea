package dev.tviews.flyway;

import static dev.tviews.flyway.FlywayFixture.BLOG;
import static dev.tviews.flyway.FlywayFixture.configure;
import static dev.tviews.flyway.FlywayFixture.connect;
import static dev.tviews.flyway.FlywayFixture.staleRows;
import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.number;
import static dev.tviews.testsupport.Jdbc.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.testsupport.Concurrently;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/** Two application instances starting at once: both migrate the same database, both succeed. */
@PostgresTest
class FlywayConcurrencyTest {

    @Test
    void twoThreadsMigratingTheSameDatabaseAtOnceBothSucceed(TestDatabase db) throws Exception {
        String schema = "concurrent";
        try (Connection c = db.connect()) {
            exec(c, "CREATE SCHEMA " + schema);
        }
        // round 1: an empty schema (runtime install and first conversion race); round 2: a new migration
        List<MigrateResult> first = migrateConcurrently(db, schema, BLOG);
        assertThat(first).allMatch(r -> r.success);
        assertThat(first.stream().mapToInt(r -> r.migrationsExecuted).sum()).isEqualTo(3);

        List<MigrateResult> second = migrateConcurrently(db, schema, BLOG, "classpath:db/blog-v4");
        assertThat(second).allMatch(r -> r.success);
        assertThat(second.stream().mapToInt(r -> r.migrationsExecuted).sum()).isEqualTo(1);

        try (Connection c = connect(db, schema)) {
            assertThat(rows(c, "SELECT entity_name FROM pg_tview_meta ORDER BY 1"))
                    .containsExactly(List.of("comment"), List.of("post"), List.of("user"));
            // each entity was created once and re-derived once (V4), whichever instance did it
            assertThat(number(c, "SELECT count(*) FROM pg_tview_meta_audit WHERE entity_name = 'post'")).isEqualTo(2);
            assertThat(number(c, "SELECT count(*) FROM pg_tview_meta_audit")).isEqualTo(4);
            assertThat(number(c, "SELECT count(*) FROM tv_post WHERE data ? 'subtitle'")).isEqualTo(2);
            assertThat(staleRows(c, schema)).isZero();
        }
    }

    private static List<MigrateResult> migrateConcurrently(TestDatabase db, String schema, String... locations) throws Exception {
        int instances = 2;
        CyclicBarrier start = new CyclicBarrier(instances);
        List<Callable<MigrateResult>> migrations = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            migrations.add(() -> {
                var flyway = configure(db, schema, locations).callbacks(new TViewsCallback()).load();
                start.await(30, TimeUnit.SECONDS);
                return flyway.migrate();
            });
        }
        return Concurrently.run(migrations, Duration.ofSeconds(120));
    }
}

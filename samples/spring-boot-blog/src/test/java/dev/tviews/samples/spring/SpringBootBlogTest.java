package dev.tviews.samples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.samples.story.SampleDatabase;
import dev.tviews.samples.story.SampleOptions;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sample started as the demo starts it (on the test database through --url, on a free port): GET /posts/1 returns
 * exactly tv_post's document, which equals v_post's; the walkthrough's rename and comment reach the documents; every
 * TVIEW is exact afterwards.
 */
@PostgresTest
class SpringBootBlogTest {

    @Test
    void servesPostsFromTvPostAndTheyFollowWrites(TestDatabase db) throws Exception {
        SampleOptions options = SampleOptions.parse("--url", db.jdbcUrl(), "--user", db.user(), "--password", db.password());
        try (SampleDatabase database = SampleDatabase.open(options);
             ConfigurableApplicationContext app = BlogDemo.start(database, 0);
             Connection c = db.connect()) {
            HttpResponse<String> post = get(app, "/posts/1");
            assertThat(post.statusCode()).isEqualTo(200);
            assertThat(post.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(sameJson(c, "SELECT data FROM tv_post WHERE pk_post = 1", post.body())).isTrue();
            assertThat(sameJson(c, "SELECT data FROM v_post WHERE pk_post = 1", post.body())).isTrue();
            assertThat(get(app, "/posts/99").statusCode()).isEqualTo(404);

            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            BlogDemo.walkThrough(app, new PrintStream(printed, true, StandardCharsets.UTF_8));
            String story = printed.toString(StandardCharsets.UTF_8);
            assertThat(story).contains("PUT /users/1/name 'Alice Liddell' -> 204", "\"name\": \"Alice Liddell\"",
                    "\"comments\": 2", "GET /actuator/health/tviews -> 200");

            HttpResponse<String> after = get(app, "/posts/1");
            assertThat(sameJson(c, "SELECT data FROM v_post WHERE pk_post = 1", after.body())).isTrue();
            assertThat(after.body()).contains("Alice Liddell");
            for (String entity : new String[] {"user", "post", "comment"}) {
                assertThat(differences(c, entity)).as(entity).isZero();
            }
        }
    }

    private static HttpResponse<String> get(ConfigurableApplicationContext app, String path) throws Exception {
        String port = app.getEnvironment().getProperty("local.server.port");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean sameJson(Connection c, String query, String json) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT (" + query + ") = ?::jsonb")) {
            ps.setString(1, json);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static long differences(Connection c, String entity) throws SQLException {
        String cols = "pk_" + entity + ", data";
        String sql = "SELECT count(*) FROM ((SELECT row(" + cols + ")::text FROM tv_" + entity + " EXCEPT ALL SELECT row(" + cols
                + ")::text FROM v_" + entity + ") UNION ALL (SELECT row(" + cols + ")::text FROM v_" + entity
                + " EXCEPT ALL SELECT row(" + cols + ")::text FROM tv_" + entity + ")) d";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

package dev.tviews.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** The demo runs to completion and tells the story it promises (the cascade included). */
class BlogDemoTest {

    @Test
    void demoRunsAndShowsTheCascade() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setLocaleConfig("locale", "C").start();
             Connection c = postgres.getPostgresDatabase().getConnection()) {
            new BlogDemo(c, new PrintStream(buffer, true, StandardCharsets.UTF_8)).run();
        }
        String output = buffer.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("user     CREATED").contains("post     CREATED").contains("comment  CREATED");
        assertThat(output).contains("  1 | Alice Liddell | Hello TVIEWs").contains("  1 | Bob | Nice one, Alice")
                .contains("  2 | Alice Liddell | Replying to myself");
        assertThat(output).contains("  post | 0 | 0 | 0").doesNotContain("ERROR");
    }
}

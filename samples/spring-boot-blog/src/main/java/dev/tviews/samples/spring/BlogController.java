package dev.tviews.samples.spring;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads come straight from the read model ({@code tv_post.data}, already JSON: no joins, no mapping); writes go to
 * the normalized tables, and tviews keeps {@code tv_*} exact in the same transaction.
 */
@RestController
class BlogController {

    private final JdbcClient jdbc;

    BlogController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A post's document, as tv_post holds it. */
    @GetMapping(path = "/posts/{pk}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> post(@PathVariable("pk") long pk) {
        return jdbc.sql("SELECT data::text FROM tv_post WHERE pk_post = ?").param(pk).query(String.class).optional()
                .map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    /** Every post's document, in key order. */
    @GetMapping(path = "/posts", produces = MediaType.APPLICATION_JSON_VALUE)
    String posts() {
        return jdbc.sql("SELECT COALESCE(jsonb_agg(data ORDER BY pk_post), '[]')::text FROM tv_post").query(String.class).single();
    }

    /** Renames a user (a write to tb_user); her posts' documents follow. */
    @PutMapping(path = "/users/{pk}/name", consumes = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<Void> rename(@PathVariable("pk") long pk, @RequestBody String name) {
        int updated = jdbc.sql("UPDATE tb_user SET name = ? WHERE pk_user = ?").param(name.strip()).param(pk).update();
        return updated == 0 ? ResponseEntity.notFound().build() : ResponseEntity.noContent().build();
    }

    /** Adds a comment by user {@code user} (a write to tb_comment); the post's comment count follows. */
    @PostMapping(path = "/posts/{pk}/comments", consumes = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<Void> comment(@PathVariable("pk") long pk, @RequestParam("user") long user, @RequestBody String text) {
        jdbc.sql("INSERT INTO tb_comment (fk_post, fk_user, text) VALUES (?, ?, ?)").param(pk).param(user).param(text.strip()).update();
        return ResponseEntity.noContent().build();
    }
}

package dev.tviews.cli;

import dev.tviews.testsupport.Jdbc;
import dev.tviews.testsupport.TestDatabase;
import java.sql.SQLException;

/** The shared blog fixture (test-support), in a schema of its own, with the CLI tests' seed. */
final class Blog {

    private Blog() {
    }

    /** The blog's tables in {@code schema}, with two users, three posts and two comments. */
    static void createSeeded(TestDatabase db, String schema) throws SQLException {
        dev.tviews.testsupport.Blog.create(db, schema);
        Jdbc.exec(db, "SET search_path TO " + schema + ";\n"
                + """
                INSERT INTO tb_user (email, name) VALUES ('alice@example.com', 'Alice'), ('bob@example.com', 'Bob');
                INSERT INTO tb_post (fk_user, title, content) VALUES (1, 'Hello', 'first'), (1, 'Again', 'second'),
                    (2, 'Bob here', 'third');
                INSERT INTO tb_comment (fk_post, fk_user, text) VALUES (1, 2, 'nice'), (3, 1, 'welcome');
                """);
    }
}

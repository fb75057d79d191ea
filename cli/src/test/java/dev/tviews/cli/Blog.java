package dev.tviews.cli;

import dev.tviews.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The integration guide's blog: tb_user, tb_post, tb_comment and their tv_ tables, in a schema of its own. */
final class Blog {

    private Blog() {
    }

    static void create(TestDatabase db, String schema) throws SQLException {
        exec(db, "CREATE SCHEMA IF NOT EXISTS " + schema + ";\n"
                + "SET search_path TO " + schema + ";\n"
                + """
                CREATE TABLE tb_user (
                    pk_user BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    id UUID NOT NULL DEFAULT gen_random_uuid() UNIQUE,
                    email TEXT NOT NULL,
                    name TEXT NOT NULL);
                CREATE TABLE tb_post (
                    pk_post BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    id UUID NOT NULL DEFAULT gen_random_uuid() UNIQUE,
                    fk_user BIGINT NOT NULL REFERENCES tb_user(pk_user),
                    title TEXT NOT NULL,
                    content TEXT NOT NULL);
                CREATE TABLE tb_comment (
                    pk_comment BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    id UUID NOT NULL DEFAULT gen_random_uuid() UNIQUE,
                    fk_post BIGINT NOT NULL REFERENCES tb_post(pk_post),
                    fk_user BIGINT NOT NULL REFERENCES tb_user(pk_user),
                    text TEXT NOT NULL);
                CREATE TABLE tv_user (pk_user BIGINT PRIMARY KEY, data JSONB NOT NULL,
                    created_at TIMESTAMP DEFAULT NOW(), updated_at TIMESTAMP DEFAULT NOW());
                CREATE TABLE tv_post (pk_post BIGINT PRIMARY KEY, data JSONB NOT NULL,
                    created_at TIMESTAMP DEFAULT NOW(), updated_at TIMESTAMP DEFAULT NOW());
                CREATE TABLE tv_comment (pk_comment BIGINT PRIMARY KEY, data JSONB NOT NULL,
                    created_at TIMESTAMP DEFAULT NOW(), updated_at TIMESTAMP DEFAULT NOW());
                """);
    }

    /** Two users, three posts, two comments. */
    static void seed(TestDatabase db, String schema) throws SQLException {
        exec(db, "SET search_path TO " + schema + ";\n"
                + """
                INSERT INTO tb_user (email, name) VALUES ('alice@example.com', 'Alice'), ('bob@example.com', 'Bob');
                INSERT INTO tb_post (fk_user, title, content) VALUES (1, 'Hello', 'first'), (1, 'Again', 'second'),
                    (2, 'Bob here', 'third');
                INSERT INTO tb_comment (fk_post, fk_user, text) VALUES (1, 2, 'nice'), (3, 1, 'welcome');
                """);
    }

    static void exec(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static String string(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static long number(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

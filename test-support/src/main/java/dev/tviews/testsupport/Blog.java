package dev.tviews.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The integration guide's blog, the one fixture every module's tests share: tb_user, tb_post, tb_comment (the write
 * model) and tv_user, tv_post, tv_comment (the read model), with two users, two posts and a comment as seed. The SQL
 * is a set of Flyway migrations ({@link #MIGRATIONS}), so Flyway tests migrate the same files the others run here.
 */
public final class Blog {

    /** The Flyway location of the blog: V1 base tables, V2 tv_ tables, V3 seed. */
    public static final String MIGRATIONS = "classpath:db/blog";

    private Blog() {
    }

    /** The write model: tb_user, tb_post, tb_comment. */
    public static String baseTables() {
        return read("V1__base.sql");
    }

    /** The read model: tv_user, tv_post, tv_comment (plain tables until converted). */
    public static String tvTables() {
        return read("V2__tv_tables.sql");
    }

    /** Two users, two posts, one comment. */
    public static String seedRows() {
        return read("V3__seed.sql");
    }

    /** Creates {@code schema} (when missing) with the blog's tables, and leaves the search_path on it. */
    public static void create(Connection c, String schema) throws SQLException {
        Jdbc.exec(c, "CREATE SCHEMA IF NOT EXISTS \"" + schema.replace("\"", "\"\"") + "\"",
                "SET search_path TO \"" + schema.replace("\"", "\"\"") + "\"", baseTables(), tvTables());
    }

    /** {@link #create} on a connection of its own. */
    public static void create(TestDatabase db, String schema) throws SQLException {
        try (Connection c = db.connect()) {
            create(c, schema);
        }
    }

    private static String read(String file) {
        String resource = MIGRATIONS.substring("classpath:".length()) + "/" + file;
        try (InputStream in = Blog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + resource + " (tviews-test-support)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

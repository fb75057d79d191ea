package dev.tviews.samples;

import dev.tviews.common.AutoConverter;
import dev.tviews.common.ConversionResult;
import dev.tviews.common.PlanRow;
import dev.tviews.common.RuntimeInstaller;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The integration guide's blog, told step by step: base tables, tv_ tables, the conversion plan
 * and report, custom views that embed other TVIEWs, writes, and a user rename cascading into posts
 * and comments. Starts an embedded PostgreSQL unless a JDBC URL is given as the first argument.
 */
public final class BlogDemo {

    private final Connection connection;
    private final PrintStream out;

    BlogDemo(Connection connection, PrintStream out) {
        this.connection = connection;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            try (Connection c = DriverManager.getConnection(args[0])) {
                new BlogDemo(c, System.out).run();
            }
            return;
        }
        System.out.println("Starting an embedded PostgreSQL (binaries from Maven Central)...");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setLocaleConfig("locale", "C").start();
             Connection c = postgres.getPostgresDatabase().getConnection()) {
            new BlogDemo(c, System.out).run();
        }
    }

    void run() throws SQLException {
        step("PostgreSQL", "SELECT version()");
        out.println(new RuntimeInstaller(connection).install());

        title("1. Base tables tb_* and read-model tables tv_* (the guide's schema files 01 and 02)");
        exec(BlogSchema.BASE_TABLES, BlogSchema.TV_TABLES);
        out.println("created tb_user, tb_post, tb_comment and tv_user, tv_post, tv_comment");

        title("2. Dry run: pg_tviews_auto_convert_plan()");
        AutoConverter converter = new AutoConverter(connection, "public");
        for (PlanRow row : converter.plan("public")) {
            out.printf("  %-8s %-18s -> %-16s %s%n", row.entity(), row.baseTable(), row.backingView(), row.action());
        }

        title("3. Convert: pg_tviews_auto_convert()");
        for (ConversionResult r : converter.convert("public")) {
            out.printf("  %-8s %-9s %s%n", r.entity(), r.status(), r.message());
        }

        title("4. Custom backing views: posts embed their author's TVIEW document, comments embed author and post");
        step("post", "SELECT pg_tviews_create('post', $$ " + BlogSchema.POST_VIEW + " $$)");
        step("comment", "SELECT pg_tviews_create('comment', $$ " + BlogSchema.COMMENT_VIEW + " $$)");

        title("5. Seed data, with the TVIEWs maintained in the same transactions");
        exec(BlogSchema.SEED);
        show("tv_user", "SELECT pk_user, data FROM tv_user ORDER BY pk_user");
        show("tv_post", "SELECT pk_post, data FROM tv_post ORDER BY pk_post");
        show("tv_comment", "SELECT pk_comment, data FROM tv_comment ORDER BY pk_comment");

        title("6. UPDATE tb_user SET name = 'Alice Liddell' WHERE email = 'alice@example.com'");
        exec("UPDATE tb_user SET name = 'Alice Liddell' WHERE email = 'alice@example.com'");
        show("tv_post (author embedded from tv_user)", "SELECT pk_post, data->'author'->>'name' AS author, data->>'title' AS title FROM tv_post ORDER BY pk_post");
        show("tv_comment (author and post)", "SELECT pk_comment, data->'author'->>'name' AS author, data->>'text' AS text FROM tv_comment ORDER BY pk_comment");

        title("7. Verify: every TVIEW equals its view");
        show("pg_tviews_verify()", "SELECT entity, missing_rows, extra_rows, differing_rows FROM pg_tviews_verify()");
        show("pg_tviews_health_check()", "SELECT status, component, message FROM pg_tviews_health_check()");
    }

    private void title(String text) {
        out.println();
        out.println("== " + text);
    }

    private void exec(String... sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    private void step(String label, String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            out.println(label + ": " + rs.getString(1));
        }
    }

    private void show(String label, String sql) throws SQLException {
        out.println("-- " + label);
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder line = new StringBuilder("  ");
                for (int i = 1; i <= n; i++) {
                    line.append(i > 1 ? " | " : "").append(rs.getString(i));
                }
                out.println(line);
            }
        }
    }
}

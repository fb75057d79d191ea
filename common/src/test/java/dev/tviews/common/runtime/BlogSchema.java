package dev.tviews.common.runtime;

import static dev.tviews.testsupport.Jdbc.exec;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A small blog in a schema of its own, for tests that break things with DDL: tables {@code tb_user},
 * {@code tb_post} (FOREIGN KEY to tb_user) and {@code tb_tag} (FOREIGN KEY to tb_post), and three TVIEWs
 * whose entity names start with the schema's name (entity names are unique across schemas):
 * <ul>
 *   <li>{@code <schema>_post}: a post with its author's name and its tags (reads tb_post, tb_user, tb_tag);</li>
 *   <li>{@code <schema>_author}: a user with the number of posts (reads tb_user, tb_post);</li>
 *   <li>{@code <schema>_feed}: reads the TVIEW tv_{@code <schema>}_author.</li>
 * </ul>
 *
 * @param schema the schema holding it all
 */
record BlogSchema(String schema) {

    String post() {
        return schema + "_post";
    }

    String author() {
        return schema + "_author";
    }

    String feed() {
        return schema + "_feed";
    }

    List<String> entities() {
        return List.of(post(), author(), feed());
    }

    String postSelect() {
        return "SELECT p.pk_post AS pk_" + post() + ", p.title, u.name AS author, "
                + "(SELECT string_agg(t.label, ',' ORDER BY t.label) FROM tb_tag t WHERE t.fk_post = p.pk_post) AS tags "
                + "FROM tb_post p JOIN tb_user u ON u.pk_user = p.fk_user";
    }

    String authorSelect() {
        return "SELECT u.pk_user AS pk_" + author() + ", u.name, "
                + "(SELECT count(*) FROM tb_post p WHERE p.fk_user = u.pk_user) AS posts FROM tb_user u";
    }

    String feedSelect() {
        return "SELECT a.pk_" + author() + " AS pk_" + feed() + ", upper(a.name) AS name, a.posts "
                + "FROM tv_" + author() + " a WHERE a.posts > 0";
    }

    /** Creates the schema, its tables and rows, and registers the three TVIEWs. */
    BlogSchema create(Connection c) throws SQLException {
        exec(c, "CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".tb_user (pk_user BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name TEXT NOT NULL)",
                "CREATE TABLE " + schema + ".tb_post (pk_post BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                        + "fk_user BIGINT NOT NULL REFERENCES " + schema + ".tb_user, title TEXT NOT NULL)",
                "CREATE TABLE " + schema + ".tb_tag (pk_tag BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                        + "fk_post BIGINT NOT NULL REFERENCES " + schema + ".tb_post, label TEXT NOT NULL)",
                "INSERT INTO " + schema + ".tb_user (name) VALUES ('ann'), ('ben'), ('cid')",
                "INSERT INTO " + schema + ".tb_post (fk_user, title) VALUES (1, 'hello'), (1, 'again'), (2, 'mine')",
                "INSERT INTO " + schema + ".tb_tag (fk_post, label) VALUES (1, 'news'), (1, 'intro'), (3, 'misc')");
        exec(c, "SELECT pg_tviews_create('" + schema + "." + post() + "', $q$" + postSelect() + "$q$)",
                "SELECT pg_tviews_create('" + schema + "." + author() + "', $q$" + authorSelect() + "$q$)",
                "SELECT pg_tviews_create('" + schema + "." + feed() + "', $q$" + feedSelect() + "$q$)");
        return this;
    }

    /** Writes to every table: inserts, updates (also re-parenting) and deletes. */
    void write(Connection c) throws SQLException {
        write(c, "name");
    }

    /** The same, with tb_user's name column called {@code nameColumn} (after a rename). */
    void write(Connection c, String nameColumn) throws SQLException {
        exec(c, "INSERT INTO " + schema + ".tb_user (" + nameColumn + ") VALUES ('dot')",
                "INSERT INTO " + schema + ".tb_post (fk_user, title) VALUES (3, 'third')",
                "UPDATE " + schema + ".tb_user SET " + nameColumn + " = " + nameColumn + " || '+' WHERE pk_user = 1",
                "UPDATE " + schema + ".tb_post SET fk_user = 2 WHERE pk_post = 2",
                "INSERT INTO " + schema + ".tb_tag (fk_post, label) VALUES (2, 'moved')",
                "UPDATE " + schema + ".tb_tag SET label = label || '!' WHERE fk_post = 1",
                "DELETE FROM " + schema + ".tb_tag WHERE label = 'misc'");
    }

    /** Removes what is left of it: registrations (also broken ones) and the schema. */
    void drop(Connection c) throws SQLException {
        for (String e : List.of(feed(), post(), author())) {
            exec(c, "SELECT pg_tviews_drop('" + e + "', if_exists => true, \"cascade\" => true)");
        }
        exec(c, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
}

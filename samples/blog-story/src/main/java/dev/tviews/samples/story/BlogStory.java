package dev.tviews.samples.story;

import dev.tviews.common.support.TextTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The story both samples tell once the blog is migrated: what was applied, the conversion plan and tviews' report,
 * a few writes to the tb_ tables, the tv_ documents they produced, a user renamed in one statement and the documents
 * that changed with her (read before the commit), and pg_tviews_verify(). Only rows written by this run are shown,
 * so a second run against the same database tells the same story.
 */
public final class BlogStory {

    /** The TVIEWs of the blog, in the order they are shown. */
    static final List<String> ENTITIES = List.of("user", "post", "comment");

    static final String NEW_NAME = "Alice Liddell";

    private final Connection connection;
    private final StoryPrinter printer;

    /**
     * @param connection a connection to the migrated blog, auto-commit on; used as given, not closed
     * @param printer    where the story goes
     */
    public BlogStory(Connection connection, StoryPrinter printer) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.printer = Objects.requireNonNull(printer, "printer");
    }

    /**
     * Tells the story.
     *
     * @throws IllegalStateException when a TVIEW is not exact at the end (the sample then fails)
     */
    public void tell(String tool, Migration.Migrated migrated) throws SQLException {
        printer.note("PostgreSQL " + string("SHOW server_version") + ", tviews runtime " + string("SELECT pg_tviews_version()"));

        printer.section("Migrate with " + tool + ": the blog's tb_* tables, tv_* tables and v_* views");
        if (migrated.applied().isEmpty()) {
            printer.note("Nothing to apply: the database is up to date.");
        } else {
            printer.table(migrated.applied());
        }

        printer.section("Conversion: the plan, pg_tviews_auto_convert_plan(), and the report");
        TextTable plan = TextTable.of("entity", "base table", "backing view", "action").withRule();
        for (List<String> row : rows("SELECT entity, base_table, backing_view, action FROM pg_tviews_auto_convert_plan() ORDER BY entity")) {
            plan.row(row.toArray());
        }
        printer.table(plan);
        printer.note("Asked after migrating: every later migrate re-checks these, and re-registers only what changed.");
        printer.blank();
        printer.note("The report of " + migrated.reportSource() + ":");
        if (migrated.report().isEmpty()) {
            printer.note("(nothing was captured: tviews logs through SLF4J, and the samples read it through slf4j-jdk14; "
                    + "another SLF4J provider on the classpath takes it elsewhere)");
        }
        printer.lines(migrated.report());

        printer.section("Writes: plain INSERTs into tb_*; every statement also writes the tv_* rows it affects");
        Keys keys = insertBlog();

        printer.section("The read model: tv_* rows are JSONB documents, exact after every statement");
        for (String entity : ENTITIES) {
            long first = keys.of(entity).get(0);
            printer.note("tv_" + entity + " (" + keys.of(entity).size() + " new rows), pk_" + entity + " = " + first + ":");
            printer.json(documents(entity, List.of(first)).get(first).data());
        }

        rename(keys);

        printer.section("Verify: pg_tviews_verify() compares every TVIEW with its view");
        TextTable verify = TextTable.of("entity", "missing rows", "extra rows", "differing rows").withRule();
        int inexact = 0;
        for (List<String> row : rows("SELECT entity, missing_rows, extra_rows, differing_rows FROM pg_tviews_verify() ORDER BY entity")) {
            verify.row(row.toArray());
            if (!(row.get(1).equals("0") && row.get(2).equals("0") && row.get(3).equals("0"))) {
                inexact++;
            }
        }
        printer.table(verify);
        if (inexact > 0) {
            throw new IllegalStateException(inexact + " TVIEW(s) differ from their view (see the table above); "
                    + "pg_tviews_refresh('<entity>') repairs one, and this is a bug worth reporting");
        }
        printer.note("Every TVIEW is exact: each tv_* table holds exactly the rows of its v_* view.");
    }

    /** The keys of the rows this run inserted, by entity. */
    private record Keys(Map<String, List<Long>> byEntity) {

        List<Long> of(String entity) {
            return byEntity.get(entity);
        }

        long user(int i) {
            return of("user").get(i);
        }
    }

    private Keys insertBlog() throws SQLException {
        TextTable writes = TextTable.of("statement", "rows", "values").withRule();
        List<Long> users = insert("INSERT INTO tb_user (email, name) VALUES (?, ?), (?, ?) RETURNING pk_user",
                "alice@example.com", "Alice", "bob@example.com", "Bob");
        writes.row("INSERT INTO tb_user", users.size(), "Alice <alice@example.com>, Bob <bob@example.com>");
        List<Long> posts = insert("INSERT INTO tb_post (fk_user, title, content) VALUES (?, ?, ?), (?, ?, ?) RETURNING pk_post",
                users.get(0), "Hello TVIEWs", "Read models that never go stale.",
                users.get(0), "Second thoughts", "Keys, not regexes.");
        writes.row("INSERT INTO tb_post", posts.size(), "\"Hello TVIEWs\" and \"Second thoughts\", both by Alice");
        List<Long> comments = insert("INSERT INTO tb_comment (fk_post, fk_user, text) VALUES (?, ?, ?), (?, ?, ?) RETURNING pk_comment",
                posts.get(0), users.get(1), "Nice one, Alice",
                posts.get(1), users.get(0), "Replying to myself");
        writes.row("INSERT INTO tb_comment", comments.size(), "Bob on \"Hello TVIEWs\", Alice on \"Second thoughts\"");
        printer.table(writes);
        printer.note("Rows now in tv_user, tv_post, tv_comment: " + count("tv_user") + ", " + count("tv_post") + ", "
                + count("tv_comment") + " (nobody wrote to them).");
        Map<String, List<Long>> keys = new LinkedHashMap<>();
        keys.put("user", users);
        keys.put("post", posts);
        keys.put("comment", comments);
        return new Keys(keys);
    }

    /** Renames Alice in one statement and shows, before the commit, every document that changed with her. */
    private void rename(Keys keys) throws SQLException {
        long alice = keys.user(0);
        String update = "UPDATE tb_user SET name = '" + NEW_NAME + "' WHERE pk_user = " + alice;
        printer.section("Cascade: " + update);
        Map<String, Map<Long, Doc>> before = new LinkedHashMap<>();
        for (String entity : ENTITIES) {
            before.put(entity, documents(entity, keys.of(entity)));
        }
        Map<String, Map<Long, Doc>> after = new LinkedHashMap<>();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (PreparedStatement ps = connection.prepareStatement("UPDATE tb_user SET name = ? WHERE pk_user = ?")) {
                ps.setString(1, NEW_NAME);
                ps.setLong(2, alice);
                ps.executeUpdate();
            }
            for (String entity : ENTITIES) {
                after.put(entity, documents(entity, keys.of(entity)));
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }

        TextTable changes = TextTable.of("document", "field", "before", "after").withRule();
        int documents = 0;
        int changed = 0;
        int rewritten = 0;
        for (String entity : ENTITIES) {
            for (Map.Entry<Long, Doc> doc : before.get(entity).entrySet()) {
                documents++;
                Doc now = after.get(entity).get(doc.getKey());
                Map<String, String> oldLeaves = Json.leaves(Json.parse(doc.getValue().data()));
                boolean differs = false;
                for (Map.Entry<String, String> leaf : Json.leaves(Json.parse(now.data())).entrySet()) {
                    String was = oldLeaves.get(leaf.getKey());
                    if (!leaf.getValue().equals(was)) {
                        changes.row("tv_" + entity + " " + doc.getKey(), leaf.getKey(), was, leaf.getValue());
                        differs = true;
                    }
                }
                changed += differs ? 1 : 0;
                rewritten += now.xmin().equals(doc.getValue().xmin()) ? 0 : 1;
            }
        }
        printer.note("One statement on tb_user; read before COMMIT, in the same transaction, " + changed + " of the "
                + documents + " documents show the new name:");
        printer.table(changes);
        printer.note("tviews refreshed tv_user, then tv_post and tv_comment (they read it): " + rewritten
                + " rows rewritten, " + (documents - rewritten) + " left as they were.");
    }

    private List<Long> insert(String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            List<Long> keys = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getLong(1));
                }
            }
            return keys;
        }
    }

    /** A tv_ row's document and the transaction that wrote the row version ({@code xmin}). */
    private record Doc(String data, String xmin) {
    }

    /** The documents of tv_{@code entity} with these keys, by key, in key order. */
    private Map<Long, Doc> documents(String entity, List<Long> keys) throws SQLException {
        String sql = "SELECT pk_" + entity + ", data::text, xmin::text FROM tv_" + entity + " WHERE pk_" + entity
                + " = ANY (?) ORDER BY 1";
        Map<Long, Doc> documents = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setArray(1, connection.createArrayOf("bigint", keys.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    documents.put(rs.getLong(1), new Doc(rs.getString(2), rs.getString(3)));
                }
            }
        }
        if (documents.size() != keys.size()) {
            throw new IllegalStateException("tv_" + entity + " has " + documents.size() + " of the " + keys.size()
                    + " rows just written to tb_" + entity + ": the TVIEW is not maintained");
        }
        return documents;
    }

    private long count(String table) throws SQLException {
        return Long.parseLong(string("SELECT count(*) FROM " + table));
    }

    private String string(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Each row's columns as text, in order ({@code null} for NULL). */
    private List<List<String>> rows(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            String[] row = new String[rs.getMetaData().getColumnCount()];
            while (rs.next()) {
                Arrays.setAll(row, i -> column(rs, i + 1));
                rows.add(Arrays.asList(row.clone()));
            }
        }
        return rows;
    }

    private static String column(ResultSet rs, int column) {
        try {
            return rs.getString(column);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading column " + column + " failed: " + e.getMessage(), e);
        }
    }
}

package dev.tviews.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small JDBC and resource helpers of the issue-15 scenarios. */
final class Db {

    private static final Pattern NESTED = Pattern.compile("duration: ([0-9.]+) ms\\s+plan:\\s*(.*)", Pattern.DOTALL);

    private Db() {
    }

    /** A SQL file of src/main/resources/dev/tviews/benchmarks. */
    static String resource(String name) {
        try (InputStream in = Db.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + name, e);
        }
    }

    /** The queries of a file made of "-- view entity" sections, in file order (comment lines before the first dropped). */
    static Map<String, String> views(String name) {
        Map<String, String> views = new LinkedHashMap<>();
        String entity = null;
        StringBuilder query = new StringBuilder();
        for (String line : resource(name).split("\n")) {
            if (line.startsWith("-- view ")) {
                if (entity != null) {
                    views.put(entity, query.toString().strip());
                }
                entity = line.substring("-- view ".length()).strip();
                query.setLength(0);
            } else if (entity != null) {
                query.append(line).append('\n');
            }
        }
        if (entity != null) {
            views.put(entity, query.toString().strip());
        }
        return views;
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static List<List<String>> rows(Connection c, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    static long[] longs(Connection c, String sql) throws SQLException {
        List<List<String>> rows = rows(c, sql);
        long[] out = new long[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Long.parseLong(rows.get(i).get(0));
        }
        return out;
    }

    /**
     * The exactness oracle: for each read model, the rows of tv_e and of v_e on the view's columns, compared as
     * text (EXCEPT ALL both ways, so duplicates count). Returns "entity: n rows differ" for each that differs.
     */
    static List<String> staleReadModels(Connection c, List<String> entities) throws SQLException {
        List<String> stale = new ArrayList<>();
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true);
        try {
            for (String e : entities) {
                String cols = rows(c, "SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute "
                        + "WHERE attrelid = 'v_" + e + "'::regclass AND attnum > 0 AND NOT attisdropped").get(0).get(0);
                String t = "SELECT ROW(" + cols + ")::text FROM tv_" + e;
                String v = "SELECT ROW(" + cols + ")::text FROM v_" + e;
                long n = Long.parseLong(rows(c, "SELECT count(*) FROM ((" + t + " EXCEPT ALL " + v + ") UNION ALL (" + v
                        + " EXCEPT ALL " + t + ")) d").get(0).get(0));
                if (n != 0) {
                    stale.add(e + ": " + n + " rows differ");
                }
            }
        } finally {
            c.setAutoCommit(auto);
        }
        return stale;
    }

    /** One statement nested in another, as auto_explain logs it: its duration (inclusive) and first line. */
    record Nested(double millis, String statement) {
    }

    /**
     * Runs one statement with auto_explain logging every nested statement (durations without ANALYZE) and
     * returns what it logged, the statement itself last. The connection must be in autocommit.
     */
    static List<Nested> autoExplain(Connection c, String sql) throws SQLException {
        List<Nested> nested = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            st.execute("LOAD 'auto_explain'");
            st.execute("SET auto_explain.log_min_duration = 0");
            st.execute("SET auto_explain.log_analyze = off");
            st.execute("SET auto_explain.log_nested_statements = on");
            st.execute("SET client_min_messages = log");
            st.clearWarnings();
            st.execute(sql);
            for (SQLWarning w = st.getWarnings(); w != null; w = w.getNextWarning()) {
                Matcher m = NESTED.matcher(String.valueOf(w.getMessage()));
                if (m.find()) {
                    String plan = m.group(2).strip();
                    String text = plan.startsWith("Query Text:") ? plan.substring("Query Text:".length()).strip() : plan;
                    String first = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("--"))
                            .findFirst().orElse("");
                    nested.add(new Nested(Double.parseDouble(m.group(1)), first));
                }
            }
            st.execute("SET client_min_messages = notice");
            st.execute("SET auto_explain.log_min_duration = -1");
        }
        return nested;
    }
}

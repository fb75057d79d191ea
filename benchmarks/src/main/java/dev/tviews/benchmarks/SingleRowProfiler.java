package dev.tviews.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Profiles the single-row child update: EXPLAIN ANALYZE on raw and tviews (the statement's execution time
 * and each AFTER trigger's time), and PostgreSQL's function statistics (track_functions = all) on tviews,
 * which split the trigger's time between the generated trigger function, the refresh function and the
 * runtime helpers they call.
 */
public final class SingleRowProfiler {

    private static final Pattern EXECUTION = Pattern.compile("Execution Time: ([0-9.]+) ms");
    private static final Pattern PLANNING = Pattern.compile("Planning Time: ([0-9.]+) ms");
    private static final Pattern TRIGGER = Pattern.compile("Trigger (.+?): time=([0-9.]+) calls=([0-9]+)");
    private static final int WARMUP = 10;
    private static final Pattern NESTED = Pattern.compile("duration: ([0-9.]+) ms\\s+plan:\\s*(.*)", Pattern.DOTALL);

    private final BenchServer server;
    private final Map<Variant, String> urls;
    private final BlogSchema schema;
    private final int statements;

    public SingleRowProfiler(BenchServer server, Map<Variant, String> urls, BlogSchema schema, int statements) {
        this.server = server;
        this.urls = Map.copyOf(urls);
        this.schema = schema;
        this.statements = statements;
    }

    public Profile profile() throws SQLException, InterruptedException {
        List<Profile.Part> parts = new ArrayList<>();
        parts.addAll(explain(Variant.RAW));
        parts.addAll(explain(Variant.TVIEWS));
        List<String> notes = new ArrayList<>();
        try {
            parts.addAll(refreshStatement());
        } catch (SQLException | IllegalStateException e) {
            notes.add("The refresh statement could not be planned on its own (" + firstLine(e) + ").");
        }
        List<Profile.FunctionTime> functions = List.of();
        try {
            functions = functionTimes();
        } catch (SQLException e) {
            notes.add("pg_stat_user_functions not available (" + firstLine(e) + ").");
        }
        List<Profile.Nested> nested = List.of();
        List<Profile.Nested> fanOut = List.of();
        try {
            nested = autoExplain(n -> update(200_000 + n));
            fanOut = autoExplain(n -> "UPDATE tb_user SET name = 'Profiled " + n + "' WHERE pk_user = " + schema.fanOutLargeUser());
        } catch (SQLException e) {
            notes.add("auto_explain not available (" + firstLine(e) + ").");
        }
        return new Profile(statements, parts, functions, nested, fanOut, String.join(" ", notes));
    }

    private static String firstLine(Exception e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }

    /**
     * The statements run inside one statement, as auto_explain logs them with log_nested_statements (LOG
     * messages reach the client with client_min_messages = log): of five runs after the warm-up, the one
     * whose own duration is the median, so one unlucky run doesn't stand for all.
     */
    private List<Profile.Nested> autoExplain(java.util.function.IntFunction<String> statement) throws SQLException {
        List<List<Profile.Nested>> runs = new ArrayList<>();
        try (Connection c = server.connect(urls.get(Variant.TVIEWS)); Statement st = c.createStatement()) {
            st.execute("LOAD 'auto_explain'");
            st.execute("SET auto_explain.log_min_duration = 0");
            st.execute("SET auto_explain.log_analyze = on");
            st.execute("SET auto_explain.log_nested_statements = on");
            for (int n = 0; n < WARMUP; n++) {
                st.execute(statement.apply(n));
            }
            st.execute("SET client_min_messages = log");
            for (int run = 0; run < 5; run++) {
                st.clearWarnings();
                st.execute(statement.apply(WARMUP + run));
                List<Profile.Nested> nested = new ArrayList<>();
                for (SQLWarning w = st.getWarnings(); w != null; w = w.getNextWarning()) {
                    Matcher m = NESTED.matcher(String.valueOf(w.getMessage()));
                    if (m.find()) {
                        String plan = m.group(2).strip();
                        String text = plan.startsWith("Query Text:") ? plan.substring("Query Text:".length()).strip() : plan;
                        String first = text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
                        nested.add(new Profile.Nested(Double.parseDouble(m.group(1)), first, plan));
                    }
                }
                if (!nested.isEmpty()) {
                    runs.add(nested);
                }
            }
            st.execute("SET client_min_messages = notice");
        }
        if (runs.isEmpty()) {
            throw new SQLException("auto_explain logged nothing");
        }
        // The statement itself is logged last, after everything it ran.
        runs.sort((a, b) -> Double.compare(a.get(a.size() - 1).millis(), b.get(b.size() - 1).millis()));
        return runs.get(runs.size() / 2);
    }

    private String update(int n) {
        return "UPDATE tb_post SET title = 'Profiled " + n + "' WHERE pk_post = " + Scenarios.spread(900_000 + n, schema.scale());
    }

    private List<Profile.Part> explain(Variant variant) throws SQLException {
        Map<String, List<Double>> times = new LinkedHashMap<>();
        try (Connection c = server.connect(urls.get(variant)); Statement st = c.createStatement()) {
            for (int n = 0; n < WARMUP + statements; n++) {
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE) " + update(n))) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                if (n < WARMUP) {
                    continue;
                }
                Matcher e = EXECUTION.matcher(plan);
                if (e.find()) {
                    times.computeIfAbsent("execution time (statement and its AFTER triggers)", k -> new ArrayList<>())
                            .add(Double.parseDouble(e.group(1)));
                }
                Matcher t = TRIGGER.matcher(plan);
                while (t.find()) {
                    times.computeIfAbsent("trigger " + t.group(1), k -> new ArrayList<>()).add(Double.parseDouble(t.group(2)));
                }
            }
        }
        List<Profile.Part> parts = new ArrayList<>();
        times.forEach((what, samples) -> parts.add(new Profile.Part(variant, what, Stats.of(samples).median())));
        return parts;
    }

    /**
     * Planning and execution time of tv_post's refresh statement for one key, taken from the generated
     * refresh function's source with the key written in: PL/pgSQL plans it again on every call when it
     * keeps custom plans, so planning is part of every single-row update.
     */
    private List<Profile.Part> refreshStatement() throws SQLException {
        Map<String, List<Double>> times = new LinkedHashMap<>();
        try (Connection c = server.connect(urls.get(Variant.TVIEWS)); Statement st = c.createStatement()) {
            String source;
            try (ResultSet rs = st.executeQuery("SELECT p.prosrc FROM pg_tview_meta m, unnest(m.generated_functions) f "
                    + "JOIN pg_proc p ON p.oid = to_regprocedure(f) WHERE m.entity_name = 'post' AND f LIKE '%refresh(bigint[])'")) {
                if (!rs.next()) {
                    throw new IllegalStateException("no generated refresh function for post");
                }
                source = rs.getString(1);
            }
            int start = source.indexOf("WITH fresh");
            int end = source.indexOf(';', start);
            if (start < 0 || end < 0) {
                throw new IllegalStateException("no WITH fresh ... statement in the refresh function");
            }
            String template = source.substring(start, end);
            for (int n = 0; n < WARMUP + statements; n++) {
                long key = Scenarios.spread(300_000 + n, schema.scale());
                // The runtime may address a single key as p_keys[1] (a plan cached for one key) or the array.
                String sql = template.replace("p_keys[1]", "(" + key + ")::bigint")
                        .replace("p_keys", "'{" + key + "}'::bigint[]");
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, SUMMARY) " + sql)) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                if (n >= WARMUP) {
                    collect(times, "refresh statement of tv_post for one key, run alone: planning", PLANNING, plan);
                    collect(times, "refresh statement of tv_post for one key, run alone: execution", EXECUTION, plan);
                }
            }
        }
        List<Profile.Part> parts = new ArrayList<>();
        times.forEach((what, samples) -> parts.add(new Profile.Part(Variant.TVIEWS, what, Stats.of(samples).median())));
        return parts;
    }

    private static void collect(Map<String, List<Double>> times, String what, Pattern pattern, CharSequence plan) {
        Matcher m = pattern.matcher(plan);
        if (m.find()) {
            times.computeIfAbsent(what, k -> new ArrayList<>()).add(Double.parseDouble(m.group(1)));
        }
    }

    private List<Profile.FunctionTime> functionTimes() throws SQLException, InterruptedException {
        Map<String, double[]> before = functionStats();
        try (Connection c = server.connect(urls.get(Variant.TVIEWS)); Statement st = c.createStatement()) {
            st.execute("SET track_functions = 'all'");
            for (int n = 0; n < statements; n++) {
                st.execute(update(100_000 + n));
            }
        }
        // A backend flushes its function statistics when it exits; give the server a moment to publish them.
        for (int attempt = 0; attempt < 50; attempt++) {
            Map<String, double[]> after = functionStats();
            List<Profile.FunctionTime> diff = new ArrayList<>();
            after.forEach((name, now) -> {
                double[] was = before.getOrDefault(name, new double[3]);
                if (now[0] > was[0]) {
                    diff.add(new Profile.FunctionTime(name, (long) (now[0] - was[0]), now[1] - was[1], now[2] - was[2]));
                }
            });
            if (diff.stream().anyMatch(f -> f.calls() >= statements)) {
                diff.sort((a, b) -> Double.compare(b.selfMillis(), a.selfMillis()));
                return diff;
            }
            Thread.sleep(200);
        }
        throw new SQLException("no function statistics appeared within 10 s");
    }

    private Map<String, double[]> functionStats() throws SQLException {
        Map<String, double[]> stats = new HashMap<>();
        try (Connection c = server.connect(urls.get(Variant.TVIEWS));
             PreparedStatement ps = c.prepareStatement(
                     "SELECT funcname, calls, total_time, self_time FROM pg_stat_user_functions");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                stats.put(rs.getString(1), new double[] {rs.getLong(2), rs.getDouble(3), rs.getDouble(4)});
            }
        }
        return stats;
    }
}

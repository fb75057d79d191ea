package dev.tviews.benchmarks;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Records the deadlocks (40P01) of a run: the server's DETAIL ("Process A waits for ... blocked by process
 * B"), the PL/pgSQL context where the victim waited, and which statement kind each of the two processes
 * was running (writers publish their backend pid and current kind). Advisory locks are named by their
 * tviews lock kind where the runtime's hash functions can name them.
 */
final class DeadlockCollector {

    private static final Pattern WAIT = Pattern.compile("Process (\\d+) waits for (\\w+) on (.+?); blocked by process (\\d+)");
    private static final Pattern ADVISORY = Pattern.compile("advisory lock \\[(\\d+),(\\d+),(\\d+),(\\d+)\\]");

    private final Map<Integer, String> running = new ConcurrentHashMap<>();
    private final Map<String, Integer> pairs = new ConcurrentHashMap<>();
    private final Map<String, Integer> signatures = new ConcurrentHashMap<>();
    private final Map<String, Integer> contexts = new ConcurrentHashMap<>();
    private final List<String> examples = new ArrayList<>();
    private volatile Map<Long, String> names = Map.of();
    private long count;

    void names(Map<Long, String> names) {
        this.names = Map.copyOf(names);
    }

    void running(int pid, String kind) {
        running.put(pid, kind);
    }

    synchronized void deadlock(String victimKind, SQLException e) {
        count++;
        String detail = "";
        String where = "";
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage m = p.getServerErrorMessage();
            detail = m.getDetail() == null ? "" : m.getDetail();
            where = m.getWhere() == null ? "" : m.getWhere();
        }
        List<String> waits = new ArrayList<>();
        String partner = "?";
        Matcher w = WAIT.matcher(detail);
        boolean first = true;
        while (w.find()) {
            waits.add(w.group(2) + " on " + lock(w.group(3)));
            if (first) {
                partner = running.getOrDefault(Integer.parseInt(w.group(4)), "?");
                first = false;
            }
        }
        pairs.merge(victimKind + " <-> " + partner, 1, Integer::sum);
        signatures.merge(String.join(" / ", waits), 1, Integer::sum);
        String context = where.lines().filter(l -> l.contains("PL/pgSQL function")).findFirst()
                .orElse(where.lines().findFirst().orElse("(no context)"));
        contexts.merge(context.strip(), 1, Integer::sum);
        if (examples.size() < 4) {
            examples.add("victim: " + victimKind + ", other: " + partner + "\n" + detail + "\nCONTEXT: " + where);
        }
    }

    private String lock(String what) {
        Matcher a = ADVISORY.matcher(what);
        if (a.find()) {
            return describe("advisory", "", a.group(2), a.group(3), a.group(4), "", names).replaceFirst("^ ", "");
        }
        if (what.startsWith("transaction")) {
            return "a transaction (row lock: waits for the row's writer to end)";
        }
        return what;
    }

    /** A lock as a reader can follow it: advisory locks by tviews kind, fine (value) or whole kind. */
    static String describe(String locktype, String mode, String classid, String objid, String subid, String relation,
                           Map<Long, String> names) {
        if ("advisory".equals(locktype)) {
            if ("2".equals(subid)) {
                long kind = Long.parseLong(classid);
                return mode + " value lock of " + names.getOrDefault(kind, "kind " + kind);
            }
            long kind = Long.parseLong(objid);
            return mode + " WHOLE-KIND lock of " + names.getOrDefault(kind, "kind " + kind);
        }
        if ("transactionid".equals(locktype)) {
            return mode + " on a transaction id (row lock)";
        }
        if ("tuple".equals(locktype)) {
            return mode + " tuple lock of " + relation;
        }
        return mode + " " + locktype + " " + relation;
    }

    synchronized Issue15Results.Diagnosis summary(long committed, long serialization, Map<String, Integer> waits, int samples) {
        return new Issue15Results.Diagnosis(committed, count, serialization, sorted(pairs), sorted(signatures), sorted(contexts),
                List.copyOf(examples), sorted(waits), samples);
    }

    synchronized long count() {
        return count;
    }

    private static Map<String, Integer> sorted(Map<String, Integer> m) {
        Map<String, Integer> out = new LinkedHashMap<>();
        new TreeMap<>(m).entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}

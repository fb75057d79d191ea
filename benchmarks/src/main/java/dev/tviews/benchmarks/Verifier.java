package dev.tviews.benchmarks;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Checks that every TVIEW equals its view (pg_tviews_verify): a benchmark of a wrong result is worthless. */
public final class Verifier {

    private final Session tviews;

    public Verifier(Session tviews) {
        this.tviews = tviews;
    }

    /**
     * The outcome of one pg_tviews_verify().
     *
     * @param tviews how many TVIEWs were checked
     * @param stale  those that differ, as "TVIEW entity: n missing, n extra, n differing rows"
     */
    public record Check(int tviews, List<String> stale) {
        public Check {
            stale = List.copyOf(stale);
        }
    }

    /**
     * Returns how many TVIEWs were verified exact.
     *
     * @throws StaleTViewException when any TVIEW misses, adds or differs in a row
     */
    public int verify(String after) throws SQLException {
        Check check = check(after);
        if (!check.stale().isEmpty()) {
            throw new StaleTViewException("Not exact after " + after + ": " + String.join("; ", check.stale())
                    + " (pg_tviews_verify()).");
        }
        return check.tviews();
    }

    public Check check(String after) throws SQLException {
        List<List<String>> rows = tviews.rows(
                "SELECT entity, missing_rows, extra_rows, differing_rows FROM pg_tviews_verify() ORDER BY entity");
        if (rows.isEmpty()) {
            throw new StaleTViewException("pg_tviews_verify() returned no TVIEW after " + after
                    + ": the TVIEWs tv_post and tv_user are not registered.");
        }
        List<String> stale = new ArrayList<>();
        for (List<String> r : rows) {
            if (!"0".equals(r.get(1)) || !"0".equals(r.get(2)) || !"0".equals(r.get(3))) {
                stale.add("TVIEW " + r.get(0) + ": " + r.get(1) + " missing, " + r.get(2) + " extra, " + r.get(3)
                        + " differing rows");
            }
        }
        return new Check(rows.size(), stale);
    }

    /** Rebuilds every TVIEW (pg_tviews_refresh), so that what follows starts from exact ones. */
    public void repair() throws SQLException {
        tviews.rows("SELECT pg_tviews_refresh(entity_name) FROM pg_tview_meta");
    }

    /** A TVIEW differs from its view: the run's numbers would measure a wrong result. */
    public static final class StaleTViewException extends IllegalStateException {
        public StaleTViewException(String message) {
            super(message);
        }
    }
}

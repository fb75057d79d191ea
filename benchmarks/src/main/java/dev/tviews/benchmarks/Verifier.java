package dev.tviews.benchmarks;

import java.sql.SQLException;
import java.util.List;

/** Checks that every TVIEW equals its view (pg_tviews_verify): a benchmark of a wrong result is worthless. */
public final class Verifier {

    private final Session tviews;

    public Verifier(Session tviews) {
        this.tviews = tviews;
    }

    /**
     * Returns how many TVIEWs were verified exact.
     *
     * @throws StaleTViewException when any TVIEW misses, adds or differs in a row
     */
    public int verify(String after) throws SQLException {
        List<List<String>> rows = tviews.rows(
                "SELECT entity, missing_rows, extra_rows, differing_rows FROM pg_tviews_verify() ORDER BY entity");
        if (rows.isEmpty()) {
            throw new StaleTViewException("pg_tviews_verify() returned no TVIEW after " + after
                    + ": the TVIEWs tv_post and tv_user are not registered.");
        }
        for (List<String> r : rows) {
            if (!"0".equals(r.get(1)) || !"0".equals(r.get(2)) || !"0".equals(r.get(3))) {
                throw new StaleTViewException("TVIEW " + r.get(0) + " is not exact after " + after + ": " + r.get(1)
                        + " missing, " + r.get(2) + " extra, " + r.get(3) + " differing rows (pg_tviews_verify()).");
            }
        }
        return rows.size();
    }

    /** A TVIEW differs from its view: the run's numbers would measure a wrong result. */
    public static final class StaleTViewException extends IllegalStateException {
        public StaleTViewException(String message) {
            super(message);
        }
    }
}

package dev.tviews.benchmarks;

/** The three databases of the issue-15 scenarios (nested and per-path): one model, three ways to keep its read models. */
public enum Flavor {
    /** No read model: the bare statements. */
    RAW("raw"),
    /** The read models as TVIEWs (pg_tviews_create). */
    TVIEWS("tviews"),
    /** The read models kept by hand-written statement-level triggers (nested-diy.sql, paths-diy.sql). */
    DIY("diy");

    private final String label;

    Flavor(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

package dev.tviews.benchmarks;

/** The three identical databases every scenario runs on. */
public enum Variant {
    /** No read model: the bare statements. */
    RAW("raw"),
    /** tv_post and tv_user as TVIEWs, maintained in the writing transaction. */
    TVIEWS("tviews"),
    /** tv_post and tv_user as materialized views, refreshed after the statement in the same transaction. */
    MATVIEW("matview");

    private final String label;

    Variant(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

package dev.tviews.benchmarks;

import java.util.Locale;

/** The three identical databases every scenario runs on. */
public enum Variant {
    /** No read model: the bare statements. */
    RAW,
    /** tv_post and tv_user as TVIEWs, maintained in the writing transaction. */
    TVIEWS,
    /** tv_post and tv_user as materialized views, refreshed after the statement in the same transaction. */
    MATVIEW;

    /** The name in reports and database names: the constant in lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

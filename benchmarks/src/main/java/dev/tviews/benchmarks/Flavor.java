package dev.tviews.benchmarks;

import java.util.Locale;

/** The three databases of the issue-15 scenarios (nested and per-path): one model, three ways to keep its read models. */
public enum Flavor {
    /** No read model: the bare statements. */
    RAW,
    /** The read models as TVIEWs (pg_tviews_create). */
    TVIEWS,
    /** The read models kept by hand-written statement-level triggers (nested-diy.sql, paths-diy.sql). */
    DIY;

    /** The name in reports and database names: the constant in lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

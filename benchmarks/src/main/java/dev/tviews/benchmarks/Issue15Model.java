package dev.tviews.benchmarks;

import java.sql.SQLException;

/** A model of the issue-15 run (parent/child paths, nested): its raw, tviews and DIY databases, made and dropped. */
interface Issue15Model {

    /** Drops what an earlier run left, then creates and fills the databases and builds the read models. */
    void provision() throws SQLException;

    /** Drops the databases. */
    void drop() throws SQLException;
}

package dev.tviews.liquibase;

import dev.tviews.testsupport.Jdbc;
import dev.tviews.testsupport.TestDatabase;
import java.sql.SQLException;
import java.util.List;

/** What the Liquibase tests check besides plain queries (those are {@link Jdbc}'s). */
final class Sql {

    private Sql() {
    }

    /** TVIEWs whose table differs from their view; empty when every TVIEW is exact. */
    static List<String> staleTViews(TestDatabase db) throws SQLException {
        return Jdbc.column(db, "SELECT entity FROM pg_tviews_verify() WHERE missing_rows + extra_rows + differing_rows > 0");
    }
}

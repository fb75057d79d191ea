package dev.tviews.benchmarks;

import dev.tviews.common.RuntimeInstaller;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * The read models of one issue-15 model, built on each flavor's copy of the database: on raw the plain views
 * (reading each other's v_ views), on tviews the runtime and a TVIEW per view, on DIY each view copied into a
 * tv_ table with its key and kept up to date by the hand-written triggers. tviews and DIY are analyzed last.
 *
 * @param views     entity to its SELECT (which may read the tv_ tables of entities before it), in build order
 * @param indexes   extra indexes on the tv_ tables of tviews and DIY, or {@code ""}
 * @param diyScript the DIY triggers
 */
record ReadModels(Map<String, String> views, String indexes, String diyScript) {

    void build(BenchServer server, Map<Flavor, String> urls) throws SQLException {
        try (Connection c = server.connect(urls.get(Flavor.RAW))) {
            for (var v : views.entrySet()) {
                Db.exec(c, "CREATE VIEW v_" + v.getKey() + " AS " + v.getValue().replace("tv_", "v_"));
            }
        }
        try (Connection c = server.connect(urls.get(Flavor.TVIEWS))) {
            new RuntimeInstaller(c).install();
            for (var v : views.entrySet()) {
                Db.exec(c, "SELECT pg_tviews_create('" + v.getKey() + "', $q$" + v.getValue() + "$q$)");
            }
            indexAndAnalyze(c, "");
        }
        try (Connection c = server.connect(urls.get(Flavor.DIY))) {
            for (String entity : views.keySet()) {
                Db.exec(c, "CREATE VIEW v_" + entity + " AS " + views.get(entity));
                Db.exec(c, "CREATE TABLE tv_" + entity + " AS SELECT * FROM v_" + entity);
                Db.exec(c, "ALTER TABLE tv_" + entity + " ADD PRIMARY KEY (pk_" + entity + ")");
            }
            indexAndAnalyze(c, diyScript);
        }
    }

    /** The extra indexes, then {@code script}, then VACUUM ANALYZE. */
    private void indexAndAnalyze(Connection c, String script) throws SQLException {
        if (!indexes.isEmpty()) {
            Db.exec(c, indexes);
        }
        if (!script.isEmpty()) {
            Db.exec(c, script);
        }
        Db.exec(c, "VACUUM ANALYZE");
    }
}

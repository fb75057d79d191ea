package dev.tviews.benchmarks;

import dev.tviews.common.RuntimeInstaller;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Creates the three identical databases of one scale: the blog is loaded once into a seed database,
 * which the three are copied from ({@code CREATE DATABASE ... TEMPLATE}), so they hold the same rows in
 * the same physical order. Then raw stays as it is, tviews gets the runtime and the TVIEWs tv_post and
 * tv_user (pg_tviews_create), and matview gets the same two queries as materialized views with a unique
 * index on the key, as a reader of them would need.
 */
public final class DatabaseProvisioner {

    private final BenchServer server;
    private final String prefix;
    private final PrintStream log;

    public DatabaseProvisioner(BenchServer server, String prefix, PrintStream log) {
        this.server = server;
        this.prefix = prefix;
        this.log = log;
    }

    public String databaseName(Variant variant) {
        return prefix + "_" + variant.label();
    }

    /** Drops what an earlier run left, then creates and fills the three databases; returns their URLs. */
    public Map<Variant, String> provision(BlogSchema schema) throws SQLException {
        dropAll();
        String seed = prefix + "_seed";
        admin("CREATE DATABASE " + seed + " TEMPLATE template0");
        long started = System.nanoTime();
        try (Connection c = server.connect(server.urlOf(seed)); Statement st = c.createStatement()) {
            st.execute(schema.tables());
            st.execute(schema.data());
            st.execute("VACUUM ANALYZE");
        }
        log.printf("  loaded %,d base rows in %.1f s%n", schema.baseRows(), seconds(started));
        Map<Variant, String> urls = new EnumMap<>(Variant.class);
        for (Variant v : Variant.values()) {
            admin("CREATE DATABASE " + databaseName(v) + " TEMPLATE " + seed);
            urls.put(v, server.urlOf(databaseName(v)));
        }
        admin("DROP DATABASE " + seed);

        started = System.nanoTime();
        try (Connection c = server.connect(urls.get(Variant.TVIEWS)); Statement st = c.createStatement()) {
            new RuntimeInstaller(c).install();
            st.execute("SELECT pg_tviews_create('post', $q$" + BlogSchema.postQuery("post") + "$q$)");
            st.execute("SELECT pg_tviews_create('user', $q$" + BlogSchema.userQuery("user") + "$q$)");
            st.execute("VACUUM ANALYZE");
        }
        log.printf("  tviews: runtime installed, tv_post and tv_user registered in %.1f s%n", seconds(started));

        started = System.nanoTime();
        try (Connection c = server.connect(urls.get(Variant.MATVIEW)); Statement st = c.createStatement()) {
            st.execute("CREATE MATERIALIZED VIEW tv_post AS " + BlogSchema.postQuery("post"));
            st.execute("CREATE UNIQUE INDEX ON tv_post (pk_post)");
            st.execute("CREATE MATERIALIZED VIEW tv_user AS " + BlogSchema.userQuery("user"));
            st.execute("CREATE UNIQUE INDEX ON tv_user (pk_user)");
            st.execute("VACUUM ANALYZE");
        }
        log.printf("  matview: tv_post and tv_user created in %.1f s%n", seconds(started));
        return urls;
    }

    /** The statements that bring the matview database's read model up to date. */
    public static List<Sql> matviewRefresh() {
        return List.of(Sql.of("REFRESH MATERIALIZED VIEW tv_post"), Sql.of("REFRESH MATERIALIZED VIEW tv_user"));
    }

    public void dropAll() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + prefix + "_seed WITH (FORCE)");
        for (Variant v : Variant.values()) {
            admin("DROP DATABASE IF EXISTS " + databaseName(v) + " WITH (FORCE)");
        }
    }

    private void admin(String sql) throws SQLException {
        try (Connection c = server.connectAdmin(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }
}

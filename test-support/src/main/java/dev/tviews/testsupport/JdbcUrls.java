package dev.tviews.testsupport;

/** Rewrites the database part of a PostgreSQL JDBC URL. */
final class JdbcUrls {

    private static final String PREFIX = "jdbc:postgresql:";

    private JdbcUrls() {
    }

    /**
     * Returns {@code url} with its database replaced by {@code database}. Handles
     * {@code jdbc:postgresql://host[:port][,host2...]/db[?params]}, a URL without a database
     * ({@code jdbc:postgresql://host/}) and the short form {@code jdbc:postgresql:db[?params]}.
     */
    static String withDatabase(String url, String database) {
        if (url == null || !url.startsWith(PREFIX)) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL (must start with " + PREFIX + "): " + url);
        }
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        String rest = base.substring(PREFIX.length());
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            String hosts = slash < 0 ? rest : rest.substring(0, slash);
            return PREFIX + hosts + "/" + database + params;
        }
        return PREFIX + database + params;
    }

    /** The database named in {@code url}, or {@code null} when it names none. */
    static String database(String url) {
        if (url == null || !url.startsWith(PREFIX)) {
            return null;
        }
        int query = url.indexOf('?');
        String rest = (query < 0 ? url : url.substring(0, query)).substring(PREFIX.length());
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            String db = slash < 0 ? "" : rest.substring(slash + 1);
            return db.isEmpty() ? null : db;
        }
        return rest.isEmpty() ? null : rest;
    }
}

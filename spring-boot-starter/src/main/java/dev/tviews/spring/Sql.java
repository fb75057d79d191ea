package dev.tviews.spring;

/** Identifier quoting for the few statements the starter writes itself. */
final class Sql {

    private Sql() {
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}

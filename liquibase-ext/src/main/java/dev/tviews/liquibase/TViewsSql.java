package dev.tviews.liquibase;

import dev.tviews.common.ConversionRequest;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The SQL the change types run: calls of the runtime's functions, with every value passed as a
 * string literal that is safe whatever it contains (dollar-quoted with a tag that does not occur in
 * the text). The result is static text, so {@code update-sql} prints exactly what {@code update} runs.
 */
final class TViewsSql {

    /** Text that can be written between plain single quotes, whatever standard_conforming_strings says. */
    private static final Pattern PLAIN_LITERAL = Pattern.compile("[^'\\\\\\r\\n$]*");
    /** Identifiers PostgreSQL accepts unquoted and keeps as they are. */
    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    private TViewsSql() {
    }

    /** {@code SELECT <runtime>.pg_tviews_create_or_replace('entity', $tviews$SELECT ...$tviews$[, '{...}'::jsonb])}. */
    static String createOrReplace(String runtimeSchema, String entity, String selectSql, String options) {
        StringBuilder sql = new StringBuilder("SELECT ")
                .append(function(runtimeSchema, "pg_tviews_create_or_replace"))
                .append('(').append(literal(entity)).append(", ").append(literal(selectSql));
        if (options != null) {
            sql.append(", ").append(literal(options)).append("::jsonb");
        }
        return sql.append(')').toString();
    }

    /** {@code SELECT <runtime>.pg_tviews_drop('entity', if_exists => b, "cascade" => b)}. */
    static String drop(String runtimeSchema, String entity, boolean ifExists, boolean cascade) {
        return "SELECT " + function(runtimeSchema, "pg_tviews_drop") + '(' + literal(entity)
                + ", if_exists => " + ifExists + ", \"cascade\" => " + cascade + ')';
    }

    /** {@code SELECT <runtime>.pg_tviews_refresh('entity')}. */
    static String refresh(String runtimeSchema, String entity) {
        return "SELECT " + function(runtimeSchema, "pg_tviews_refresh") + '(' + literal(entity) + ')';
    }

    /** {@code SELECT <runtime>.pg_tviews_refresh_all()}. */
    static String refreshAll(String runtimeSchema) {
        return "SELECT " + function(runtimeSchema, "pg_tviews_refresh_all") + "()";
    }

    /**
     * A DO block that converts the tv_ tables of {@code schema}, reports each entity as a NOTICE and,
     * when {@code failOnError}, raises naming every entity that failed (so the changeSet fails and
     * rolls back); otherwise it only warns.
     */
    static String autoConvert(String runtimeSchema, ConversionRequest request, boolean failOnError) {
        String schemaLiteral = literal(request.schemas().get(0));
        String call = request.include().isEmpty() && request.exclude().isEmpty()
                ? schemaLiteral : "NULL, " + literal(request.optionsJson()) + "::jsonb";
        String body = "\nDECLARE\n"
                + "    r record;\n"
                + "    failed text[] := '{}';\n"
                + "BEGIN\n"
                + "    FOR r IN SELECT c.entity, c.status, c.message FROM "
                + function(runtimeSchema, "pg_tviews_auto_convert") + '(' + call + ") c ORDER BY c.entity LOOP\n"
                + "        RAISE NOTICE 'tviews: % %: %', r.status, r.entity, r.message;\n"
                + "        IF r.status = 'ERROR' THEN\n"
                + "            failed := failed || (r.entity || ': ' || r.message);\n"
                + "        END IF;\n"
                + "    END LOOP;\n"
                + "    IF pg_catalog.cardinality(failed) > 0 THEN\n"
                + (failOnError
                    ? "        RAISE EXCEPTION 'tviews: auto-convert of schema % failed for %', " + schemaLiteral
                        + ", pg_catalog.array_to_string(failed, '; ')\n"
                        + "            USING HINT = 'Fix the TVIEWs named, or set failOnError=\"false\" on autoConvert to keep the others.';\n"
                    : "        RAISE WARNING 'tviews: auto-convert of schema % failed for % (failOnError is false)', " + schemaLiteral
                        + ", pg_catalog.array_to_string(failed, '; ');\n")
                + "    END IF;\n"
                + "END\n";
        return "DO " + dollarQuote(body);
    }

    /**
     * The install script wrapped so that it installs into {@code schema} and leaves the session's
     * search_path as it was (the script installs into the first schema of search_path).
     */
    static String installScript(String schema, String script) {
        if (schema == null) {
            return script.strip();
        }
        return "SELECT pg_catalog.set_config('tviews.saved_search_path', pg_catalog.current_setting('search_path'), false);\n"
                + "SELECT pg_catalog.set_config('search_path', " + literal(identifier(schema)) + ", false);\n"
                + script.strip() + "\n"
                + "SELECT pg_catalog.set_config('search_path', pg_catalog.current_setting('tviews.saved_search_path'), false)";
    }

    /** A schema-qualified function name; unqualified when the schema is unknown (offline). */
    static String function(String schema, String name) {
        return schema == null ? name : identifier(schema) + '.' + name;
    }

    /** An identifier, double-quoted unless it is a plain lower-case name. */
    static String identifier(String name) {
        if (PLAIN_IDENTIFIER.matcher(name).matches() && !Keywords.isReserved(name)) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * A string literal of {@code text}: {@code 'text'} when that is safe, else dollar-quoted; {@code NULL}
     * for null (Liquibase generates statements of unvalidated changes too, e.g. for checks).
     */
    static String literal(String text) {
        if (text == null) {
            return "NULL";
        }
        if (PLAIN_LITERAL.matcher(text).matches()) {
            return '\'' + text + '\'';
        }
        return dollarQuote(text);
    }

    /** {@code $tag$text$tag$} with a tag that cannot end the quote early. */
    static String dollarQuote(String text) {
        String tag = "$tviews$";
        for (int i = 1; (text + tag).indexOf(tag) != text.length(); i++) {
            tag = "$tviews" + i + "$";
        }
        return tag + text + tag;
    }

    /** PostgreSQL's reserved key words: these can't be unquoted identifiers. */
    private static final class Keywords {
        private static final java.util.Set<String> RESERVED = java.util.Set.of(
                "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "binary",
                "both", "case", "cast", "check", "collate", "collation", "column", "concurrently", "constraint", "create",
                "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
                "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end",
                "except", "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant", "group", "having", "ilike",
                "in", "initially", "inner", "intersect", "into", "is", "isnull", "join", "lateral", "leading", "left",
                "like", "limit", "localtime", "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only",
                "or", "order", "outer", "overlaps", "placing", "primary", "references", "returning", "right", "select",
                "session_user", "similar", "some", "symmetric", "system_user", "table", "tablesample", "then", "to",
                "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose", "when", "where", "window",
                "with");

        static boolean isReserved(String name) {
            return RESERVED.contains(name.toLowerCase(Locale.ROOT));
        }
    }
}

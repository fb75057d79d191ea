package dev.tviews.common.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A generator of view shapes and of random writes for the differential test: each view combines a
 * key base with a few features drawn from every lineage class the runtime must keep exact (joins on
 * keys and on plain columns, self-joins, sibling correlations, uncorrelated and non-equality
 * subqueries, outer joins, grouped derived tables, whole-row references, nested views, recursive
 * CTEs, window functions, membership and expression joins, EXISTS / IN / NOT EXISTS filters, values
 * that are equal but print differently, orders that decide between ties, values printed by pinned settings). Values come from small domains so that writes collide.
 */
final class ViewShapes {

    static final String TABLES = """
            CREATE TABLE tb_a (pk_a bigint PRIMARY KEY, grp int, email text, name text NOT NULL DEFAULT 'n',
                               score numeric, f float8, arr int[], data jsonb);
            CREATE TABLE tb_b (pk_b bigint PRIMARY KEY, fk_a bigint, grp int, val numeric, email text);
            CREATE INDEX ON tb_b (fk_a);
            CREATE TABLE tb_c (pk_c bigint PRIMARY KEY, fk_b bigint, fk_a bigint, parent_c bigint CHECK (parent_c < pk_c), note text);
            CREATE INDEX ON tb_c (fk_b);
            CREATE VIEW v_positive_b AS SELECT b.pk_b, b.fk_a, b.val FROM tb_b b WHERE b.val > 0;
            CREATE VIEW v_b_with_a AS SELECT h.pk_b, h.fk_a, h.val, a.name FROM v_positive_b h JOIN tb_a a ON a.pk_a = h.fk_a;
            """;

    /** Output-column features over the base table {@code a} (tb_a) and what they exercise. */
    private static final String[] A_FEATURES = {
        // child aggregate through a key
        "(SELECT count(*) FROM tb_b b WHERE b.fk_a = a.pk_a)",
        // sibling rows compared on a shared plain column
        "(SELECT count(*) FROM tb_a s WHERE s.grp = a.grp)",
        // self-join on a non-key column
        "(SELECT string_agg(m.name, ',' ORDER BY m.pk_a) FROM tb_a m WHERE m.email = a.email)",
        // uncorrelated subquery over a whole table
        "(SELECT sum(val) FROM tb_b)",
        // correlation that is not an equality
        "(SELECT count(*) FROM tb_a t2 WHERE t2.pk_a <= a.pk_a)",
        // nested views (one over another, joining tb_a again)
        "(SELECT count(*) FROM v_positive_b h WHERE h.fk_a = a.pk_a)",
        "(SELECT string_agg(w.name, ',' ORDER BY w.pk_b) FROM v_b_with_a w WHERE w.fk_a = a.pk_a)",
        // two hops
        "(SELECT count(*) FROM tb_c c JOIN tb_b b ON b.pk_b = c.fk_b WHERE b.fk_a = a.pk_a)",
        // a window function in a derived table
        "(SELECT max(w.rn) FROM (SELECT b.fk_a, row_number() OVER (ORDER BY b.val, b.pk_b) AS rn FROM tb_b b) w WHERE w.fk_a = a.pk_a)",
        // a recursive CTE walking a tree of any depth
        "(WITH RECURSIVE t AS (SELECT c.pk_c FROM tb_c c WHERE c.fk_a = a.pk_a UNION ALL "
                + "SELECT c2.pk_c FROM tb_c c2 JOIN t ON c2.parent_c = t.pk_c) SELECT count(*) FROM t)",
        // membership join
        "(SELECT count(*) FROM tb_b b WHERE b.grp = ANY (a.arr))",
        // join on an expression
        "(SELECT count(*) FROM tb_b b WHERE b.email = lower(a.email))",
        // whole-row references
        "to_jsonb(a)",
        "row_to_json(a)::text",
        // values that are equal but print differently
        "a.score",
        "a.f",
        "jsonb_build_object('s', a.score, 'd', a.data)",
        // correlated LIMIT
        "(SELECT b.val FROM tb_b b WHERE b.fk_a = a.pk_a ORDER BY b.val DESC NULLS LAST, b.pk_b LIMIT 1)",
        // uncorrelated IN used as a value (NULLs matter)
        "a.grp IN (SELECT b.grp FROM tb_b b)",
        // orders that decide: ties only between elements that print alike, a float average in a stated order,
        // the first value over peers, DISTINCT ON with ties broken by key
        "(SELECT jsonb_agg(m.grp ORDER BY m.grp) FROM tb_a m WHERE m.email = a.email)",
        "(SELECT avg(s.f ORDER BY s.pk_a) FROM tb_a s WHERE s.grp = a.grp)",
        "(SELECT max(w.fv) FROM (SELECT b.fk_a, first_value(b.grp) OVER (PARTITION BY b.fk_a ORDER BY b.grp) AS fv FROM tb_b b) w "
                + "WHERE w.fk_a = a.pk_a)",
        "(SELECT d.val FROM (SELECT DISTINCT ON (b.fk_a) b.fk_a, b.val FROM tb_b b ORDER BY b.fk_a, b.grp, b.pk_b) d WHERE d.fk_a = a.pk_a)",
        // values printed by settings pinned for the view (locale, money)
        "to_char(a.score, 'FM9G999D99')",
        "(a.pk_a * 100)::money::text",
    };

    /** Joins added to the FROM clause, with the column they output. */
    private static final String[][] A_JOINS = {
        {"LEFT JOIN tb_b bj ON bj.pk_b = a.grp", "bj.val"},
        {"LEFT JOIN (SELECT fk_a, sum(val) AS total, count(*) AS n FROM tb_b GROUP BY fk_a) g ON g.fk_a = a.pk_a", "g.total"},
        {"LEFT JOIN tb_b b1 ON b1.pk_b = a.grp LEFT JOIN tb_c c1 ON c1.pk_c = b1.grp", "c1.note"},
        {"LEFT JOIN LATERAL (SELECT count(*) AS n FROM tb_c lc WHERE lc.fk_a = a.pk_a) l ON true", "l.n"},
    };

    /** Filters added to WHERE. */
    private static final String[] A_FILTERS = {
        "EXISTS (SELECT 1 FROM tb_b e WHERE e.fk_a = a.pk_a)",
        "NOT EXISTS (SELECT 1 FROM tb_c e WHERE e.fk_a = a.pk_a AND e.note = 'x')",
        "a.pk_a IN (SELECT b.fk_a FROM tb_b b WHERE b.val > 1)",
        "a.grp IS NOT NULL",
    };

    private final Random random;

    ViewShapes(Random random) {
        this.random = random;
    }

    /** A random definition keyed by {@code pk_<entity>}. */
    String definition(String entity) {
        int shape = random.nextInt(10);
        if (shape == 0) {
            // GROUP BY the key plus a column of a joined table
            return "SELECT a.pk_a AS pk_" + entity + ", a.name, bj.email, count(b.pk_b) AS n, sum(b.val) AS total\n"
                    + "  FROM tb_a a LEFT JOIN tb_b b ON b.fk_a = a.pk_a LEFT JOIN tb_b bj ON bj.pk_b = a.grp\n"
                    + " GROUP BY a.pk_a, a.name, bj.email";
        }
        if (shape == 1) {
            // the key from another table, an inner join to its parent, a sibling aggregate
            return "SELECT b.pk_b AS pk_" + entity + ", b.val, a.name, a.score,\n"
                    + "       (SELECT count(*) FROM tb_b s WHERE s.fk_a = b.fk_a) AS siblings\n"
                    + "  FROM tb_b b JOIN tb_a a ON a.pk_a = b.fk_a";
        }
        if (shape == 2) {
            // the key from a grouped derived table
            return "SELECT g.fk_a AS pk_" + entity + ", g.n, g.total, a.name\n"
                    + "  FROM (SELECT fk_a, count(*) AS n, sum(val) AS total FROM tb_b WHERE fk_a IS NOT NULL GROUP BY fk_a) g\n"
                    + "  LEFT JOIN tb_a a ON a.pk_a = g.fk_a";
        }
        StringBuilder select = new StringBuilder("SELECT a.pk_a AS pk_" + entity);
        StringBuilder from = new StringBuilder("  FROM tb_a a");
        List<String> where = new ArrayList<>();
        int features = 1 + random.nextInt(3);
        for (int i = 0; i < features; i++) {
            select.append(",\n       ").append(A_FEATURES[random.nextInt(A_FEATURES.length)]).append(" AS c").append(i);
        }
        if (random.nextInt(3) == 0) {
            String[] join = A_JOINS[random.nextInt(A_JOINS.length)];
            from.append("\n  ").append(join[0]);
            select.append(",\n       ").append(join[1]).append(" AS j");
        }
        if (random.nextInt(3) == 0) {
            where.add(A_FILTERS[random.nextInt(A_FILTERS.length)]);
        }
        return select + "\n" + from + (where.isEmpty() ? "" : "\n WHERE " + String.join(" AND ", where));
    }

    private int small(int n) {
        return 1 + random.nextInt(n);
    }

    private String nullable(String value) {
        return random.nextInt(5) == 0 ? "NULL" : value;
    }

    private String email() {
        return nullable("'" + (random.nextBoolean() ? "E" : "e") + random.nextInt(4) + "@x'");
    }

    private String numeric() {
        String[] values = {"1", "1.0", "1.00", "2.5", "0", "-0.0", "10"};
        return nullable(values[random.nextInt(values.length)]);
    }

    private String floating() {
        String[] values = {"0", "-0", "1.5", "'NaN'", "1e-5"};
        return nullable(values[random.nextInt(values.length)]);
    }

    /** A random write: inserts, updates (re-parenting, equal-but-different values), deletes, multi-row, CTEs. */
    String write() {
        return switch (random.nextInt(22)) {
            case 0, 1 -> "INSERT INTO tb_a (pk_a, grp, email, name, score, f, arr, data) VALUES (" + small(12) + ", " + nullable(String.valueOf(small(4)))
                    + ", " + email() + ", 'n" + random.nextInt(5) + "', " + numeric() + ", " + floating() + ", "
                    + nullable("ARRAY[" + small(4) + ", " + small(4) + "]") + ", " + nullable("'{\"k\": " + numeric().replace("NULL", "null") + "}'")
                    + ") ON CONFLICT (pk_a) DO NOTHING";
            case 2, 3 -> "INSERT INTO tb_b (pk_b, fk_a, grp, val, email) VALUES (" + small(20) + ", " + nullable(String.valueOf(small(12))) + ", "
                    + nullable(String.valueOf(small(6))) + ", " + numeric() + ", " + email() + ") ON CONFLICT (pk_b) DO NOTHING";
            case 4 -> {
                int pk = small(20);
                yield "INSERT INTO tb_c (pk_c, fk_b, fk_a, parent_c, note) VALUES (" + pk + ", " + nullable(String.valueOf(small(20))) + ", "
                        + nullable(String.valueOf(small(12))) + ", " + (pk > 1 && random.nextBoolean() ? String.valueOf(random.nextInt(pk - 1) + 1) : "NULL")
                        + ", " + nullable(random.nextBoolean() ? "'x'" : "'y'") + ") ON CONFLICT (pk_c) DO NOTHING";
            }
            case 5 -> "UPDATE tb_a SET grp = " + nullable(String.valueOf(small(4))) + " WHERE pk_a = " + small(12);
            case 6 -> "UPDATE tb_a SET email = " + email() + " WHERE pk_a = " + small(12);
            case 7 -> "UPDATE tb_a SET name = 'n" + random.nextInt(5) + "' WHERE grp = " + small(4);
            case 8 -> "UPDATE tb_a SET score = " + numeric() + ", f = " + floating() + " WHERE pk_a = " + small(12);
            case 9 -> "UPDATE tb_a SET arr = " + nullable("ARRAY[" + small(6) + "]") + ", data = '{\"k\": " + random.nextInt(3) + "}' WHERE pk_a = " + small(12);
            case 10 -> "UPDATE tb_b SET fk_a = " + nullable(String.valueOf(small(12))) + " WHERE pk_b = " + small(20);
            case 11 -> "UPDATE tb_b SET val = " + numeric() + " WHERE pk_b = " + small(20);
            case 12 -> "UPDATE tb_b SET grp = " + nullable(String.valueOf(small(6))) + ", email = " + email() + " WHERE fk_a = " + small(12);
            case 13 -> "UPDATE tb_b SET val = val * 1.0 WHERE grp = " + small(6);
            case 14 -> "UPDATE tb_c SET fk_b = " + nullable(String.valueOf(small(20))) + ", note = " + nullable("'x'") + " WHERE pk_c = " + small(20);
            case 15 -> "UPDATE tb_c SET fk_a = " + nullable(String.valueOf(small(12))) + " WHERE pk_c = " + small(20);
            case 16 -> "DELETE FROM tb_a WHERE pk_a = " + small(12);
            case 17 -> "DELETE FROM tb_b WHERE pk_b IN (" + small(20) + ", " + small(20) + ")";
            case 18 -> "DELETE FROM tb_c WHERE pk_c = " + small(20) + " AND NOT EXISTS (SELECT 1 FROM tb_c k WHERE k.parent_c = " + small(20) + ")";
            case 19 -> "UPDATE tb_a SET pk_a = pk_a + 20 WHERE pk_a = " + small(12);
            case 20 -> "WITH moved AS (UPDATE tb_b SET fk_a = " + small(12) + " WHERE pk_b = " + small(20) + " RETURNING fk_a)\n"
                    + "UPDATE tb_a SET name = 'm" + random.nextInt(3) + "' WHERE pk_a IN (SELECT fk_a FROM moved)";
            default -> "UPDATE tb_a SET pk_a = pk_a - 20 WHERE pk_a > 20";
        };
    }
}

package dev.tviews.common.runtime;

import static dev.tviews.testsupport.Jdbc.exec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.testsupport.Jdbc;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Values that are equal but print differently (numeric 1.0 and 1.00, float -0 and 0, interval '1 day' and '24 hours',
 * jsonb 1.0 and 1, text under a nondeterministic collation): where a query keeps one of several equal values (min and
 * max, GROUP BY, DISTINCT, an aggregate over DISTINCT values), the plan decides which, and a refresh of a few keys
 * plans differently from the whole view. any_value() keeps the first row's value, whatever it is. Such definitions
 * are refused (0A000, nothing changed); the same shapes over values that print alike (numeric(10,2), text, a cast to
 * numeric(12,2)) or over a table the group pins down (GROUP BY its key) are accepted, and stay exact under random
 * writes of every spelling, read back under plans forced to hash, sort and scan otherwise. Random definitions from
 * those forms and columns; seeded: {@code -Dtviews.representative.seed}.
 */
class RepresentativeChoiceTest extends RuntimeConnectionTest {

    private static final int DEFINITIONS = Integer.getInteger("tviews.representative.definitions", 40);
    private static final int WRITES = 10;

    /** A column of tb_member: whether its equal values print alike, and some spellings of a few values. */
    private record Column(String name, String type, boolean alike, boolean numericCast, boolean ordered, List<String> spellings) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("price", "numeric", false, true, true, List.of("1", "1.0", "1.00", "2.5", "2.50", "-0.0")),
            new Column("cost", "numeric(10,2)", true, true, true, List.of("1", "1.0", "1.00", "2.5", "2.50")),
            // a domain over numeric(10,2): its typmod fixes the scale
            new Column("amount", "tviews_test_amount", true, true, true, List.of("1", "1.0", "1.00", "2.5")),
            new Column("weight", "float8", false, true, true, List.of("0", "'-0'", "1.5", "'-0.0'")),
            new Column("span", "interval", false, false, true, List.of("'1 day'", "'24 hours'", "'2 days'", "'48:00:00'")),
            new Column("doc", "jsonb", false, false, false, List.of("'1'", "'1.0'", "'1.00'", "'[2]'", "'[2.0]'")),
            new Column("label", "text", true, false, true, List.of("'a'", "'b'", "'A'")),
            new Column("nick", "text COLLATE tviews_test_ci", false, false, true, List.of("'a'", "'A'", "'b'", "'B'")));

    private boolean anyValue;
    private boolean collation;

    @BeforeEach
    void schema() throws SQLException {
        anyValue = Integer.parseInt(Jdbc.string(c, "SHOW server_version_num")) >= 160000;
        exec(c, "SELECT pg_tviews_drop(entity_name, true, true) FROM pg_tview_meta", "DROP TABLE IF EXISTS tb_member, tb_team CASCADE",
                "DROP DOMAIN IF EXISTS tviews_test_amount", "CREATE DOMAIN tviews_test_amount AS numeric(10,2)");
        // a case-insensitive collation needs ICU: without it, the column is left out
        collation = Jdbc.number(c, "SELECT count(*) FROM pg_collation WHERE collprovider = 'i'") > 0;
        if (collation) {
            exec(c, "CREATE COLLATION IF NOT EXISTS tviews_test_ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false)");
        }
        StringBuilder columns = new StringBuilder();
        for (Column col : columns()) {
            columns.append(", ").append(col.name()).append(' ').append(col.type());
        }
        exec(c, "CREATE TABLE tb_team (pk_team int PRIMARY KEY, name text NOT NULL)",
                "CREATE TABLE tb_member (pk_member int PRIMARY KEY, fk_team int NOT NULL REFERENCES tb_team" + columns + ")",
                "CREATE INDEX ON tb_member (fk_team)",
                "INSERT INTO tb_team SELECT g, 'team ' || g FROM generate_series(1, 10) g");
        Random data = new Random(7);
        for (int m = 1; m <= 300; m++) {
            exec(c, insert(m, 1 + m % 10, data));
        }
        exec(c, "ANALYZE tb_team, tb_member");
    }

    private List<Column> columns() {
        return COLUMNS.stream().filter(col -> collation || !col.name().equals("nick")).toList();
    }

    @Test
    void valuesKeptAmongEqualOnesAreRefusedUnlessTheyPrintAlike() throws SQLException {
        long seed = Long.getLong("tviews.representative.seed", System.nanoTime());
        System.out.printf("RepresentativeChoiceTest: seed=%d (-Dtviews.representative.seed=%d reproduces), %d definitions%s%n", seed, seed,
                DEFINITIONS, collation ? "" : " (no ICU: the nondeterministic collation is left out)");
        Random random = new Random(seed);
        int refused = 0;
        int accepted = 0;
        List<Column> columns = columns();
        for (int d = 0; d < DEFINITIONS; d++) {
            Column col = columns.get(random.nextInt(columns.size()));
            List<Integer> forms = anyValue ? ALL_FORMS : ALL_FORMS.stream().filter(f -> f != 7 && f != 8).toList();
            int form = forms.get(random.nextInt(forms.size()));
            if (((form == 0 || form == 11 || form == 14) && !col.ordered()) || (form == 1 && !col.numericCast())) {
                form = 3;  // no max() of jsonb, no cast of intervals to numeric: the count of groups instead
            }
            String definition = definition(col, form, random.nextBoolean() ? "max" : "min");
            String what = String.format("definition %d (seed %d): %s", d, seed, definition);
            if (refuses(col, form)) {
                DrawnDefinitions.assertRefused(c, "team", definition, form == 7 ? "any_value() over rows whose values differ"
                        : "equal but print differently", what);
                refused++;
                continue;
            }
            DrawnDefinitions.assertStaysExact(c, "team", definition, seed, what, WRITES, () -> write(random));
            accepted++;
        }
        System.out.printf("RepresentativeChoiceTest: seed=%d: %d refused, %d accepted and exact under %d plans%n", seed, refused, accepted,
                DrawnDefinitions.PLANS.size());
        assertThat(refused).as("refusals drawn").isPositive();
        assertThat(accepted).as("acceptances drawn").isPositive();
    }

    private static final List<Integer> ALL_FORMS = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);

    /** Forms 0, 2, 4, 5, 9, 11, 12, 13 and 14 keep one of equal values of the column; 7 the first row's value. */
    private static boolean refuses(Column col, int form) {
        return form == 7 || (List.of(0, 2, 4, 5, 9, 11, 12, 13, 14).contains(form) && !col.alike());
    }

    /**
     * Form 0: min or max of the column per team; 1: the same of the column cast to numeric(12,2), and rounded; 2: the largest text
     * of the groups of a team's members by the column; 3: the number of those groups; 4: the largest text of the
     * distinct values; 5: array_agg(DISTINCT ...) of the column; 6: each member with the column and the size of its
     * team, grouped by the member's key (the column depends on it); 7: any_value() of the column per team; 8:
     * any_value() of the team's name, grouped by the team's key; 9: the largest text of the UNION of a team's values
     * and the next team's; 10: the same with UNION ALL; 11: each member's team maximum of the column (a window), listed
     * by member; 12: the median of the column per team by percentile_disc; 13: the distinct JSON objects of the
     * column and a text per team (jsonb of values that print alike prints alike); 14: min or max of the column through
     * CASE, COALESCE and GREATEST, which keep its type.
     */
    private static String definition(Column col, int form, String fn) {
        String c = col.name();
        return switch (form) {
            case 0 -> "SELECT t.pk_team, " + fn + "(m." + c + ") AS v FROM tb_team t JOIN tb_member m ON m.fk_team = t.pk_team GROUP BY t.pk_team";
            case 1 -> "SELECT t.pk_team, t.name, " + fn + "(m." + c + "::numeric(12,2)) AS v, " + fn + "(round(m." + c + "::numeric, 1)) AS r "
                    + "FROM tb_team t JOIN tb_member m ON m.fk_team = t.pk_team GROUP BY t.pk_team, t.name";
            case 14 -> "SELECT t.pk_team, " + fn + "(GREATEST(COALESCE(CASE WHEN m.pk_member > 0 THEN m." + c + " END, m." + c + "), m." + c
                    + ")) AS v FROM tb_team t JOIN tb_member m ON m.fk_team = t.pk_team GROUP BY t.pk_team";
            case 2, 3 -> "SELECT t.pk_team, (SELECT " + (form == 2 ? "max(g.v::text COLLATE \"C\")" : "count(*)") + " FROM (SELECT m." + c
                    + " AS v FROM tb_member m WHERE m.fk_team = t.pk_team GROUP BY m." + c + ") g) AS v FROM tb_team t";
            case 4 -> "SELECT t.pk_team, (SELECT max(d.v::text COLLATE \"C\") FROM (SELECT DISTINCT m." + c
                    + " AS v FROM tb_member m WHERE m.fk_team = t.pk_team) d) AS v FROM tb_team t";
            case 5 -> "SELECT t.pk_team, t.name, array_agg(DISTINCT m." + c + ") AS v FROM tb_team t JOIN tb_member m ON m.fk_team = t.pk_team "
                    + "GROUP BY t.pk_team";
            case 6 -> "SELECT m.pk_member AS pk_team, m." + c + " AS v, count(x.pk_member) AS n FROM tb_member m "
                    + "LEFT JOIN tb_member x ON x.fk_team = m.fk_team GROUP BY m.pk_member";
            case 9, 10 -> "SELECT t.pk_team, (SELECT max(u.v::text COLLATE \"C\") FROM (SELECT m." + c + " AS v FROM tb_member m WHERE m.fk_team = t.pk_team "
                    + (form == 9 ? "UNION" : "UNION ALL") + " SELECT n." + c + " FROM tb_member n WHERE n.fk_team = t.pk_team % 10 + 1) u) AS v FROM tb_team t";
            case 11 -> "SELECT t.pk_team, (SELECT jsonb_agg(w.v::text ORDER BY w.pk_member) FROM (SELECT m.pk_member, m.fk_team, " + fn + "(m." + c
                    + ") OVER (PARTITION BY m.fk_team) AS v FROM tb_member m) w WHERE w.fk_team = t.pk_team) AS v FROM tb_team t";
            case 12 -> "SELECT t.pk_team, percentile_disc(0.5) WITHIN GROUP (ORDER BY m." + c + ") AS v FROM tb_team t "
                    + "JOIN tb_member m ON m.fk_team = t.pk_team GROUP BY t.pk_team";
            case 13 -> "SELECT t.pk_team, jsonb_agg(DISTINCT jsonb_build_object('v', m." + c + ", 'n', t.name)) AS v FROM tb_team t "
                    + "JOIN tb_member m ON m.fk_team = t.pk_team GROUP BY t.pk_team";
            case 7 -> "SELECT t.pk_team, any_value(m." + c + ") AS v FROM tb_team t JOIN tb_member m ON m.fk_team = t.pk_team GROUP BY t.pk_team";
            default -> "SELECT t.pk_team, any_value(t.name) AS name, count(m.pk_member) AS n FROM tb_team t "
                    + "LEFT JOIN tb_member m ON m.fk_team = t.pk_team GROUP BY t.pk_team";
        };
    }

    private String insert(int member, int team, Random random) {
        StringBuilder values = new StringBuilder();
        for (Column col : columns()) {
            values.append(", ").append(col.spellings().get(random.nextInt(col.spellings().size())));
        }
        return "INSERT INTO tb_member VALUES (" + member + ", " + team + values + ") ON CONFLICT DO NOTHING";
    }

    /** A random write: members respelled, moved, added or removed, one or many. */
    private String write(Random random) {
        List<Column> columns = columns();
        Column col = columns.get(random.nextInt(columns.size()));
        String spelling = col.spellings().get(random.nextInt(col.spellings().size()));
        int member = 1 + random.nextInt(300);
        return switch (random.nextInt(5)) {
            case 0 -> "UPDATE tb_member SET " + col.name() + " = " + spelling + " WHERE pk_member % 7 = " + random.nextInt(7);
            case 1 -> "UPDATE tb_member SET " + col.name() + " = " + spelling + " WHERE pk_member = " + member;
            case 2 -> "UPDATE tb_member SET fk_team = " + (1 + random.nextInt(10)) + " WHERE pk_member = " + member;
            case 3 -> insert(1000 + random.nextInt(100_000), 1 + random.nextInt(10), random);
            default -> "DELETE FROM tb_member WHERE pk_member = " + member;
        };
    }

    /** The writes and definitions above only mean something if the spellings really are equal and print differently. */
    @Test
    void theSpellingsOfAColumnThatPrintsDifferentlyAreEqual() throws SQLException {
        for (Column col : columns()) {
            List<String> pairs = new ArrayList<>();
            for (String a : col.spellings()) {
                for (String b : col.spellings()) {
                    pairs.add(String.format("(%1$s::%2$s = %3$s::%2$s AND ((%1$s::%2$s)::text COLLATE \"C\") <> ((%3$s::%2$s)::text COLLATE \"C\"))",
                            a, col.type(), b));
                }
            }
            boolean equalButDifferent = Jdbc.string(c, "SELECT " + String.join(" OR ", pairs)).equals("t");
            assertThat(equalButDifferent).as("%s has spellings that are equal and print differently", col.name()).isEqualTo(!col.alike());
        }
    }
}

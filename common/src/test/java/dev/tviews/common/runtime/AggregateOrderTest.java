package dev.tviews.common.runtime;

import static dev.tviews.testsupport.Jdbc.exec;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Aggregates that list their input in the order it comes (jsonb_agg, string_agg, array_agg, json_agg,
 * ARRAY(SELECT ...)) or add up floating-point values (which round by that order), LIMIT, DISTINCT ON and window
 * functions that number rows or read other rows print what the plan puts first wherever their ORDER BY does not decide
 * (none at all, a sort on which members that print differently tie, a sorted subquery instead), and a refresh of a
 * few keys plans differently from the whole view: such definitions are refused (0A000, nothing changed). Where the
 * order decides (ending in a key, DISTINCT, ties only between members that print the same) they are accepted, and
 * stay exact under random writes, read back under plans forced to hash, sort and scan otherwise. Random definitions
 * from those forms; seeded: {@code -Dtviews.aggregate-order.seed}.
 */
class AggregateOrderTest extends RuntimeConnectionTest {

    private static final int DEFINITIONS = Integer.getInteger("tviews.aggregate-order.definitions", 48);
    private static final int WRITES = 12;

    /**
     * One aggregate over the members of a team: without an order, ordered by a key, ordered with ties between members
     * that print differently, ordered with ties only between members that print the same, over distinct values.
     */
    private record Aggregate(String unordered, String ordered, String tied, String tiedAlike, String distinct) {
    }

    private static final List<Aggregate> AGGREGATES = List.of(
            new Aggregate("jsonb_agg(m.name)", "jsonb_agg(m.name ORDER BY m.pk_member)", "jsonb_agg(m.name ORDER BY m.score)",
                    "jsonb_agg(m.name ORDER BY m.name)", "jsonb_agg(DISTINCT m.name)"),
            new Aggregate("string_agg(m.name, ',')", "string_agg(m.name, ',' ORDER BY m.score, m.pk_member)",
                    "string_agg(m.name || m.pk_member, ',' ORDER BY m.score, m.name)", "string_agg(m.name, ',' ORDER BY m.score, m.name)",
                    "string_agg(DISTINCT m.name, ',')"),
            new Aggregate("array_agg(m.score)", "array_agg(m.score ORDER BY m.pk_member DESC)", "array_agg(m.name ORDER BY m.fk_team)",
                    "array_agg(m.score ORDER BY m.score DESC)", "array_agg(DISTINCT m.score)"),
            new Aggregate("json_agg(jsonb_build_object('n', m.name, 's', m.score))",
                    "json_agg(jsonb_build_object('n', m.name, 's', m.score) ORDER BY m.pk_member)",
                    "json_agg(jsonb_build_object('n', m.name, 's', m.score) ORDER BY m.name)",
                    "json_agg(jsonb_build_object('n', m.name, 's', m.score) ORDER BY m.name, m.score)", "json_agg(DISTINCT m.name)"),
            // a user's aggregate (kept_last, created below): its dependence on the order is unknown, so as a list
            new Aggregate("kept_last(m.name)", "kept_last(m.name ORDER BY m.pk_member)", "kept_last(m.name ORDER BY m.score)",
                    "kept_last(m.name ORDER BY m.name)", "kept_last(DISTINCT m.name)"));
    @BeforeEach
    void schema() throws SQLException {
        exec(c, "SELECT pg_tviews_drop(entity_name, true, true) FROM pg_tview_meta",
                "DROP TABLE IF EXISTS tb_member, tb_team CASCADE",
                "CREATE OR REPLACE FUNCTION kept_last_step(text, text) RETURNS text IMMUTABLE LANGUAGE sql AS $$ SELECT $2 $$",
                "CREATE OR REPLACE AGGREGATE kept_last(text) (sfunc = kept_last_step, stype = text)",
                "CREATE TABLE tb_team (pk_team int PRIMARY KEY, name text NOT NULL)",
                "CREATE TABLE tb_member (pk_member int PRIMARY KEY, fk_team int NOT NULL REFERENCES tb_team, name text, score int, rating float8)",
                "CREATE INDEX ON tb_member (fk_team)",
                "INSERT INTO tb_team SELECT g, 'team ' || g FROM generate_series(1, 12) g",
                // names and scores repeat, so that only a stated order decides between members
                "INSERT INTO tb_member SELECT g, 1 + (g * 7) % 12, 'm' || (g % 5), g % 4, g / 7.0::float8 FROM generate_series(1, 400) g",
                "ANALYZE tb_team, tb_member");
    }

    @Test
    void ordersThePlanDecidesAreRefusedAndDecidedOnesStayExactUnderEveryPlan() throws SQLException {
        long seed = Long.getLong("tviews.aggregate-order.seed", System.nanoTime());
        System.out.printf("AggregateOrderTest: seed=%d (-Dtviews.aggregate-order.seed=%d reproduces), %d definitions%n", seed, seed, DEFINITIONS);
        Random random = new Random(seed);
        int refused = 0;
        int accepted = 0;
        for (int d = 0; d < DEFINITIONS; d++) {
            Aggregate aggregate = AGGREGATES.get(random.nextInt(AGGREGATES.size()));
            int form = random.nextInt(22);
            String definition = definition(aggregate, form, random.nextBoolean());
            String what = String.format("definition %d (seed %d): %s", d, seed, definition);
            if (REFUSED.contains(form)) {
                DrawnDefinitions.assertRefused(c, "team", definition, form == 19 ? "whose key can repeat with different values"
                        : form == 0 || form == 3 || form == 4 || form == 16 ? "without ORDER BY" : "whose ORDER BY can tie", what);
                refused++;
                continue;
            }
            DrawnDefinitions.assertStaysExact(c, "team", definition, seed, what, WRITES, () -> write(random));
            accepted++;
        }
        System.out.printf("AggregateOrderTest: seed=%d: %d refused, %d accepted and exact under %d plans%n", seed, refused, accepted,
                DrawnDefinitions.PLANS.size());
        assertThat(refused + accepted).isEqualTo(DEFINITIONS);
    }

    /** The forms that must be refused: orders the plan decides where they show. */
    private static final List<Integer> REFUSED = List.of(0, 3, 4, 5, 8, 10, 12, 15, 16, 19);

    /**
     * Form 0: the aggregate unordered; 1: ordered by a key; 2: DISTINCT; 3: fed by a sorted subquery, its only FROM
     * item (an order PostgreSQL does not promise to keep); 4: ARRAY(SELECT ...) without ORDER BY; 5: ordered with ties;
     * 6: ARRAY(SELECT ...) ordered by a key, the member's team joined; 7: ordered with ties that print alike; 8: the
     * top member by a score that ties; 9: the top member, ties broken by key; 10: DISTINCT ON a team's members by a
     * score that ties; 11: the same, ties broken by key; 12: members numbered by a score that ties; 13: the same,
     * ties broken by key; 14: the first value of a score, which ties print alike; 15: the name of the member before, by
     * a score that ties; 16: a sum of floating-point ratings, which rounds by the order it adds them in; 17: the same
     * sum in numeric; 18: the average of the ratings in a stated order; 19: an object keyed by name, which repeats with
     * different scores (the last one stays); 20: an object keyed by the member's key; 21: the object of 19 in an order
     * that decides. Grouped over a join, or in a correlated subquery.
     */
    private static String definition(Aggregate aggregate, int form, boolean grouped) {
        return switch (form) {
            case 8, 9 -> "SELECT t.pk_team, (SELECT m.name FROM tb_member m WHERE m.fk_team = t.pk_team ORDER BY m.score DESC"
                    + (form == 9 ? ", m.pk_member" : "") + " LIMIT 1) AS top FROM tb_team t";
            case 12, 13, 14, 15 -> "SELECT t.pk_team, (SELECT jsonb_agg(jsonb_build_object('n', w.name, 'v', w.v) ORDER BY w.pk_member) "
                    + "FROM (SELECT m.pk_member, m.fk_team, m.name, " + switch (form) {
                        case 12 -> "row_number() OVER (PARTITION BY m.fk_team ORDER BY m.score)";
                        case 13 -> "row_number() OVER (PARTITION BY m.fk_team ORDER BY m.score, m.pk_member)";
                        case 14 -> "first_value(m.score) OVER (PARTITION BY m.fk_team ORDER BY m.score DESC)";
                        default -> "lag(m.name) OVER (PARTITION BY m.fk_team ORDER BY m.score)";
                    } + " AS v FROM tb_member m) w WHERE w.fk_team = t.pk_team) AS members FROM tb_team t";
            case 10, 11 -> "SELECT d.fk_team AS pk_team, d.name FROM (SELECT DISTINCT ON (m.fk_team) m.fk_team, m.name FROM tb_member m "
                    + "ORDER BY m.fk_team, m.score" + (form == 11 ? ", m.pk_member" : "") + ") d";
            case 3 -> "SELECT t.pk_team, (SELECT " + aggregate.unordered() + " FROM (SELECT x.name, x.score, x.pk_member FROM tb_member x "
                    + "WHERE x.fk_team = t.pk_team ORDER BY x.pk_member) m) AS members FROM tb_team t";
            case 4 -> "SELECT t.pk_team, ARRAY(SELECT m.name FROM tb_member m WHERE m.fk_team = t.pk_team) AS members FROM tb_team t";
            case 6 -> "SELECT t.pk_team, ARRAY(SELECT m.name || '@' || x.name FROM tb_member m JOIN tb_team x ON x.pk_team = m.fk_team "
                    + "WHERE m.score = t.pk_team % 4 ORDER BY m.name, m.pk_member) AS members FROM tb_team t";
            default -> {
                String expression = switch (form) {
                    case 0 -> aggregate.unordered();
                    case 1 -> aggregate.ordered();
                    case 5 -> aggregate.tied();
                    case 7 -> aggregate.tiedAlike();
                    case 16 -> "sum(m.rating)";
                    case 17 -> "sum(m.rating::numeric)";
                    case 18 -> "avg(m.rating ORDER BY m.pk_member)";
                    case 19 -> "jsonb_object_agg(m.name, m.score)";
                    case 20 -> "jsonb_object_agg(m.pk_member, m.name)";
                    case 21 -> "jsonb_object_agg(m.name, m.score ORDER BY m.name, m.pk_member)";
                    default -> aggregate.distinct();
                };
                yield grouped
                        ? "SELECT t.pk_team, t.name, " + expression + " AS members FROM tb_team t JOIN tb_member m ON m.fk_team = t.pk_team "
                                + "GROUP BY t.pk_team, t.name"
                        : "SELECT t.pk_team, (SELECT " + expression + " FROM tb_member m WHERE m.fk_team = t.pk_team) AS members FROM tb_team t";
            }
        };
    }

    /** A random write: members renamed, rescored, moved, added or removed. */
    private static String write(Random random) {
        int member = 1 + random.nextInt(400);
        return switch (random.nextInt(5)) {
            case 0 -> "UPDATE tb_member SET name = 'm' || (pk_member % 3) WHERE fk_team = " + (1 + random.nextInt(12));
            case 1 -> "UPDATE tb_member SET score = score + 1, rating = rating * 1.1 WHERE pk_member % 9 = " + random.nextInt(9);
            case 2 -> "UPDATE tb_member SET fk_team = " + (1 + random.nextInt(12)) + " WHERE pk_member = " + member;
            case 3 -> "INSERT INTO tb_member VALUES (" + (1000 + random.nextInt(100_000)) + ", " + (1 + random.nextInt(12))
                    + ", 'm" + random.nextInt(5) + "', " + random.nextInt(4) + ", " + random.nextInt(1000) + " / 3.0) ON CONFLICT DO NOTHING";
            default -> "DELETE FROM tb_member WHERE pk_member = " + member;
        };
    }
}

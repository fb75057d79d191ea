package dev.tviews.common.runtime;

import java.util.Random;

/**
 * Random DML over {@link OracleSchema}'s tables: inserts, updates (including re-parenting and
 * multi-row), deletes with ON DELETE CASCADE / SET NULL, ON CONFLICT, MERGE (PostgreSQL 15+),
 * COPY, TRUNCATE, DO blocks and data-modifying CTEs. Keys are drawn from small ranges, so
 * statements hit existing rows most of the time; the rest are refused by constraints or no-ops.
 */
final class RandomStatements {

    private final Random random;
    private final boolean merge;
    private int counter;

    RandomStatements(Random random, boolean merge) {
        this.random = random;
        this.merge = merge;
    }

    private int user() {
        return 1 + random.nextInt(12);
    }

    private int post() {
        return 1 + random.nextInt(30);
    }

    private int tag() {
        return 1 + random.nextInt(8);
    }

    private int category() {
        return 1 + random.nextInt(5);
    }

    private String word() {
        return "w" + (++counter) + (random.nextInt(3) == 0 ? "'q" : "");
    }

    private String lit(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    String next() {
        int kind = random.nextInt(34);
        return switch (kind) {
            case 0, 1 -> "INSERT INTO tb_user (pk_user, name, email) VALUES (" + user() + ", " + lit(word()) + ", "
                    + lit(word() + "@x") + ") ON CONFLICT (pk_user) DO UPDATE SET name = EXCLUDED.name";
            case 2, 3, 4 -> "INSERT INTO tb_post (pk_post, fk_user, fk_category, title) VALUES (" + post() + ", " + user() + ", "
                    + (random.nextBoolean() ? "NULL" : String.valueOf(category())) + ", " + lit(word()) + ") ON CONFLICT DO NOTHING";
            case 5, 6 -> "INSERT INTO tb_comment (fk_post, fk_user, text) VALUES (" + post() + ", " + user() + ", " + lit(word()) + ")";
            case 7 -> "INSERT INTO tb_tag (pk_tag, name) VALUES (" + tag() + ", " + lit(word()) + ") ON CONFLICT (pk_tag) DO UPDATE SET name = EXCLUDED.name";
            case 8, 9 -> "INSERT INTO tb_post_tag (fk_post, fk_tag) VALUES (" + post() + ", " + tag() + ") ON CONFLICT DO NOTHING";
            case 10 -> "INSERT INTO tb_follow VALUES (" + user() + ", " + user() + ") ON CONFLICT DO NOTHING";
            case 11 -> "INSERT INTO tb_category (pk_category, name) VALUES (" + category() + ", " + lit(word()) + ") ON CONFLICT DO NOTHING";
            case 12 -> "UPDATE tb_user SET name = " + lit(word()) + " WHERE pk_user = " + user();
            case 13 -> "UPDATE tb_user SET settings = '{\"theme\": \"" + word().replace("'", "") + "\"}' WHERE pk_user = " + user();
            case 14 -> "UPDATE tb_post SET title = " + lit(word()) + " WHERE pk_post = " + post();
            case 15 -> "UPDATE tb_post SET fk_user = " + user() + " WHERE pk_post = " + post(); // re-parent
            case 16 -> "UPDATE tb_post SET fk_category = " + (random.nextBoolean() ? "NULL" : String.valueOf(category()))
                    + " WHERE pk_post = " + post();
            case 17 -> "UPDATE tb_post SET views = views + 1 WHERE pk_post % 3 = " + random.nextInt(3); // column no view reads
            case 18 -> "UPDATE tb_post SET title = title || 'x' WHERE fk_user IN (" + user() + ", " + user() + ")"; // multi-row
            case 19 -> "UPDATE tb_comment SET fk_post = " + post() + ", text = " + lit(word()) + " WHERE pk_comment IN "
                    + "(SELECT pk_comment FROM tb_comment ORDER BY pk_comment OFFSET " + random.nextInt(20) + " LIMIT 2)";
            case 20 -> "UPDATE tb_tag SET name = " + lit(word()) + " WHERE pk_tag = " + tag();
            case 21 -> "UPDATE tb_category SET name = " + lit(word()) + " WHERE pk_category = " + category();
            case 22 -> "DELETE FROM tb_user WHERE pk_user = " + user(); // cascades to posts, comments, follows
            case 23 -> "DELETE FROM tb_post WHERE pk_post = " + post();
            case 24 -> "DELETE FROM tb_comment WHERE pk_comment IN (SELECT pk_comment FROM tb_comment ORDER BY pk_comment OFFSET " + random.nextInt(20) + " LIMIT 1)";
            case 25 -> "DELETE FROM tb_category WHERE pk_category = " + category(); // SET NULL on posts
            case 26 -> "DELETE FROM tb_tag WHERE pk_tag = " + tag();
            case 27 -> "DELETE FROM tb_follow WHERE fk_follower = " + user();
            case 28 -> "WITH u AS (UPDATE tb_user SET name = " + lit(word()) + " WHERE pk_user = " + user() + " RETURNING pk_user) "
                    + "UPDATE tb_post SET title = " + lit(word()) + " WHERE fk_user IN (SELECT pk_user FROM u)";
            case 29 -> "WITH p AS (INSERT INTO tb_post (fk_user, title) VALUES (" + user() + ", " + lit(word()) + ") RETURNING pk_post) "
                    + "INSERT INTO tb_comment (fk_post, fk_user, text) SELECT pk_post, " + user() + ", 'first' FROM p";
            case 30 -> "DO $$ BEGIN UPDATE tb_user SET email = " + lit(word()) + " WHERE pk_user = " + user() + "; "
                    + "DELETE FROM tb_post_tag WHERE fk_tag = " + tag() + "; END $$";
            case 31 -> random.nextInt(4) == 0 ? "TRUNCATE tb_follow" : "TRUNCATE tb_post_tag";
            case 32 -> "COPY tb_tag (name) FROM STDIN\n" + word().replace("'", "") + "\n" + word().replace("'", "") + "\n";
            default -> merge
                    ? "MERGE INTO tb_tag t USING (VALUES (" + tag() + ", " + lit(word()) + ")) AS s(pk, name) ON t.pk_tag = s.pk "
                        + "WHEN MATCHED AND s.pk % 2 = 0 THEN DELETE WHEN MATCHED THEN UPDATE SET name = s.name "
                        + "WHEN NOT MATCHED THEN INSERT (pk_tag, name) VALUES (s.pk, s.name)"
                    : "UPDATE tb_tag SET name = name || 'm' WHERE pk_tag = " + tag();
        };
    }
}

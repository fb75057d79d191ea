package dev.tviews.common.runtime.concurrency;

import java.util.List;
import java.util.function.IntFunction;

/**
 * A nested read model for the lock-order tests: org, user, post and comment documents, each embedding the level
 * below (a TVIEW reading a TVIEW) and a name from the level above, plus a per-org feed over the base tables; and
 * single-row statements that enter it at every level.
 */
final class NestedModel {

    private NestedModel() {
    }

    static final int ORGS = 3;
    static final int USERS = 9;
    static final int POSTS = 27;

    static final String SCHEMA = """
            CREATE TABLE tb_org (pk_org bigint PRIMARY KEY, name text NOT NULL);
            CREATE TABLE tb_user (pk_user bigint PRIMARY KEY, fk_org bigint NOT NULL REFERENCES tb_org, name text NOT NULL);
            CREATE TABLE tb_post (pk_post bigint PRIMARY KEY, fk_user bigint NOT NULL REFERENCES tb_user, title text NOT NULL);
            CREATE TABLE tb_comment (pk_comment bigint PRIMARY KEY, fk_post bigint NOT NULL REFERENCES tb_post,
                                     fk_user bigint NOT NULL REFERENCES tb_user, text text NOT NULL);
            CREATE INDEX ON tb_user (fk_org);
            CREATE INDEX ON tb_post (fk_user);
            CREATE INDEX ON tb_comment (fk_post);
            CREATE INDEX ON tb_comment (fk_user);
            INSERT INTO tb_org SELECT o, 'org ' || o FROM generate_series(1, %1$d) o;
            INSERT INTO tb_user SELECT u, (u - 1) %% %1$d + 1, 'user ' || u FROM generate_series(1, %2$d) u;
            INSERT INTO tb_post SELECT p, (p - 1) %% %2$d + 1, 'post ' || p FROM generate_series(1, %3$d) p;
            INSERT INTO tb_comment SELECT c, (c - 1) %% %3$d + 1, c %% %2$d + 1, 'comment ' || c FROM generate_series(1, 2 * %3$d) c;
            SELECT pg_tviews_create('comment', $q$
                SELECT c.pk_comment, c.fk_post, jsonb_build_object('text', c.text, 'author', a.name) AS data
                  FROM tb_comment c JOIN tb_user a ON a.pk_user = c.fk_user $q$);
            SELECT pg_tviews_create('post', $q$
                SELECT p.pk_post, p.fk_user, jsonb_build_object('title', p.title, 'author', u.name,
                       'comments', COALESCE((SELECT jsonb_agg(c.data ORDER BY c.pk_comment) FROM tv_comment c
                                              WHERE c.fk_post = p.pk_post), '[]')) AS data
                  FROM tb_post p JOIN tb_user u ON u.pk_user = p.fk_user $q$);
            SELECT pg_tviews_create('user', $q$
                SELECT u.pk_user, u.fk_org, jsonb_build_object('name', u.name, 'org', o.name,
                       'posts', COALESCE((SELECT jsonb_agg(p.data ORDER BY p.pk_post) FROM tv_post p
                                           WHERE p.fk_user = u.pk_user), '[]')) AS data
                  FROM tb_user u JOIN tb_org o ON o.pk_org = u.fk_org $q$);
            SELECT pg_tviews_create('org', $q$
                SELECT o.pk_org, jsonb_build_object('name', o.name,
                       'users', COALESCE((SELECT jsonb_agg(u.data ORDER BY u.pk_user) FROM tv_user u
                                           WHERE u.fk_org = o.pk_org), '[]')) AS data
                  FROM tb_org o $q$);
            SELECT pg_tviews_create('feed', $q$
                SELECT o.pk_org AS pk_feed,
                       COALESCE((SELECT jsonb_agg(jsonb_build_object('post', p.pk_post, 'title', p.title, 'author', u.name,
                                                                     'comments', (SELECT count(*) FROM tb_comment c WHERE c.fk_post = p.pk_post))
                                                  ORDER BY p.pk_post)
                                   FROM tb_user u JOIN tb_post p ON p.fk_user = u.pk_user WHERE u.fk_org = o.pk_org), '[]') AS data
                  FROM tb_org o $q$);
            """.formatted(ORGS, USERS, POSTS);

    /** Statement kinds, entering the TVIEW graph at every level; {@code n} makes new keys unique. */
    static final List<IntFunction<String>> KINDS = List.of(
            n -> "INSERT INTO tb_comment VALUES (%d, %d, %d, 'new')".formatted(1000 + n, 1 + n % POSTS, 1 + (n * 7) % USERS),
            n -> "UPDATE tb_comment SET text = 'edited %d' WHERE pk_comment = %d".formatted(n, 1 + n % (2 * POSTS)),
            n -> "DELETE FROM tb_comment WHERE pk_comment = %d".formatted(1000 + n / 2),
            n -> "UPDATE tb_post SET title = 'title %d' WHERE pk_post = %d".formatted(n, 1 + n % POSTS),
            n -> "UPDATE tb_post SET fk_user = %d WHERE pk_post = %d".formatted(1 + (n * 5) % USERS, 1 + n % POSTS),
            n -> "INSERT INTO tb_post VALUES (%d, %d, 'new')".formatted(1000 + n, 1 + n % USERS),
            n -> "UPDATE tb_user SET name = 'user %d' WHERE pk_user = %d".formatted(n, 1 + n % USERS),
            n -> "UPDATE tb_user SET fk_org = %d WHERE pk_user = %d".formatted(1 + n % ORGS, 1 + (n * 3) % USERS),
            n -> "UPDATE tb_org SET name = 'org %d' WHERE pk_org = %d".formatted(n, 1 + n % ORGS));
}

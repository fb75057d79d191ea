package dev.tviews.samples;

/** The integration guide's blog schema and the demo's custom views. */
final class BlogSchema {

    private BlogSchema() {
    }

    static final String BASE_TABLES = """
            CREATE TABLE tb_user (
                pk_user BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                id UUID NOT NULL DEFAULT gen_random_uuid() UNIQUE,
                email TEXT NOT NULL,
                name TEXT NOT NULL);
            CREATE TABLE tb_post (
                pk_post BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                id UUID NOT NULL DEFAULT gen_random_uuid() UNIQUE,
                fk_user BIGINT NOT NULL REFERENCES tb_user(pk_user),
                title TEXT NOT NULL,
                content TEXT NOT NULL);
            CREATE TABLE tb_comment (
                pk_comment BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                id UUID NOT NULL DEFAULT gen_random_uuid() UNIQUE,
                fk_post BIGINT NOT NULL REFERENCES tb_post(pk_post),
                fk_user BIGINT NOT NULL REFERENCES tb_user(pk_user),
                text TEXT NOT NULL);
            """;

    static final String TV_TABLES = """
            CREATE TABLE tv_user (pk_user BIGINT PRIMARY KEY, data JSONB NOT NULL,
                created_at TIMESTAMP DEFAULT NOW(), updated_at TIMESTAMP DEFAULT NOW());
            CREATE TABLE tv_post (pk_post BIGINT PRIMARY KEY, data JSONB NOT NULL,
                created_at TIMESTAMP DEFAULT NOW(), updated_at TIMESTAMP DEFAULT NOW());
            CREATE TABLE tv_comment (pk_comment BIGINT PRIMARY KEY, data JSONB NOT NULL,
                created_at TIMESTAMP DEFAULT NOW(), updated_at TIMESTAMP DEFAULT NOW());
            """;

    static final String POST_VIEW = """
            SELECT p.pk_post,
                   jsonb_build_object('id', p.id, 'title', p.title, 'author', tu.data,
                                      'comments', (SELECT count(*) FROM tb_comment c WHERE c.fk_post = p.pk_post)) AS data
              FROM tb_post p JOIN tv_user tu ON tu.pk_user = p.fk_user""";

    static final String COMMENT_VIEW = """
            SELECT c.pk_comment,
                   jsonb_build_object('id', c.id, 'text', c.text, 'author', tu.data, 'post', tp.data->'title') AS data
              FROM tb_comment c
              JOIN tv_user tu ON tu.pk_user = c.fk_user
              JOIN tv_post tp ON tp.pk_post = c.fk_post""";

    static final String SEED = """
            INSERT INTO tb_user (email, name) VALUES ('alice@example.com', 'Alice'), ('bob@example.com', 'Bob');
            INSERT INTO tb_post (fk_user, title, content) VALUES (1, 'Hello TVIEWs', 'First post'), (1, 'Second thoughts', 'More');
            INSERT INTO tb_comment (fk_post, fk_user, text) VALUES (1, 2, 'Nice one, Alice'), (2, 1, 'Replying to myself');
            """;
}

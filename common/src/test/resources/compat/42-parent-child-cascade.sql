-- Native test 42 (cascade along a foreign key): posts embed their author through a helper view;
-- renaming the author rewrites all of that author's posts and no one else's, a post edit leaves the
-- user TVIEW alone, re-parenting a post moves it (old and new parent), insert and delete of a child.

CREATE TABLE tb_user (
    pk_user integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    name text NOT NULL,
    email text
);
CREATE TABLE tb_post (
    pk_post integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    fk_user integer NOT NULL REFERENCES tb_user (pk_user),
    title text NOT NULL,
    content text
);
INSERT INTO tb_user (name, email) VALUES ('Alice', 'alice@example.com'), ('Bob', 'bob@example.com');
INSERT INTO tb_post (fk_user, title, content) VALUES
    (1, 'Alice Post 1', 'Content 1'), (1, 'Alice Post 2', 'Content 2'), (1, 'Alice Post 3', 'Content 3'),
    (2, 'Bob Post 1', 'Bob content');

CREATE VIEW user_prepared AS
SELECT pk_user, id, jsonb_build_object('id', id::text, 'name', name, 'email', email) AS data FROM tb_user;
CREATE VIEW post_prepared AS
SELECT p.pk_post, p.id, p.fk_user, u.id AS user_id,
       jsonb_build_object('id', p.id::text, 'title', p.title, 'content', p.content, 'author', u.data) AS data
FROM tb_post p JOIN user_prepared u ON u.pk_user = p.fk_user;

--! expect created
SELECT pg_tviews_create('tv_user', 'SELECT pk_user, id, data FROM user_prepared');
--! expect created
SELECT pg_tviews_create('tv_post', 'SELECT pk_post, id, fk_user, user_id, data FROM post_prepared');

--! expect 2|4
SELECT (SELECT count(*) FROM tv_user), (SELECT count(*) FROM tv_post);
--! expect 3|1
SELECT count(*) FILTER (WHERE data->'author'->>'name' = 'Alice'), count(*) FILTER (WHERE data->'author'->>'name' = 'Bob') FROM tv_post;

UPDATE tb_user SET name = 'Alice Updated' WHERE pk_user = 1;
--! expect Alice Updated
SELECT data->>'name' FROM tv_user WHERE pk_user = 1;
--! expect 3
SELECT count(*) FROM tv_post WHERE fk_user = 1 AND data->'author'->>'name' = 'Alice Updated';
--! expect 1|Bob
SELECT count(*), min(data->'author'->>'name') FROM tv_post WHERE fk_user = 2;

UPDATE tb_user SET name = 'Alice V2', email = 'alice.v2@example.com' WHERE pk_user = 1;
--! expect Alice V2|alice.v2@example.com
SELECT data->'author'->>'name', data->'author'->>'email' FROM tv_post WHERE pk_post = 1;

-- a child edit does not rewrite the parent's TVIEW row
CREATE TEMP TABLE user_version AS SELECT xmin::text AS v FROM tv_user WHERE pk_user = 1;
UPDATE tb_post SET title = 'Alice Post 1 Updated' WHERE pk_post = 1;
--! expect Alice Post 1 Updated
SELECT data->>'title' FROM tv_post WHERE pk_post = 1;
--! expect t
SELECT t.xmin::text = v.v FROM tv_user t, user_version v WHERE t.pk_user = 1;

-- re-parenting
UPDATE tb_post SET fk_user = 2 WHERE pk_post = 1;
--! expect Alice Post 1 Updated|Bob
SELECT data->>'title', data->'author'->>'name' FROM tv_post WHERE pk_post = 1;
--! expect 2|2
SELECT count(*) FILTER (WHERE fk_user = 1), count(*) FILTER (WHERE fk_user = 2) FROM tv_post;

INSERT INTO tb_post (fk_user, title, content) VALUES (1, 'New Alice Post', 'New content');
--! expect New Alice Post|Alice V2|alice.v2@example.com
SELECT data->>'title', data->'author'->>'name', data->'author'->>'email' FROM tv_post WHERE data->>'title' = 'New Alice Post';

DELETE FROM tb_post WHERE pk_post = 2;
--! expect 0|1
SELECT (SELECT count(*) FROM tv_post WHERE pk_post = 2), (SELECT count(*) FROM tv_user WHERE pk_user = 1);

-- the native test reads per-TVIEW dependency arrays from its catalogue; ours keeps lineage as rows
-- of pg_tview_source: post reads tb_post and tb_user, user reads tb_user only
--! expect post|tb_post,tb_user
--! expect user|tb_user
SELECT entity_name, string_agg(source_oid::regclass::text, ',' ORDER BY source_oid::regclass::text)
FROM pg_tview_source GROUP BY entity_name ORDER BY 1;

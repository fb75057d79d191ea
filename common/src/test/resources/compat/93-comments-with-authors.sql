-- Native test 93-nested-path-array, its TVIEW part (the rest tests the native jsonb_delta helper
-- functions, which we do not have): a post whose document holds every comment with its author,
-- through an uncorrelated subquery, plus now() columns. A rename of the author must reach the
-- nested author. now() is refused for incremental maintenance (0A000); the definition without it is
-- maintained incrementally (every post depends on every comment: "every key"), the one with it only
-- with {"refresh": "full"}.

CREATE TABLE tb_user (pk_user bigserial PRIMARY KEY, id uuid DEFAULT gen_random_uuid(), name text, email text);
CREATE TABLE tb_comment (pk_comment bigserial PRIMARY KEY, id uuid DEFAULT gen_random_uuid(), fk_user bigint REFERENCES tb_user (pk_user), text text);
CREATE TABLE tb_post (pk_post bigserial PRIMARY KEY, id uuid DEFAULT gen_random_uuid(), title text);
INSERT INTO tb_user (name, email) VALUES ('Alice', 'alice@example.com');
INSERT INTO tb_comment (fk_user, text) VALUES (1, 'Great post!');
INSERT INTO tb_post (title) VALUES ('Test Post');

--! error 0A000
SELECT pg_tviews_create('post', $$
    SELECT p.pk_post, p.id, p.title,
           jsonb_build_object('comments', coalesce((
               SELECT jsonb_agg(jsonb_build_object('id', c.id, 'text', c.text, 'author', jsonb_build_object('id', u.id, 'name', u.name, 'email', u.email)))
               FROM tb_comment c JOIN tb_user u ON c.fk_user = u.pk_user WHERE c.fk_user IS NOT NULL), '[]'::jsonb)) AS data,
           now() AS created_at, now() AS updated_at
    FROM tb_post p $$);

--! expect created
SELECT pg_tviews_create('post', $$
    SELECT p.pk_post, p.id, p.title,
           jsonb_build_object('comments', coalesce((
               SELECT jsonb_agg(jsonb_build_object('id', c.id, 'text', c.text, 'author', jsonb_build_object('id', u.id, 'name', u.name, 'email', u.email)) ORDER BY c.pk_comment)
               FROM tb_comment c JOIN tb_user u ON c.fk_user = u.pk_user WHERE c.fk_user IS NOT NULL), '[]'::jsonb)) AS data
    FROM tb_post p $$);

UPDATE tb_user SET name = 'Alice Updated' WHERE pk_user = 1;
--! expect Alice Updated
SELECT data#>>'{comments,0,author,name}' FROM tv_post WHERE pk_post = 1;

INSERT INTO tb_post (title) VALUES ('Second Post');
INSERT INTO tb_user (name) VALUES ('Bob');
INSERT INTO tb_comment (fk_user, text) VALUES (2, 'Me too');
--! expect 2|2
SELECT count(*), min(jsonb_array_length(data->'comments')) FROM tv_post;
UPDATE tb_comment SET fk_user = NULL WHERE pk_comment = 1;
--! expect 1|Bob
SELECT jsonb_array_length(data->'comments'), data#>>'{comments,0,author,name}' FROM tv_post WHERE pk_post = 2;

-- the definition with now(), opted into full refresh: registered, and rebuilt after each write.
-- now() is the transaction's start, so the TVIEW equals its view only within one transaction: the
-- oracle's reads happen in the same one here.
BEGIN;
--! expect created
SELECT pg_tviews_create_or_replace('post_stamped', $$
    SELECT p.pk_post, p.title, now() AS refreshed_at FROM tb_post p $$, '{"refresh": "full"}');
INSERT INTO tb_post (title) VALUES ('Third Post');
--! expect 3|1
SELECT count(*), count(DISTINCT refreshed_at) FROM tv_post_stamped;
--! expect t
SELECT bool_and(refresh_mode = 'full') FROM pg_tview_source WHERE entity_name = 'post_stamped';
ROLLBACK;

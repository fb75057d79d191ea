-- Native phase_4_dynamic_pk_detection_integration: TVIEWs registered on empty tables, filled in one
-- transaction, then a user rename (native: both entities show in its queue). The native join of
-- tv_post to tv_user reads an 'id' key neither document has (it returns no rows); here the same
-- join on the key columns. The native test leaves a table without pk_ column unregistered; here that
-- registration is refused (42601: no key column).

CREATE TABLE tb_user (pk_user bigint PRIMARY KEY, name text, email text);
CREATE TABLE tb_post (pk_post bigint PRIMARY KEY, fk_user bigint, title text, content text);
--! expect created
SELECT pg_tviews_create('user', $$SELECT pk_user, jsonb_build_object('name', name, 'email', email) AS data FROM tb_user$$);
--! expect created
SELECT pg_tviews_create('post', $$SELECT pk_post, jsonb_build_object('fk_user', fk_user, 'title', title, 'content', content) AS data FROM tb_post$$);

BEGIN;
INSERT INTO tb_user VALUES (1, 'Alice', 'alice@example.com');
INSERT INTO tb_user VALUES (2, 'Bob', 'bob@example.com');
INSERT INTO tb_post VALUES (1, 1, 'Hello World', 'First post content');
INSERT INTO tb_post VALUES (2, 2, 'Bob Post', 'Second post content');
COMMIT;
--! expect 2|2
SELECT (SELECT count(*) FROM tv_user), (SELECT count(*) FROM tv_post);
--! expect Hello World|Alice
--! expect Bob Post|Bob
SELECT p.data->>'title', u.data->>'name' FROM tv_post p JOIN tv_user u ON (p.data->>'fk_user')::bigint = u.pk_user ORDER BY p.pk_post;
--! expect 0
SELECT count(*) FROM tv_post p JOIN tv_user u ON (p.data->>'fk_user')::bigint = (u.data->>'id')::bigint;

BEGIN;
UPDATE tb_user SET name = 'Alice Updated' WHERE pk_user = 1;
--! expect Alice Updated
SELECT data->>'name' FROM tv_user WHERE pk_user = 1;
COMMIT;

CREATE TABLE users_non_standard (id bigint PRIMARY KEY, name text);
--! error 42601
SELECT pg_tviews_create('users_non_standard', $$SELECT id, name FROM users_non_standard$$);
-- naming the key pk_<something> is enough
--! expect created
SELECT pg_tviews_create('users_non_standard', $$SELECT id AS pk_users_non_standard, name FROM users_non_standard$$);
INSERT INTO users_non_standard VALUES (7, 'Zed');
--! expect 7|Zed
SELECT * FROM tv_users_non_standard;

DROP TABLE tb_user CASCADE;
DROP TABLE tb_post CASCADE;
DROP TABLE users_non_standard CASCADE;
SELECT pg_tviews_drop('user');
SELECT pg_tviews_drop('post');
SELECT pg_tviews_drop('users_non_standard');
--! expect 0|0
SELECT (SELECT count(*) FROM pg_tview_meta), (SELECT count(*) FROM pg_class WHERE relname LIKE 'tv\_%');

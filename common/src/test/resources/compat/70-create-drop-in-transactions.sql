-- Native test 70_concurrent_ddl (sequential in fact): users and posts with bigserial keys, a post
-- TVIEW joining users, an aggregate TVIEW that is dropped again, a TVIEW created inside a
-- transaction that commits and one inside a transaction that rolls back, and a TVIEW built on two
-- other TVIEWs joined on a value inside their documents. Native: CREATE TABLE tv_x AS / DROP TABLE
-- tv_x (its DDL hook); here pg_tviews_create / pg_tviews_drop.

CREATE TABLE tb_user_concurrent (pk_user bigserial PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(), name text NOT NULL, email text UNIQUE);
CREATE TABLE tb_post_concurrent (pk_post bigserial PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
    fk_user bigint NOT NULL REFERENCES tb_user_concurrent (pk_user), title text NOT NULL, content text);
INSERT INTO tb_user_concurrent (name, email) VALUES ('Alice', 'alice@example.com'), ('Bob', 'bob@example.com'), ('Charlie', 'charlie@example.com');
INSERT INTO tb_post_concurrent (fk_user, title, content) VALUES
    (1, 'Alice Post 1', 'Content 1'), (1, 'Alice Post 2', 'Content 2'), (2, 'Bob Post 1', 'Content 3'), (3, 'Charlie Post 1', 'Content 4');

-- the entity is named after the tv_ table (user_concurrent) while the key is pk_user
--! expect created
SELECT pg_tviews_create('user_concurrent', $$
    SELECT u.pk_user, u.id, jsonb_build_object('id', u.id, 'name', u.name, 'email', u.email) AS data FROM tb_user_concurrent u $$);
--! expect 3
SELECT count(*) FROM tv_user_concurrent;
--! expect created
SELECT pg_tviews_create('post_concurrent', $$
    SELECT p.pk_post, p.id, jsonb_build_object('id', p.id, 'title', p.title, 'content', p.content, 'authorId', u.id) AS data
    FROM tb_post_concurrent p JOIN tb_user_concurrent u ON p.fk_user = u.pk_user $$);
--! expect 4
SELECT count(*) FROM tv_post_concurrent;

--! expect created
SELECT pg_tviews_create('user_summary', $$
    SELECT u.pk_user, u.id, jsonb_build_object('id', u.id, 'name', u.name, 'postCount', count(p.pk_post)) AS data
    FROM tb_user_concurrent u LEFT JOIN tb_post_concurrent p ON u.pk_user = p.fk_user
    GROUP BY u.pk_user, u.id, u.name $$);
--! expect 3
SELECT count(*) FROM tv_user_summary;
INSERT INTO tb_post_concurrent (fk_user, title) VALUES (3, 'Charlie Post 2');
--! expect 2
SELECT (data->>'postCount')::int FROM tv_user_summary WHERE pk_user = 3;
SELECT pg_tviews_drop('user_summary');
--! expect 0|0
SELECT (SELECT count(*) FROM pg_class WHERE relname IN ('tv_user_summary', 'v_user_summary')), (SELECT count(*) FROM pg_tview_meta WHERE entity_name = 'user_summary');

BEGIN;
CREATE TABLE tb_transaction_test (pk_test bigserial PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(), value text);
INSERT INTO tb_transaction_test (value) VALUES ('test1'), ('test2');
--! expect created
SELECT pg_tviews_create('transaction_test', $$
    SELECT t.pk_test, t.id, jsonb_build_object('id', t.id, 'value', t.value) AS data FROM tb_transaction_test t $$);
--! expect 2
SELECT count(*) FROM tv_transaction_test;
INSERT INTO tb_transaction_test (value) VALUES ('test3');
COMMIT;
--! expect 3
SELECT count(*) FROM tv_transaction_test;

-- the native rollback case reads with a top-level LIMIT: refused for incremental maintenance (0A000)
BEGIN;
--! error 0A000
SELECT pg_tviews_create('rollback_test', $$
    SELECT t.pk_test AS pk_rollback, t.id, t.value AS data FROM tb_transaction_test t LIMIT 1 $$);
--! expect created
SELECT pg_tviews_create_or_replace('rollback_test', $$
    SELECT t.pk_test AS pk_rollback, t.id, t.value AS data FROM tb_transaction_test t ORDER BY t.pk_test LIMIT 1 $$, '{"refresh": "full"}');
--! expect 1
SELECT count(*) FROM tv_rollback_test;
ROLLBACK;
--! expect 0|0
SELECT (SELECT count(*) FROM pg_class WHERE relname = 'tv_rollback_test'), (SELECT count(*) FROM pg_tview_meta WHERE entity_name = 'rollback_test');

--! expect 2
SELECT count(*) FROM pg_tview_meta WHERE entity_name IN ('user_concurrent', 'post_concurrent');
--! expect 2
SELECT count(*) FROM pg_views WHERE viewname IN ('v_user_concurrent', 'v_post_concurrent');

-- a TVIEW over two TVIEWs, joined on a text value inside one document (no foreign key)
--! expect created
SELECT pg_tviews_create('post_with_author', $$
    SELECT p.pk_post, p.id,
           jsonb_build_object('id', p.id, 'title', p.data->>'title', 'author', jsonb_build_object('id', u.id, 'name', u.data->>'name')) AS data
    FROM tv_post_concurrent p JOIN tv_user_concurrent u ON p.data->>'authorId' = u.id::text $$);
--! expect 5
SELECT count(*) FROM tv_post_with_author;
--! expect 1|post_with_author
SELECT depth, entity_name FROM pg_tviews_show_cascade_path('user_concurrent');

UPDATE tb_user_concurrent SET name = 'Alice B.' WHERE pk_user = 1;
--! expect 2
SELECT count(*) FROM tv_post_with_author WHERE data#>>'{author,name}' = 'Alice B.';
UPDATE tb_post_concurrent SET fk_user = 2 WHERE pk_post = 1;
--! expect Bob
SELECT data#>>'{author,name}' FROM tv_post_with_author WHERE pk_post = 1;
DELETE FROM tb_post_concurrent WHERE pk_post = 2;
--! expect 4
SELECT count(*) FROM tv_post_with_author;

-- dropping a TVIEW another reads needs cascade (2BP01 otherwise), which drops the reader too
--! error 2BP01
SELECT pg_tviews_drop('post_concurrent');
SELECT pg_tviews_drop('post_concurrent', false, true);
--! expect transaction_test
--! expect user_concurrent
SELECT entity_name FROM pg_tview_meta ORDER BY 1;

-- Native test 47 (DROP TABLE tv_x [CASCADE] with a view on top): the key is a table column not
-- named pk_ (aliased in the SELECT); a user view reads the TVIEW. Native: DROP TABLE tv_x goes
-- through its DDL hook and unregisters the TVIEW; without CASCADE it fails with 2BP01 because of the
-- user view. We have no hook: the DROP TABLE itself behaves the same (2BP01, then CASCADE drops the
-- table and the user view), and the registration left without its table is removed by the next
-- health check. pg_tviews_drop is the API for removing a TVIEW.

CREATE TABLE tb_cascade_post (id bigint PRIMARY KEY, uid uuid NOT NULL DEFAULT gen_random_uuid(), title text);
INSERT INTO tb_cascade_post (id, title) VALUES (1, 'a'), (2, 'b');
--! expect created
SELECT pg_tviews_create('cascade_post', 'SELECT id AS pk_cascade_post, uid AS id, jsonb_build_object(''title'', title) AS data FROM tb_cascade_post');
CREATE VIEW dependent_report AS SELECT pk_cascade_post, data FROM tv_cascade_post;
UPDATE tb_cascade_post SET title = 'a2' WHERE id = 1;
--! expect a2
SELECT data->>'title' FROM dependent_report WHERE pk_cascade_post = 1;

--! error 2BP01
DROP TABLE public.tv_cascade_post;
DROP TABLE public.tv_cascade_post CASCADE;
--! expect 0
SELECT count(*) FROM pg_class WHERE relname IN ('tv_cascade_post', 'dependent_report');
SELECT count(*) FROM pg_tviews_health_check();
--! expect 0
SELECT count(*) FROM pg_tview_meta WHERE entity_name = 'cascade_post';
-- the base table is writable again and nothing is maintained for it any more
INSERT INTO tb_cascade_post (id, title) VALUES (3, 'c');
--! expect 0
SELECT count(*) FROM pg_trigger WHERE tgrelid = 'tb_cascade_post'::regclass AND NOT tgisinternal;

-- again, through the API: pg_tviews_drop refuses nothing here but PostgreSQL does (the user view)
--! expect created
SELECT pg_tviews_create('cascade_post', 'SELECT id AS pk_cascade_post, uid AS id, jsonb_build_object(''title'', title) AS data FROM tb_cascade_post');
--! expect 3
SELECT count(*) FROM tv_cascade_post;
CREATE VIEW dependent_report AS SELECT pk_cascade_post, data FROM tv_cascade_post;
--! error 2BP01
SELECT pg_tviews_drop('cascade_post');
DROP VIEW dependent_report;
SELECT pg_tviews_drop('cascade_post');
--! expect 0|0
SELECT (SELECT count(*) FROM pg_class WHERE relname IN ('tv_cascade_post', 'v_cascade_post')), (SELECT count(*) FROM pg_tview_meta);

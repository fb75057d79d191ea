-- Native test 50_jsonb_delta_detection: registration works with or without the native extension's
-- optional jsonb_delta companion. We have no companion and no pg_tviews_check_jsonb_delta(); what
-- remains is: register, read the row, drop, register another.

CREATE TABLE tb_test (pk_test int PRIMARY KEY, id uuid, name text);
INSERT INTO tb_test VALUES (1, gen_random_uuid(), 'Test');
--! expect created
SELECT pg_tviews_create('test', $$SELECT pk_test, id, jsonb_build_object('id', id, 'name', name) AS data FROM tb_test$$);
--! expect 1
SELECT count(*) FROM pg_tview_meta WHERE entity_name = 'test';
--! expect Test
SELECT data->>'name' FROM tv_test WHERE pk_test = 1;

-- the function the native test calls does not exist here
--! error 42883
SELECT pg_tviews_check_jsonb_delta();

-- native order: drop the base table first (CASCADE takes the backing view), then the TVIEW
DROP TABLE tb_test CASCADE;
SELECT pg_tviews_drop('test');
--! expect 0|<null>
SELECT (SELECT count(*) FROM pg_tview_meta WHERE entity_name = 'test'), to_regclass('tv_test');

CREATE TABLE tb_test2 (pk_test2 int PRIMARY KEY, id uuid, title text);
INSERT INTO tb_test2 VALUES (1, gen_random_uuid(), 'Test 2');
--! expect created
SELECT pg_tviews_create('test2', $$SELECT pk_test2, id, jsonb_build_object('id', id, 'title', title) AS data FROM tb_test2$$);
--! expect Test 2
SELECT data->>'title' FROM tv_test2 WHERE pk_test2 = 1;
UPDATE tb_test2 SET title = 'Test 2b';
--! expect Test 2b
SELECT data->>'title' FROM tv_test2 WHERE pk_test2 = 1;

-- Native phase_5_cached_plan_refresh_integration: the same single-row update repeated (the native
-- extension caches its refresh plan), a column added to the base table (which must not break the
-- cached path), a range update, a second entity in the same transaction.

CREATE TABLE test_cache_refresh (pk_test_cache_refresh bigint PRIMARY KEY, data text);
--! expect created
SELECT pg_tviews_create('cache_refresh', $$SELECT pk_test_cache_refresh, jsonb_build_object('data', data) AS data FROM test_cache_refresh$$);
INSERT INTO test_cache_refresh SELECT i, 'data_' || i FROM generate_series(1, 10) i;

-- a single-row update in a transaction of its own (autocommit), then the same update repeated in one transaction
UPDATE test_cache_refresh SET data = 'updated_' || pk_test_cache_refresh WHERE pk_test_cache_refresh = 1;
BEGIN;
UPDATE test_cache_refresh SET data = 'cached_' || pk_test_cache_refresh WHERE pk_test_cache_refresh = 2;
UPDATE test_cache_refresh SET data = 'cached_' || pk_test_cache_refresh WHERE pk_test_cache_refresh = 3;
COMMIT;
INSERT INTO test_cache_refresh SELECT i, 'perf_' || i FROM generate_series(100, 200) i;
UPDATE test_cache_refresh SET data = 'uncached_' || pk_test_cache_refresh WHERE pk_test_cache_refresh = 100;
BEGIN;
UPDATE test_cache_refresh SET data = 'cached_' || pk_test_cache_refresh WHERE pk_test_cache_refresh = 101;
UPDATE test_cache_refresh SET data = 'cached_' || pk_test_cache_refresh WHERE pk_test_cache_refresh = 102;
UPDATE test_cache_refresh SET data = 'cached_' || pk_test_cache_refresh WHERE pk_test_cache_refresh = 103;
COMMIT;

ALTER TABLE test_cache_refresh ADD COLUMN new_field text;
BEGIN;
UPDATE test_cache_refresh SET data = 'fallback_' || pk_test_cache_refresh, new_field = 'x' WHERE pk_test_cache_refresh = 104;
COMMIT;
--! expect fallback_104
SELECT data->>'data' FROM tv_cache_refresh WHERE pk_test_cache_refresh = 104;

BEGIN;
UPDATE test_cache_refresh SET data = 'batch_' || pk_test_cache_refresh WHERE pk_test_cache_refresh BETWEEN 195 AND 205;
COMMIT;

CREATE TABLE test_cache_refresh2 (pk_test_cache_refresh2 bigint PRIMARY KEY, name text);
--! expect created
SELECT pg_tviews_create('cache_refresh2', $$SELECT pk_test_cache_refresh2, jsonb_build_object('name', name) AS data FROM test_cache_refresh2$$);
INSERT INTO test_cache_refresh2 VALUES (1, 'entity2_item');
BEGIN;
UPDATE test_cache_refresh SET data = 'multi_' || pk_test_cache_refresh WHERE pk_test_cache_refresh = 1;
UPDATE test_cache_refresh2 SET name = 'updated_entity2' WHERE pk_test_cache_refresh2 = 1;
COMMIT;

-- rows 2, 3, 101-103 cached_, 100 uncached_, 104 fallback_, 195-200 batch_: 13
--! expect 13|13
SELECT (SELECT count(*) FROM test_cache_refresh WHERE data LIKE 'cached\_%' OR data LIKE 'uncached\_%' OR data LIKE 'fallback\_%' OR data LIKE 'batch\_%'),
       (SELECT count(*) FROM tv_cache_refresh WHERE data->>'data' SIMILAR TO '(cached|uncached|fallback|batch)\_%');
--! expect multi_1|updated_entity2
SELECT (SELECT data->>'data' FROM tv_cache_refresh WHERE pk_test_cache_refresh = 1), (SELECT data->>'name' FROM tv_cache_refresh2);

-- a column the view reads, renamed: the next write fails until the registration is repaired
-- (documented DDL rule); the health check repairs it and writes go through again
ALTER TABLE test_cache_refresh RENAME COLUMN data TO payload;
SELECT count(*) FROM pg_tviews_health_check();
UPDATE test_cache_refresh SET payload = 'after_rename' WHERE pk_test_cache_refresh = 5;
--! expect after_rename
SELECT data->>'data' FROM tv_cache_refresh WHERE pk_test_cache_refresh = 5;

DROP TABLE test_cache_refresh CASCADE;
DROP TABLE test_cache_refresh2 CASCADE;
SELECT pg_tviews_drop('cache_refresh');
SELECT pg_tviews_drop('cache_refresh2');
--! expect 0
SELECT count(*) FROM pg_tview_meta;

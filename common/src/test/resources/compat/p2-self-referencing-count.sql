-- Native phase_2_guc_configuration_integration: its pg_tviews.* settings (max_propagation_depth,
-- caches, metrics) are native only; what it registers is a self-referencing table whose document
-- counts the rows with a smaller or equal key (a correlation by inequality), updated without change.
-- We have no pg_tviews.* settings: SHOW of one is 42704.

--! expect 0
SELECT count(*) FROM pg_settings WHERE name LIKE 'pg_tviews.%';

CREATE TABLE test_guc_depth (pk_test_guc_depth bigint PRIMARY KEY, parent_id bigint REFERENCES test_guc_depth (pk_test_guc_depth));
INSERT INTO test_guc_depth VALUES (1, NULL), (2, 1), (3, 2), (4, 3), (5, 4);

--! expect created
SELECT pg_tviews_create('guc_depth', $$
    SELECT t1.pk_test_guc_depth,
           jsonb_build_object('parent_id', t1.parent_id,
                              'depth', (SELECT count(*) FROM test_guc_depth t2 WHERE t2.pk_test_guc_depth <= t1.pk_test_guc_depth)) AS data
    FROM test_guc_depth t1 $$);
--! expect 1,2,3,4,5
SELECT string_agg(data->>'depth', ',' ORDER BY pk_test_guc_depth) FROM tv_guc_depth;

UPDATE test_guc_depth SET parent_id = parent_id WHERE pk_test_guc_depth = 1;
-- beyond the native test: a row inserted low shifts the count of every row above it
INSERT INTO test_guc_depth VALUES (0, NULL);
--! expect 1,2,3,4,5,6
SELECT string_agg(data->>'depth', ',' ORDER BY pk_test_guc_depth) FROM tv_guc_depth;
DELETE FROM test_guc_depth WHERE pk_test_guc_depth = 5;
UPDATE test_guc_depth SET parent_id = 0 WHERE pk_test_guc_depth = 1;
--! expect 0|0
SELECT (data->>'parent_id')::int, (SELECT count(*) FROM tv_guc_depth WHERE pk_test_guc_depth = 5) FROM tv_guc_depth WHERE pk_test_guc_depth = 1;

--! error 42704
SHOW pg_tviews.max_propagation_depth;

DROP TABLE test_guc_depth CASCADE;
SELECT pg_tviews_drop('guc_depth');
--! expect 0
SELECT count(*) FROM pg_tview_meta;

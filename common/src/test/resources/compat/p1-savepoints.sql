-- Native phase_1_savepoint_depth_integration: writes at several savepoint levels, a rollback to the
-- outer savepoint, commit; then a second transaction checks pending work before and after a
-- rollback to savepoint (native: pg_tviews_queue_info(), its per-transaction queue). Our sync
-- maintenance queues nothing: the TVIEW is exact after every statement, and the closest notion of
-- pending work is bulk mode (pg_tviews_suspend_triggers), whose queue entries a ROLLBACK TO SAVEPOINT
-- also undoes.

--! expect OK
SELECT DISTINCT status FROM pg_tviews_health_check() WHERE component = 'runtime';

CREATE TABLE test_savepoint_depth (pk_test_savepoint_depth bigint PRIMARY KEY, data text);
--! expect created
SELECT pg_tviews_create('savepoint_depth', $$SELECT pk_test_savepoint_depth, jsonb_build_object('data', data) AS data FROM test_savepoint_depth$$);
INSERT INTO test_savepoint_depth VALUES (1, 'initial');

BEGIN;
INSERT INTO test_savepoint_depth VALUES (2, 'level_0');
SAVEPOINT sp1;
INSERT INTO test_savepoint_depth VALUES (3, 'level_1');
SAVEPOINT sp2;
INSERT INTO test_savepoint_depth VALUES (4, 'level_2');
--! expect 4
SELECT count(*) FROM tv_savepoint_depth;
ROLLBACK TO sp1;
--! expect 2
SELECT count(*) FROM tv_savepoint_depth;
INSERT INTO test_savepoint_depth VALUES (5, 'after_rollback_sp1');
INSERT INTO test_savepoint_depth VALUES (6, 'back_to_level_0');
COMMIT;
--! expect 1,2,5,6
SELECT string_agg(pk_test_savepoint_depth::text, ',' ORDER BY pk_test_savepoint_depth) FROM tv_savepoint_depth;

BEGIN;
INSERT INTO test_savepoint_depth VALUES (10, 'queue_test');
--! expect 0
SELECT (pg_tviews_queue_stats()->>'pending')::int;
--! expect 1
SELECT pg_tviews_suspend_triggers();
SAVEPOINT before_queue;
INSERT INTO test_savepoint_depth VALUES (11, 'queue_test_2');
--! expect t
SELECT (pg_tviews_queue_stats()->>'pending')::int > 0;
ROLLBACK TO before_queue;
--! expect 0
SELECT (pg_tviews_queue_stats()->>'pending')::int;
INSERT INTO test_savepoint_depth VALUES (12, 'queued');
SELECT pg_tviews_resume_triggers();
--! expect f|0
SELECT pg_tviews_is_suspended(), (pg_tviews_queue_stats()->>'pending')::int;
COMMIT;
--! expect 1,2,5,6,10,12
SELECT string_agg(pk_test_savepoint_depth::text, ',' ORDER BY pk_test_savepoint_depth) FROM tv_savepoint_depth;

--! error 55000
SELECT pg_tviews_resume_triggers();

-- native cleanup order: the table first (CASCADE takes the backing view), then the TVIEW
DROP TABLE test_savepoint_depth CASCADE;
SELECT pg_tviews_drop('savepoint_depth');
--! expect 0
SELECT count(*) FROM pg_tview_meta;

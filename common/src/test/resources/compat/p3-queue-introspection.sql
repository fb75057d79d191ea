-- Native phase_3_queue_introspection_integration: pending work inside a transaction across one and
-- two entities, bulk inserts, an update, and empty afterwards. Native: pg_tviews_queue_info() and the
-- view pg_tviews_queue_realtime (its per-transaction queue, flushed at commit). Ours refreshes in the
-- writing statement, so nothing is pending in sync mode; pending work exists in bulk mode and for
-- async TVIEWs, read through pg_tviews_queue_stats() and pg_tviews_lag. This scenario runs the native
-- write sequence in bulk mode, where the counts are comparable.

--! expect 0
SELECT (pg_tviews_queue_stats()->>'pending')::int;
--! error 42883
SELECT * FROM pg_tviews_queue_info();

CREATE TABLE test_queue_monitor (pk_test_queue_monitor bigint PRIMARY KEY, data text);
--! expect created
SELECT pg_tviews_create('queue_monitor', $$SELECT pk_test_queue_monitor, jsonb_build_object('data', data) AS data FROM test_queue_monitor$$);

BEGIN;
SELECT pg_tviews_suspend_triggers();
INSERT INTO test_queue_monitor VALUES (1, 'test_data_1'), (2, 'test_data_2'), (3, 'test_data_3');
--! expect 3|queue_monitor
SELECT (s->>'pending')::int, (SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(s->'by_entity') k) FROM pg_tviews_queue_stats() s;
INSERT INTO test_queue_monitor VALUES (4, 'test_data_4');
INSERT INTO test_queue_monitor VALUES (5, 'test_data_5');
--! expect 5
SELECT (pg_tviews_queue_stats()->>'pending')::int;
--! expect 0
SELECT count(*) FROM tv_queue_monitor;
COMMIT;
--! expect 0|5
SELECT (pg_tviews_queue_stats()->>'pending')::int, (SELECT count(*) FROM tv_queue_monitor);

CREATE TABLE test_queue_monitor2 (pk_test_queue_monitor2 bigint PRIMARY KEY, name text);
--! expect created
SELECT pg_tviews_create('queue_monitor2', $$SELECT pk_test_queue_monitor2, jsonb_build_object('name', name) AS data FROM test_queue_monitor2$$);

BEGIN;
SELECT pg_tviews_suspend_triggers();
INSERT INTO test_queue_monitor VALUES (10, 'cross_entity_1');
INSERT INTO test_queue_monitor2 VALUES (1, 'entity_2_item');
--! expect 2|queue_monitor,queue_monitor2
SELECT (s->>'pending')::int, (SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(s->'by_entity') k) FROM pg_tviews_queue_stats() s;
COMMIT;

BEGIN;
SELECT pg_tviews_suspend_triggers();
INSERT INTO test_queue_monitor SELECT i, 'bulk_' || i FROM generate_series(100, 110) i;
--! expect 11
SELECT (pg_tviews_queue_stats()->>'pending')::int;
UPDATE test_queue_monitor SET data = 'updated' WHERE pk_test_queue_monitor = 1;
--! expect 12
SELECT (pg_tviews_queue_stats()->>'pending')::int;
SELECT pg_tviews_resume_triggers();
--! expect updated
SELECT data->>'data' FROM tv_queue_monitor WHERE pk_test_queue_monitor = 1;
COMMIT;
--! expect 0|17|1
SELECT (pg_tviews_queue_stats()->>'pending')::int, (SELECT count(*) FROM tv_queue_monitor), (SELECT count(*) FROM tv_queue_monitor2);

-- the async variant: writers queue, a drain converges
--! expect replaced
SELECT pg_tviews_create_or_replace('queue_monitor2', $$SELECT pk_test_queue_monitor2, jsonb_build_object('name', name) AS data FROM test_queue_monitor2$$, '{"mode": "async"}');
INSERT INTO test_queue_monitor2 VALUES (2, 'async_item');
--! expect queue_monitor2|1
SELECT entity, pending FROM pg_tviews_lag;
--! expect 1
SELECT pg_tviews_process_queue();
--! expect 2|0
SELECT (SELECT count(*) FROM tv_queue_monitor2), (SELECT count(*) FROM pg_tview_queue);
--! expect queue_monitor2|0|0|0
SELECT * FROM pg_tviews_verify('queue_monitor2');

DROP TABLE test_queue_monitor CASCADE;
DROP TABLE test_queue_monitor2 CASCADE;
SELECT pg_tviews_drop('queue_monitor');
SELECT pg_tviews_drop('queue_monitor2');
--! expect 0
SELECT count(*) FROM pg_tview_meta;

-- Native test 91-jsonb-ivm-performance, without the timing: a TVIEW passing a jsonb column through
-- unchanged, over 1000 rows, updated by jsonb_set on nested paths 50 times (one statement each).
-- pg_tviews_check_jsonb_delta() is the native extension's own and does not exist here.

CREATE TABLE tb_perf_test (pk_perf_test bigserial PRIMARY KEY, id uuid DEFAULT gen_random_uuid(), data jsonb);
INSERT INTO tb_perf_test (data)
SELECT jsonb_build_object('field1', 'value_' || i,
                          'field2', jsonb_build_object('nested1', 'nested_value_' || i, 'nested2', i, 'array_field', jsonb_build_array('item1', 'item2', i)),
                          'field3', 'another_value_' || i)
FROM generate_series(1, 1000) i;

--! expect created
SELECT pg_tviews_create('tv_perf_test', 'SELECT pk_perf_test, id, data FROM tb_perf_test');
--! expect 1000
SELECT count(*) FROM tv_perf_test;

DO $$
BEGIN
    FOR i IN 1..50 LOOP
        UPDATE tb_perf_test SET data = jsonb_set(data, '{field2,nested1}', to_jsonb('updated_' || i)) WHERE pk_perf_test = i;
    END LOOP;
END $$;
--! expect 50|updated_50
SELECT count(*) FILTER (WHERE data#>>'{field2,nested1}' LIKE 'updated_%'), max(data#>>'{field2,nested1}') FILTER (WHERE pk_perf_test = 50) FROM tv_perf_test;

UPDATE tb_perf_test SET data = data - 'field3' WHERE pk_perf_test % 10 = 0;
--! expect 100
SELECT count(*) FROM tv_perf_test WHERE NOT data ? 'field3';

--! error 42883
SELECT pg_tviews_check_jsonb_delta();

-- Native tests 00_extension_loading, 01_metadata_tables and 10-13 (schema and type inference): the
-- extension is created and its catalogue exists; its SELECT analyser and type inference helpers
-- answer on a few definitions. Our runtime is installed by the test harness (RuntimeInstaller, as
-- psql -f would), its catalogue is pg_tview_meta plus our own tables; the native helper table and
-- the analyser functions do not exist here (42P01, 42883). What the analyser reports (key column,
-- data column, types) is checked here through what registration stores.

--! expect pg_tview_meta
--! expect pg_tview_meta_audit
--! expect pg_tview_queue
--! expect pg_tview_runtime
--! expect pg_tview_source
--! expect pg_tview_stamp
--! expect pg_tview_suspension
SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'pg\_tview\_%' AND table_type = 'BASE TABLE' ORDER BY 1;
--! error 42P01
SELECT * FROM pg_tview_helpers;
--! error 42883
SELECT pg_tviews_analyze_select('SELECT 1');
--! error 42883
SELECT pg_tviews_infer_types('tb_test_types', ARRAY['pk_test']);
--! expect t
SELECT pg_tviews_version() IS NOT NULL;

CREATE TABLE tb_test_types (pk_test integer PRIMARY KEY, id uuid NOT NULL, name text, is_active boolean, created_at timestamptz DEFAULT now(), tags text[], data jsonb);
INSERT INTO tb_test_types (pk_test, id, name, is_active, tags, data) VALUES (1, gen_random_uuid(), 'a', true, '{x,y}', '{"k": 1}');
--! expect created
SELECT pg_tviews_create('test', 'SELECT pk_test, id, name, is_active, created_at, tags, data FROM tb_test_types');
--! expect pk_test
SELECT key_column FROM pg_tview_meta WHERE entity_name = 'test';
--! expect pk_test|integer
--! expect id|uuid
--! expect name|text
--! expect is_active|boolean
--! expect created_at|timestamp with time zone
--! expect tags|text[]
--! expect data|jsonb
SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'tv_test'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum;
UPDATE tb_test_types SET tags = tags || 'z'::text, data = data || '{"k": 2}';
--! expect {x,y,z}|2
SELECT tags, data->>'k' FROM tv_test;

-- no pk_ column: refused (native: the analyser reports no key column)
--! error 42601
SELECT pg_tviews_create('no_key', 'SELECT id, name FROM tb_test_types');
-- no column at all
--! error 42601
SELECT pg_tviews_create('no_columns', 'SELECT FROM tb_test_types');

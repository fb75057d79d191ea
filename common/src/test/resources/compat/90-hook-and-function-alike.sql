-- Native test 90-ddl-consistency: the same SELECT registered once through the native DDL hook
-- (CREATE TABLE tv_x AS ...) and once through pg_tviews_create must give the same table. We have no
-- hook: both are registered with pg_tviews_create (the second with the tv_ prefix, the first
-- without) and must hold the same rows; the document carries a timestamptz.

CREATE TABLE tb_test_user (pk_test_user bigserial PRIMARY KEY, id uuid DEFAULT gen_random_uuid(), name text NOT NULL, email text,
    created_at timestamptz DEFAULT now());
INSERT INTO tb_test_user (name, email) VALUES ('Alice', 'alice@example.com'), ('Bob', 'bob@example.com');

-- CREATE TABLE tv_x AS without the hook is just a table: not registered, not maintained
CREATE TABLE tv_test_user0 AS SELECT pk_test_user, id, name FROM tb_test_user;
--! expect 0
SELECT count(*) FROM pg_tview_meta;

--! expect created
SELECT pg_tviews_create('test_user1', $$
    SELECT pk_test_user, id, name, jsonb_build_object('id', id, 'name', name, 'email', email, 'createdAt', created_at) AS data FROM tb_test_user $$);
--! expect created
SELECT pg_tviews_create('tv_test_user2', '
    SELECT pk_test_user, id, name, jsonb_build_object(''id'', id, ''name'', name, ''email'', email, ''createdAt'', created_at) AS data FROM tb_test_user ');

--! expect 0|2
SELECT (SELECT count(*) FROM (SELECT * FROM tv_test_user1 EXCEPT SELECT * FROM tv_test_user2) d), (SELECT count(*) FROM tv_test_user2);
UPDATE tb_test_user SET email = 'bob@example.org', created_at = '2024-01-02 03:04:05+02' WHERE name = 'Bob';
INSERT INTO tb_test_user (name) VALUES ('Carol');
--! expect 0|0|3
SELECT (SELECT count(*) FROM (SELECT * FROM tv_test_user1 EXCEPT SELECT * FROM tv_test_user2) d),
       (SELECT count(*) FROM (SELECT * FROM tv_test_user2 EXCEPT SELECT * FROM tv_test_user1) d), (SELECT count(*) FROM tv_test_user1);
--! expect 2024-01-02T01:04:05+00:00
SELECT data->>'createdAt' FROM tv_test_user2 WHERE name = 'Bob';

--! expect test_user1|v_test_user1|tv_test_user1
--! expect test_user2|v_test_user2|tv_test_user2
SELECT entity_name, view_oid::regclass::text, tview_oid::regclass::text FROM pg_tview_meta ORDER BY 1;

-- the native cleanup: DROP TABLE tb_ CASCADE (takes both backing views), then DROP TABLE tv_ ... CASCADE
DROP TABLE tb_test_user CASCADE;
DROP TABLE tv_test_user1 CASCADE;
DROP TABLE tv_test_user2 CASCADE;
DROP TABLE tv_test_user0;
-- the registrations left behind are removed by the health check (repair)
SELECT count(*) FROM pg_tviews_health_check();
--! expect 0
SELECT count(*) FROM pg_tview_meta;

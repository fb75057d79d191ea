-- Native regress/distinct_on/regress_distinct_on_key_change: a TVIEW keeping the newest version of
-- each contract (DISTINCT ON the contract number, which is the key). Rows move between groups: a
-- whole group to a new number, the winning row to another group, every row at once. Then a TVIEW
-- with DISTINCT ON a uuid whose group moves. (Native orders by the version alone; two rows of one
-- version would tie, and which one wins would follow the plan: refused here, so the key breaks ties.)

CREATE TABLE tb_contract (pk_contract int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id uuid DEFAULT gen_random_uuid() NOT NULL,
    id_contract int NOT NULL, version_no int NOT NULL, status text);
INSERT INTO tb_contract (id_contract, version_no, status) VALUES (100, 1, 'a'), (200, 1, 'a'), (200, 2, 'b'), (300, 1, 'a');
SELECT pg_tviews_create('tv_contract', $$
    SELECT DISTINCT ON (c.id_contract) c.id_contract AS pk_contract, c.id, jsonb_build_object('status', c.status, 'version', c.version_no) AS data
    FROM tb_contract c ORDER BY c.id_contract, c.version_no DESC, c.pk_contract $$);
--! expect 100|1
--! expect 200|2
--! expect 300|1
SELECT pk_contract, data->>'version' FROM tv_contract ORDER BY 1;

UPDATE tb_contract SET id_contract = 400 WHERE id_contract = 300;
--! expect 100,200,400
SELECT string_agg(pk_contract::text, ',' ORDER BY pk_contract) FROM tv_contract;
UPDATE tb_contract SET id_contract = 100 WHERE id_contract = 200 AND version_no = 2;
--! expect 100|2|b
--! expect 200|1|a
--! expect 400|1|a
SELECT pk_contract, data->>'version', data->>'status' FROM tv_contract ORDER BY 1;
UPDATE tb_contract SET id_contract = id_contract + 1000;
--! expect 1100,1200,1400
SELECT string_agg(pk_contract::text, ',' ORDER BY pk_contract) FROM tv_contract;
DELETE FROM tb_contract WHERE id_contract = 1100 AND version_no = 2;
--! expect 1|a
SELECT data->>'version', data->>'status' FROM tv_contract WHERE pk_contract = 1100;

CREATE TABLE tb_doc (pk_doc int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id uuid NOT NULL, rev int NOT NULL, body text);
INSERT INTO tb_doc (id, rev, body) VALUES ('00000000-0000-0000-0000-000000000001', 1, 'a'), ('00000000-0000-0000-0000-000000000001', 2, 'b');
SELECT pg_tviews_create('tv_doc', $$
    SELECT DISTINCT ON (d.id) d.pk_doc, d.id, jsonb_build_object('body', d.body) AS data FROM tb_doc d ORDER BY d.id, d.rev DESC, d.pk_doc $$);
--! expect 2|b
SELECT pk_doc, data->>'body' FROM tv_doc;
UPDATE tb_doc SET id = '00000000-0000-0000-0000-000000000009' WHERE rev = 2;
--! expect 1|a
--! expect 2|b
SELECT pk_doc, data->>'body' FROM tv_doc ORDER BY 1;
UPDATE tb_doc SET id = '00000000-0000-0000-0000-000000000009';
--! expect 2|b
SELECT pk_doc, data->>'body' FROM tv_doc;

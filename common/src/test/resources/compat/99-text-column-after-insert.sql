-- Native test 99-name-oid-regression: a TVIEW registered on an empty table (with a dollar-quote tag
-- other than $$) is filled by the first INSERT and carries its text column; dropped with if_exists.

CREATE TABLE tb_nametest (pk_nametest bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id uuid DEFAULT gen_random_uuid() NOT NULL UNIQUE, label text NOT NULL);
--! expect created
SELECT pg_tviews_create('tv_nametest', $TVIEW$
    SELECT pk_nametest, id, jsonb_build_object('label', label) AS data FROM tb_nametest
$TVIEW$);
INSERT INTO tb_nametest (label) VALUES ('hello');
--! expect 1|hello
SELECT count(*) OVER (), data->>'label' FROM tv_nametest WHERE pk_nametest = 1;
-- names (type name) from the catalogue in the document
--! expect created
SELECT pg_tviews_create('nametest_owner', $TVIEW$
    SELECT t.pk_nametest AS pk_nametest_owner, jsonb_build_object('label', t.label, 'table', c.relname) AS data
    FROM tb_nametest t CROSS JOIN (SELECT 'tb_nametest'::name AS relname) c
$TVIEW$);
UPDATE tb_nametest SET label = 'world';
--! expect world|tb_nametest
SELECT data->>'label', data->>'table' FROM tv_nametest_owner;
SELECT pg_tviews_drop('tv_nametest', true);
SELECT pg_tviews_drop('tv_nametest', true);
--! error 42704
SELECT pg_tviews_drop('tv_nametest');

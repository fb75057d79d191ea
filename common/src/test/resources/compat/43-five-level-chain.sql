-- Native test 43 (cascade depth): six tables chained by foreign keys, each TVIEW embedding the
-- previous level's backing view (v_level_<n-1>). An update at the root reaches level 5, one in the
-- middle reaches the levels below it. Native: CREATE TABLE tv_level_n AS ... (DDL hook); here
-- pg_tviews_create, whose SELECT may read the v_ view of another TVIEW.

CREATE TABLE tb_level_0 (pk_level_0 integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE, value text NOT NULL);
CREATE TABLE tb_level_1 (pk_level_1 integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    fk_level_0 integer NOT NULL REFERENCES tb_level_0, value text NOT NULL);
CREATE TABLE tb_level_2 (pk_level_2 integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    fk_level_1 integer NOT NULL REFERENCES tb_level_1, value text NOT NULL);
CREATE TABLE tb_level_3 (pk_level_3 integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    fk_level_2 integer NOT NULL REFERENCES tb_level_2, value text NOT NULL);
CREATE TABLE tb_level_4 (pk_level_4 integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    fk_level_3 integer NOT NULL REFERENCES tb_level_3, value text NOT NULL);
CREATE TABLE tb_level_5 (pk_level_5 integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    fk_level_4 integer NOT NULL REFERENCES tb_level_4, value text NOT NULL);

INSERT INTO tb_level_0 (value) VALUES ('Root');
INSERT INTO tb_level_1 (fk_level_0, value) VALUES (1, 'Level 1');
INSERT INTO tb_level_2 (fk_level_1, value) VALUES (1, 'Level 2');
INSERT INTO tb_level_3 (fk_level_2, value) VALUES (1, 'Level 3');
INSERT INTO tb_level_4 (fk_level_3, value) VALUES (1, 'Level 4');
INSERT INTO tb_level_5 (fk_level_4, value) VALUES (1, 'Level 5');

--! expect created
SELECT pg_tviews_create('level_0', $$SELECT pk_level_0, id, jsonb_build_object('id', id::text, 'value', value) AS data FROM tb_level_0$$);
--! expect created
SELECT pg_tviews_create('level_1', $$
    SELECT t.pk_level_1, t.id, t.fk_level_0, up.id AS level_0_id,
           jsonb_build_object('id', t.id::text, 'value', t.value, 'parent', up.data) AS data
    FROM tb_level_1 t JOIN v_level_0 up ON up.pk_level_0 = t.fk_level_0 $$);
--! expect created
SELECT pg_tviews_create('level_2', $$
    SELECT t.pk_level_2, t.id, t.fk_level_1, up.id AS level_1_id,
           jsonb_build_object('id', t.id::text, 'value', t.value, 'parent', up.data) AS data
    FROM tb_level_2 t JOIN v_level_1 up ON up.pk_level_1 = t.fk_level_1 $$);
--! expect created
SELECT pg_tviews_create('level_3', $$
    SELECT t.pk_level_3, t.id, t.fk_level_2, up.id AS level_2_id,
           jsonb_build_object('id', t.id::text, 'value', t.value, 'parent', up.data) AS data
    FROM tb_level_3 t JOIN v_level_2 up ON up.pk_level_2 = t.fk_level_2 $$);
--! expect created
SELECT pg_tviews_create('level_4', $$
    SELECT t.pk_level_4, t.id, t.fk_level_3, up.id AS level_3_id,
           jsonb_build_object('id', t.id::text, 'value', t.value, 'parent', up.data) AS data
    FROM tb_level_4 t JOIN v_level_3 up ON up.pk_level_3 = t.fk_level_3 $$);
--! expect created
SELECT pg_tviews_create('level_5', $$
    SELECT t.pk_level_5, t.id, t.fk_level_4, up.id AS level_4_id,
           jsonb_build_object('id', t.id::text, 'value', t.value, 'parent', up.data) AS data
    FROM tb_level_5 t JOIN v_level_4 up ON up.pk_level_4 = t.fk_level_4 $$);

UPDATE tb_level_0 SET value = 'Root Updated' WHERE pk_level_0 = 1;
--! expect Root Updated|Root Updated|Root Updated|Root Updated|Root Updated|Root Updated
SELECT (SELECT data->>'value' FROM tv_level_0),
       (SELECT data#>>'{parent,value}' FROM tv_level_1),
       (SELECT data#>>'{parent,parent,value}' FROM tv_level_2),
       (SELECT data#>>'{parent,parent,parent,value}' FROM tv_level_3),
       (SELECT data#>>'{parent,parent,parent,parent,value}' FROM tv_level_4),
       (SELECT data#>>'{parent,parent,parent,parent,parent,value}' FROM tv_level_5);

UPDATE tb_level_2 SET value = 'Level 2 Updated' WHERE pk_level_2 = 1;
--! expect Level 2 Updated|Level 2 Updated|Level 2 Updated|Level 2 Updated
SELECT (SELECT data->>'value' FROM tv_level_2),
       (SELECT data#>>'{parent,value}' FROM tv_level_3),
       (SELECT data#>>'{parent,parent,value}' FROM tv_level_4),
       (SELECT data#>>'{parent,parent,parent,value}' FROM tv_level_5);

--! expect 6
SELECT count(*) FROM pg_tview_meta;

-- Reading another TVIEW's backing view v_level_<n> is reading its tables: each level is maintained
-- straight from tb_level_0 .. tb_level_n, not after the TVIEW above it, so no TVIEW reads another
-- here and the cascade path (native: pg_tviews_show_cascade_path) is empty.
--! expect 6
SELECT count(*) FROM pg_tview_source WHERE entity_name = 'level_5';
--! expect 0
SELECT count(*) FROM pg_tviews_show_cascade_path('level_0');

UPDATE tb_level_0 SET value = 'Root Again' WHERE pk_level_0 = 1;
--! expect Root Again
SELECT data#>>'{parent,parent,parent,parent,parent,value}' FROM tv_level_5;

-- a new leaf under the existing chain
INSERT INTO tb_level_5 (fk_level_4, value) VALUES (1, 'Level 5b');
--! expect 2
SELECT count(*) FROM tv_level_5 WHERE data#>>'{parent,parent,parent,parent,parent,value}' = 'Root Again';

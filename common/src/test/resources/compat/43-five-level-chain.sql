-- Native test 43 (cascade depth): six tables chained by foreign keys, each TVIEW embedding the
-- previous level's backing view (v_level_<n-1>). An update at the root reaches level 5, one in the
-- middle reaches the levels below it. Native: CREATE TABLE tv_level_n AS ... (DDL hook); here
-- pg_tviews_create, whose SELECT may read the v_ view of another TVIEW.

CREATE TABLE tb_level_0 (pk_level_0 integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE, value text NOT NULL);
INSERT INTO tb_level_0 (value) VALUES ('Root');
-- levels 1 to 5, each with a row under the row of the level above: tb_level_<n> (fk_level_<n-1>, 'Level <n>')
DO $$
BEGIN
    FOR n IN 1..5 LOOP
        EXECUTE format('CREATE TABLE tb_level_%1$s (pk_level_%1$s integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE, fk_level_%2$s integer NOT NULL REFERENCES tb_level_%2$s,
            value text NOT NULL)', n, n - 1);
        EXECUTE format('INSERT INTO tb_level_%1$s (fk_level_%2$s, value) VALUES (1, %3$L)', n, n - 1, 'Level ' || n);
    END LOOP;
END $$;

--! expect created
SELECT pg_tviews_create('level_0', $$SELECT pk_level_0, id, jsonb_build_object('id', id::text, 'value', value) AS data FROM tb_level_0$$);
-- level_1 .. level_5 in order, each embedding its parent as read from v_level_<n-1>
--! expect level_1|created
--! expect level_2|created
--! expect level_3|created
--! expect level_4|created
--! expect level_5|created
SELECT 'level_' || n, pg_tviews_create('level_' || n, format($$
    SELECT t.pk_level_%1$s, t.id, t.fk_level_%2$s, up.id AS level_%2$s_id,
           jsonb_build_object('id', t.id::text, 'value', t.value, 'parent', up.data) AS data
    FROM tb_level_%1$s t JOIN v_level_%2$s up ON up.pk_level_%2$s = t.fk_level_%2$s $$, n, n - 1))
FROM generate_series(1, 5) n;

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

-- Native test 50_array_columns: a TVIEW with an ARRAY(subquery) column and a jsonb_agg of the same
-- children inside its document; the array column keeps its type, and child writes reach both.

CREATE TABLE tb_machine (pk_machine integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(), serial_number text);
CREATE TABLE tb_machine_item (
    pk_machine_item integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
    fk_machine integer REFERENCES tb_machine (pk_machine), name text
);
INSERT INTO tb_machine VALUES (1, gen_random_uuid(), 'M-001');
INSERT INTO tb_machine_item VALUES (1, gen_random_uuid(), 1, 'Item A'), (2, gen_random_uuid(), 1, 'Item B');

--! expect created
SELECT pg_tviews_create('machine', $$
    SELECT m.pk_machine, m.id, m.serial_number,
           ARRAY(SELECT mi.id FROM tb_machine_item mi WHERE mi.fk_machine = m.pk_machine ORDER BY mi.pk_machine_item) AS machine_item_ids,
           jsonb_build_object('id', m.id, 'serial_number', m.serial_number,
               'items', (SELECT jsonb_agg(jsonb_build_object('id', mi.id, 'name', mi.name) ORDER BY mi.pk_machine_item)
                         FROM tb_machine_item mi WHERE mi.fk_machine = m.pk_machine)) AS data
    FROM tb_machine m $$);

--! expect uuid[]
SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'tv_machine'::regclass AND attname = 'machine_item_ids';
--! expect 2|t|t
SELECT array_length(machine_item_ids, 1), machine_item_ids[1] IS NOT NULL, machine_item_ids[2] IS NOT NULL FROM tv_machine WHERE pk_machine = 1;
--! expect 2|Item A|Item B
SELECT jsonb_array_length(data->'items'), data#>>'{items,0,name}', data#>>'{items,1,name}' FROM tv_machine WHERE pk_machine = 1;

-- beyond the native test: child writes
INSERT INTO tb_machine_item VALUES (3, gen_random_uuid(), 1, 'Item C');
--! expect 3|Item C
SELECT array_length(machine_item_ids, 1), data#>>'{items,2,name}' FROM tv_machine WHERE pk_machine = 1;
UPDATE tb_machine_item SET name = 'Item A2' WHERE pk_machine_item = 1;
--! expect Item A2
SELECT data#>>'{items,0,name}' FROM tv_machine;
INSERT INTO tb_machine VALUES (2, gen_random_uuid(), 'M-002');
UPDATE tb_machine_item SET fk_machine = 2 WHERE pk_machine_item = 2;
--! expect 1|2
--! expect 2|1
SELECT pk_machine, cardinality(machine_item_ids) FROM tv_machine ORDER BY 1;
DELETE FROM tb_machine_item;
--! expect 1|0|<null>
--! expect 2|0|<null>
SELECT pk_machine, cardinality(machine_item_ids), data->'items'->>0 FROM tv_machine ORDER BY 1;

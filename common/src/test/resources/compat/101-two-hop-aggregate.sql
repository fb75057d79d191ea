-- Native test 101 (multi-hop cascade through a table that is not a TVIEW): orders aggregate the
-- items of their groups (order <- group <- item). Item updates, inserts and deletes, a group update,
-- a bulk item update, an item whose group is NULL, and the other order untouched. Native: its
-- cascade_paths catalogue column; ours: the walks in pg_tview_source.

CREATE TABLE mh_order (pk_order bigint PRIMARY KEY, customer text NOT NULL);
CREATE TABLE mh_group (pk_group bigint PRIMARY KEY, fk_order bigint NOT NULL REFERENCES mh_order, label text NOT NULL);
CREATE TABLE mh_item (pk_item bigint PRIMARY KEY, fk_group bigint NOT NULL REFERENCES mh_group, product text NOT NULL, qty integer NOT NULL DEFAULT 1);
INSERT INTO mh_order VALUES (1, 'Alice'), (2, 'Bob');
INSERT INTO mh_group VALUES (10, 1, 'Group A1'), (20, 1, 'Group A2'), (30, 2, 'Group B1');
INSERT INTO mh_item VALUES (100, 10, 'Widget', 2), (101, 10, 'Gadget', 1), (102, 20, 'Bolt', 5), (103, 30, 'Nut', 10), (104, 30, 'Washer', 3);

--! expect created
SELECT pg_tviews_create('order', $$
    SELECT o.pk_order,
           jsonb_build_object('customer', o.customer,
               'items', coalesce(jsonb_agg(jsonb_build_object('product', i.product, 'qty', i.qty, 'group', g.label) ORDER BY i.pk_item)
                                 FILTER (WHERE i.pk_item IS NOT NULL), '[]'::jsonb)) AS data
    FROM mh_order o LEFT JOIN mh_group g ON g.fk_order = o.pk_order LEFT JOIN mh_item i ON i.fk_group = g.pk_group
    GROUP BY o.pk_order, o.customer $$);

--! expect mh_group|incremental
--! expect mh_item|incremental
--! expect mh_order|incremental
SELECT source_oid::regclass::text, refresh_mode FROM pg_tview_source WHERE entity_name = 'order' ORDER BY 1;
--! expect 2|3
SELECT count(*), max(jsonb_array_length(data->'items')) FILTER (WHERE pk_order = 1) FROM tv_order;

UPDATE mh_item SET product = 'SuperWidget', qty = 99 WHERE pk_item = 100;
--! expect SuperWidget|99
SELECT data#>>'{items,0,product}', data#>>'{items,0,qty}' FROM tv_order WHERE pk_order = 1;
INSERT INTO mh_item VALUES (105, 20, 'Spring', 7);
--! expect 4
SELECT jsonb_array_length(data->'items') FROM tv_order WHERE pk_order = 1;
DELETE FROM mh_item WHERE pk_item = 105;
--! expect 3
SELECT jsonb_array_length(data->'items') FROM tv_order WHERE pk_order = 1;
UPDATE mh_group SET label = 'Updated Group A1' WHERE pk_group = 10;
--! expect 2
SELECT count(*) FROM tv_order, jsonb_array_elements(data->'items') e WHERE pk_order = 1 AND e->>'group' = 'Updated Group A1';
UPDATE mh_item SET qty = qty + 100 WHERE fk_group = 30;
--! expect 213
SELECT sum((e->>'qty')::int) FROM tv_order, jsonb_array_elements(data->'items') e WHERE pk_order = 2;

ALTER TABLE mh_item ALTER COLUMN fk_group DROP NOT NULL;
INSERT INTO mh_item VALUES (200, NULL, 'Orphan', 1);
--! expect 3|2
SELECT (SELECT jsonb_array_length(data->'items') FROM tv_order WHERE pk_order = 1), (SELECT jsonb_array_length(data->'items') FROM tv_order WHERE pk_order = 2);
-- the orphan joins a group, then the group moves to the other order (two hops re-parented)
UPDATE mh_item SET fk_group = 30 WHERE pk_item = 200;
UPDATE mh_group SET fk_order = 1 WHERE pk_group = 30;
--! expect 6|0
SELECT (SELECT jsonb_array_length(data->'items') FROM tv_order WHERE pk_order = 1), (SELECT jsonb_array_length(data->'items') FROM tv_order WHERE pk_order = 2);
DELETE FROM mh_item WHERE pk_item = 200;
ALTER TABLE mh_item ALTER COLUMN fk_group SET NOT NULL;
--! expect Bob
SELECT data->>'customer' FROM tv_order WHERE pk_order = 2;

SELECT pg_tviews_drop('order');
DROP TABLE mh_item;
DROP TABLE mh_group;
DROP TABLE mh_order;
--! expect 0
SELECT count(*) FROM pg_tview_meta;

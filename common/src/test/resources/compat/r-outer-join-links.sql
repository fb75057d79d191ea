-- Native regress/lineage/regress_outer_join_links: order documents listing the skus of their lines,
-- read through a view that LEFT JOINs lines to orders and exposes the order's uuid; the TVIEW matches
-- on that uuid. Line edits, a line moved to another order, a line matching no order and then one,
-- a delete. Then a TVIEW keyed on the nullable side of the outer join, filtered to non-NULL keys.

CREATE TABLE tb_order (pk_order bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(), ref text);
CREATE TABLE tb_line (pk_line bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, fk_order bigint, sku text);
INSERT INTO tb_order (ref) VALUES ('o1'), ('o2');
INSERT INTO tb_line (fk_order, sku) VALUES (1, 'a'), (1, 'b'), (2, 'c');
CREATE VIEW line_with_order AS SELECT l.pk_line, l.sku, o.id AS order_id FROM tb_line l LEFT JOIN tb_order o ON l.fk_order = o.pk_order;

--! expect created
SELECT pg_tviews_create('order', $$
    SELECT o.pk_order, o.id, jsonb_build_object('skus', (SELECT jsonb_agg(v.sku ORDER BY v.pk_line) FROM line_with_order v WHERE v.order_id = o.id)) AS data
    FROM tb_order o $$);
UPDATE tb_line SET sku = 'b2' WHERE sku = 'b';
UPDATE tb_line SET fk_order = 2 WHERE sku = 'a';
INSERT INTO tb_line (fk_order, sku) VALUES (99, 'orphan');
UPDATE tb_line SET fk_order = 1 WHERE sku = 'orphan';
DELETE FROM tb_line WHERE sku = 'c';
--! expect 1|["b2", "orphan"]
--! expect 2|["a"]
SELECT pk_order, data->>'skus' FROM tv_order ORDER BY 1;
-- an order's uuid changed: its lines follow it
UPDATE tb_order SET id = gen_random_uuid() WHERE pk_order = 2;
--! expect ["a"]
SELECT data->>'skus' FROM tv_order WHERE pk_order = 2;
SELECT pg_tviews_drop('order');

-- keyed on the nullable side, NULL keys filtered out
--! expect created
SELECT pg_tviews_create('order', $$
    SELECT o.pk_order, o.id, jsonb_build_object('skus', jsonb_agg(l.sku ORDER BY l.pk_line)) AS data
    FROM tb_line l LEFT JOIN tb_order o ON l.fk_order = o.pk_order
    WHERE o.pk_order IS NOT NULL GROUP BY o.pk_order, o.id $$);
UPDATE tb_line SET sku = 'b3' WHERE sku = 'b2';
UPDATE tb_line SET fk_order = 1 WHERE sku = 'a';
INSERT INTO tb_line (fk_order, sku) VALUES (98, 'orphan 2');
--! expect 1|["a", "b3", "orphan"]
SELECT pk_order, data->>'skus' FROM tv_order;

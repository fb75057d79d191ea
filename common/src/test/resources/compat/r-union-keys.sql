-- Native regress/lineage/regress_union_keys: a TVIEW over a UNION ALL of two entities with their own
-- key spaces (products keyed by their key, order lines by their key negated or offset), soft deletes
-- on both, a table joined to the union's output, overlapping keys refused. Written as a scenario:
-- the native exercise function (a sequence of writes) is spelled out statement by statement.

CREATE TABLE tb_product (pk_product bigint PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(), name text, deleted_at timestamptz);
CREATE TABLE tb_order_line (pk_order_line bigint PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
    fk_product bigint REFERENCES tb_product, qty int, deleted_at timestamptz);
CREATE TABLE tb_note (pk_note bigint PRIMARY KEY, target uuid, body text);
INSERT INTO tb_product (pk_product, name) VALUES (1, 'p1'), (2, 'p2');
INSERT INTO tb_order_line (pk_order_line, fk_product, qty) VALUES (1, 1, 5);
INSERT INTO tb_note VALUES (1, (SELECT id FROM tb_product WHERE pk_product = 1), 'on p1'), (2, (SELECT id FROM tb_order_line WHERE pk_order_line = 1), 'on line 1');

-- 1. top-level UNION ALL, the line branch keyed by its negated key
--! expect created
SELECT pg_tviews_create('attachment', $$
    SELECT p.pk_product AS pk_attachment, p.id, 'catalog' AS kind, p.name, NULL::int AS qty FROM tb_product p WHERE p.deleted_at IS NULL
    UNION ALL
    SELECT -l.pk_order_line, l.id, 'line', p.name, l.qty FROM tb_order_line l JOIN tb_product p ON p.pk_product = l.fk_product
    WHERE l.deleted_at IS NULL AND p.deleted_at IS NULL $$);
--! expect -1,1,2
SELECT string_agg(pk_attachment::text, ',' ORDER BY pk_attachment) FROM tv_attachment;
UPDATE tb_product SET name = 'p1x' WHERE pk_product = 1;
INSERT INTO tb_order_line (pk_order_line, fk_product, qty) VALUES (2, 2, 1), (3, 1, 7);
UPDATE tb_order_line SET qty = qty + 1, fk_product = 2 WHERE pk_order_line = 1;
UPDATE tb_order_line SET deleted_at = '2026-01-01' WHERE pk_order_line = 3;
UPDATE tb_product SET deleted_at = '2026-01-01' WHERE pk_product = 2;
--! expect 1|p1x
SELECT string_agg(pk_attachment::text, ','), max(name) FROM tv_attachment;
DELETE FROM tb_order_line WHERE pk_order_line = 2;
UPDATE tb_product SET deleted_at = NULL, name = 'p' || pk_product;
DELETE FROM tb_order_line WHERE pk_order_line <> 1;
UPDATE tb_order_line SET qty = 5, fk_product = 1, deleted_at = NULL;
--! expect -1,1,2
SELECT string_agg(pk_attachment::text, ',' ORDER BY pk_attachment) FROM tv_attachment;

-- 5. overlapping keys (the line branch not negated): refused at create, and a write that makes two
-- branches yield the same key fails naming the TVIEW
SELECT pg_tviews_drop('attachment');
--! error 23505
SELECT pg_tviews_create('attachment', $$
    SELECT p.pk_product AS pk_attachment, p.name FROM tb_product p UNION ALL SELECT l.pk_order_line, 'line' FROM tb_order_line l $$);
--! expect created
SELECT pg_tviews_create('attachment', $$
    SELECT p.pk_product AS pk_attachment, p.name FROM tb_product p UNION ALL SELECT -l.pk_order_line, 'line' FROM tb_order_line l $$);
INSERT INTO tb_order_line (pk_order_line, fk_product, qty) VALUES (9, 1, 1);
--! error 23505
UPDATE tb_order_line SET pk_order_line = -2 WHERE pk_order_line = 9;
DELETE FROM tb_order_line WHERE pk_order_line = 9;
SELECT pg_tviews_drop('attachment');

-- 2. the union inside a view the definition reads, the line keys offset
CREATE VIEW union_attachment AS
SELECT p.pk_product AS pk_attachment, p.id, 'catalog' AS kind, p.name, NULL::int AS qty FROM tb_product p WHERE p.deleted_at IS NULL
UNION ALL
SELECT l.pk_order_line + 1000000000, l.id, 'line', p.name, l.qty FROM tb_order_line l JOIN tb_product p ON p.pk_product = l.fk_product
WHERE l.deleted_at IS NULL AND p.deleted_at IS NULL;
--! expect created
SELECT pg_tviews_create('attachment', 'SELECT v.pk_attachment, v.id, v.kind, v.name, v.qty FROM union_attachment v');
--! expect 3
SELECT count(*) FROM tv_attachment;
UPDATE tb_product SET name = 'p1x' WHERE pk_product = 1;
INSERT INTO tb_order_line (pk_order_line, fk_product, qty) VALUES (2, 2, 1), (3, 1, 7);
UPDATE tb_order_line SET qty = qty + 1, fk_product = 2 WHERE pk_order_line = 1;
UPDATE tb_product SET deleted_at = '2026-01-01' WHERE pk_product = 2;
--! expect 1000000003|p1x|7
SELECT max(pk_attachment), min(name), max(qty) FROM tv_attachment;
SELECT pg_tviews_drop('attachment');

-- 3. a table joined to the union's output: notes on products and on lines
UPDATE tb_product SET deleted_at = NULL;
--! expect created
SELECT pg_tviews_create('attachment', $$
    SELECT v.pk_attachment, v.id, v.kind, v.name, v.qty, n.body AS note FROM union_attachment v LEFT JOIN tb_note n ON n.target = v.id $$);
UPDATE tb_note SET body = body || '!';
--! expect on line 1!,on p1!
SELECT string_agg(note, ',' ORDER BY note) FROM tv_attachment;
UPDATE tb_note SET target = (SELECT id FROM tb_product WHERE pk_product = 2) WHERE pk_note = 2;
--! expect 2|on line 1!
SELECT pk_attachment, note FROM tv_attachment WHERE note LIKE 'on line%';

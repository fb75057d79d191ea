-- Native regress/lineage/regress_recursive_cte: a category tree read through a view with WITH
-- RECURSIVE (each item with the names on its category's path), the same recursion written in the
-- definition, and a TVIEW keyed out of the recursion itself. Native registers them with a policy
-- that rebuilds in full when the tree changes; ours needs no option for them.

CREATE TABLE tb_category (pk_category bigint PRIMARY KEY, fk_parent bigint REFERENCES tb_category, name text);
CREATE TABLE tb_item (pk_item bigint PRIMARY KEY, fk_category bigint REFERENCES tb_category, name text, deleted_at timestamptz);
INSERT INTO tb_category VALUES (1, NULL, 'root'), (2, 1, 'sub'), (3, 2, 'leaf');
INSERT INTO tb_item VALUES (1, 2, 'thing', NULL), (2, 3, 'other', NULL);
CREATE VIEW category_path AS
WITH RECURSIVE p AS (
    SELECT pk_category, ARRAY[name] AS names FROM tb_category WHERE fk_parent IS NULL
    UNION ALL
    SELECT c.pk_category, p.names || c.name FROM tb_category c JOIN p ON p.pk_category = c.fk_parent)
SELECT pk_category, names FROM p;

--! expect created
SELECT pg_tviews_create('item', $$
    SELECT i.pk_item, jsonb_build_object('name', i.name, 'category_path', cp.names) AS data
    FROM tb_item i JOIN category_path cp ON cp.pk_category = i.fk_category WHERE i.deleted_at IS NULL $$);
UPDATE tb_item SET name = 'renamed' WHERE pk_item = 1;
UPDATE tb_item SET deleted_at = '2026-01-01' WHERE pk_item = 2;
UPDATE tb_category SET name = 'top' WHERE pk_category = 1;
--! expect 1|["top", "sub"]
SELECT pk_item, data->>'category_path' FROM tv_item;

CREATE TABLE tb_listing (pk_listing bigint PRIMARY KEY, fk_category bigint REFERENCES tb_category, name text);
INSERT INTO tb_listing VALUES (1, 2, 'thing'), (2, 3, 'other');
--! expect created
SELECT pg_tviews_create('listing', $$
    WITH RECURSIVE p AS (
        SELECT pk_category, ARRAY[name] AS names FROM tb_category WHERE fk_parent IS NULL
        UNION ALL
        SELECT c.pk_category, p.names || c.name FROM tb_category c JOIN p ON p.pk_category = c.fk_parent)
    SELECT l.pk_listing, jsonb_build_object('name', l.name, 'path', p.names) AS data FROM tb_listing l JOIN p ON p.pk_category = l.fk_category $$);
UPDATE tb_listing SET fk_category = 3 WHERE pk_listing = 1;
INSERT INTO tb_category VALUES (4, 3, 'deeper');
UPDATE tb_listing SET fk_category = 4 WHERE pk_listing = 1;
--! expect ["top", "sub", "leaf", "deeper"]
SELECT data->>'path' FROM tv_listing WHERE pk_listing = 1;
-- a middle node moved: every path under it changes
UPDATE tb_category SET fk_parent = NULL WHERE pk_category = 3;
--! expect ["leaf", "deeper"]|["leaf"]
SELECT (SELECT data->>'path' FROM tv_listing WHERE pk_listing = 1), (SELECT data->>'path' FROM tv_listing WHERE pk_listing = 2);

-- keyed out of the recursion: the key is no table column, refused (0A000), also with full refresh
--! error 0A000
SELECT pg_tviews_create('category', $$
    WITH RECURSIVE p AS (
        SELECT pk_category, ARRAY[name] AS names FROM tb_category WHERE fk_parent IS NULL
        UNION ALL
        SELECT c.pk_category, p.names || c.name FROM tb_category c JOIN p ON p.pk_category = c.fk_parent)
    SELECT pk_category, jsonb_build_object('names', names) AS data FROM p $$);
--! error 0A000
SELECT pg_tviews_create_or_replace('category', $$
    WITH RECURSIVE p AS (
        SELECT pk_category, ARRAY[name] AS names FROM tb_category WHERE fk_parent IS NULL
        UNION ALL
        SELECT c.pk_category, p.names || c.name FROM tb_category c JOIN p ON p.pk_category = c.fk_parent)
    SELECT pk_category, jsonb_build_object('names', names) AS data FROM p $$, '{"refresh": "full"}');
-- the same rows keyed from the table, the path from the recursion: accepted
--! expect created
SELECT pg_tviews_create('category', $$
    WITH RECURSIVE p AS (
        SELECT pk_category, ARRAY[name] AS names FROM tb_category WHERE fk_parent IS NULL
        UNION ALL
        SELECT c.pk_category, p.names || c.name FROM tb_category c JOIN p ON p.pk_category = c.fk_parent)
    SELECT c.pk_category, jsonb_build_object('names', p.names) AS data FROM tb_category c JOIN p ON p.pk_category = c.pk_category $$);
UPDATE tb_category SET name = 'sub2' WHERE pk_category = 2;
INSERT INTO tb_category VALUES (5, 1, 'sibling');
UPDATE tb_category SET fk_parent = 2 WHERE pk_category = 3;
--! expect 5|["top", "sub2", "leaf", "deeper"]
SELECT (SELECT count(*) FROM tv_category), data->>'names' FROM tv_category WHERE pk_category = 4;
DELETE FROM tb_item;
DELETE FROM tb_listing;
DELETE FROM tb_category WHERE pk_category IN (4, 5);
--! expect 3
SELECT count(*) FROM tv_category;

-- Native regress/arrays/regress_array_path_joins: a tree stored as a dotted path of ids, each node
-- with the names of its ancestors, joined three ways (unnest in a subquery's target list, a LATERAL
-- unnest, = ANY of the array), and a join on a computed output of a subquery (upper(name) against a
-- badge code). The same writes go to each copy: soft delete, an ancestor renamed, restore, a node
-- moved, a rename that matches a badge, badge edits, a node inserted and one deleted. Native also
-- checks its mapping queries and index advice, which are its own.

-- on_each_copy(sql) runs sql once for each copy: nsrf, nlat, nany, nbadge in place of %1$s (tb_%1$s, pk_%1$s)
CREATE FUNCTION on_each_copy(sql text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    copy text;
BEGIN
    FOREACH copy IN ARRAY ARRAY['nsrf', 'nlat', 'nany', 'nbadge'] LOOP
        EXECUTE format(sql, copy);
    END LOOP;
END $$;
SELECT on_each_copy('CREATE TABLE tb_%1$s (pk_%1$s bigint PRIMARY KEY, path text NOT NULL, name text, deleted_at timestamptz)');
SELECT on_each_copy($$INSERT INTO tb_%1$s VALUES (1, '1', 'root'), (2, '1.2', 'child'), (3, '1.2.3', 'leaf'), (4, '1.4', 'other')$$);
CREATE TABLE tb_badge (pk_badge bigint PRIMARY KEY, code text NOT NULL, label text);
INSERT INTO tb_badge VALUES (1, 'ROOT', 'r'), (2, 'CHILD', 'c');

--! expect created
SELECT pg_tviews_create('nsrf', $$
    SELECT s.pk_nsrf, jsonb_build_object('name', s.name, 'path_of_names', array_agg(a.name ORDER BY a.pk_nsrf)) AS data
    FROM (SELECT n.pk_nsrf, n.name, unnest(string_to_array(n.path, '.')::bigint[]) AS node_id FROM tb_nsrf n WHERE n.deleted_at IS NULL) s
    JOIN tb_nsrf a ON a.pk_nsrf = s.node_id AND a.deleted_at IS NULL
    GROUP BY s.pk_nsrf, s.name $$);
--! expect created
SELECT pg_tviews_create('nlat', $$
    SELECT n.pk_nlat, jsonb_build_object('name', n.name, 'path_of_names', array_agg(a.name ORDER BY a.pk_nlat)) AS data
    FROM tb_nlat n CROSS JOIN LATERAL unnest(string_to_array(n.path, '.')::bigint[]) AS u(node_id)
    JOIN tb_nlat a ON a.pk_nlat = u.node_id AND a.deleted_at IS NULL
    WHERE n.deleted_at IS NULL GROUP BY n.pk_nlat, n.name $$);
--! expect created
SELECT pg_tviews_create('nany', $$
    SELECT n.pk_nany, jsonb_build_object('name', n.name, 'path_of_names', array_agg(a.name ORDER BY a.pk_nany)) AS data
    FROM tb_nany n JOIN tb_nany a ON a.pk_nany = ANY (string_to_array(n.path, '.')::bigint[]) AND a.deleted_at IS NULL
    WHERE n.deleted_at IS NULL GROUP BY n.pk_nany, n.name $$);
--! expect created
SELECT pg_tviews_create('nbadge', $$
    SELECT s.pk_nbadge, jsonb_build_object('name', s.name, 'badge', x.label) AS data
    FROM (SELECT n.pk_nbadge, n.name, upper(n.name) AS upper_name FROM tb_nbadge n WHERE n.deleted_at IS NULL) s
    LEFT JOIN tb_badge x ON x.code = s.upper_name $$);

SELECT on_each_copy($$UPDATE tb_%1$s SET deleted_at = '2026-01-01' WHERE pk_%1$s = 3$$);
SELECT on_each_copy($$UPDATE tb_%1$s SET name = 'renamed' WHERE pk_%1$s = 2$$);
SELECT on_each_copy($$UPDATE tb_%1$s SET deleted_at = NULL WHERE pk_%1$s = 3$$);
--! expect ["root", "renamed", "leaf"]|["root", "renamed", "leaf"]|["root", "renamed", "leaf"]
SELECT (SELECT data->>'path_of_names' FROM tv_nsrf WHERE pk_nsrf = 3), (SELECT data->>'path_of_names' FROM tv_nlat WHERE pk_nlat = 3),
       (SELECT data->>'path_of_names' FROM tv_nany WHERE pk_nany = 3);
SELECT on_each_copy($$UPDATE tb_%1$s SET path = '1.4.3' WHERE pk_%1$s = 3$$);
SELECT on_each_copy($$UPDATE tb_%1$s SET name = 'Child' WHERE pk_%1$s = 4$$);
--! expect ["root", "leaf", "Child"]|c
SELECT (SELECT data->>'path_of_names' FROM tv_nany WHERE pk_nany = 3), (SELECT data->>'badge' FROM tv_nbadge WHERE pk_nbadge = 4);
UPDATE tb_badge SET label = 'c2' WHERE pk_badge = 2;
INSERT INTO tb_badge VALUES (3, 'LEAF', 'l');
DELETE FROM tb_badge WHERE pk_badge = 1;
--! expect <null>|c2|l
SELECT (SELECT data->>'badge' FROM tv_nbadge WHERE pk_nbadge = 1), (SELECT data->>'badge' FROM tv_nbadge WHERE pk_nbadge = 4),
       (SELECT data->>'badge' FROM tv_nbadge WHERE pk_nbadge = 3);
SELECT on_each_copy($$INSERT INTO tb_%1$s VALUES (5, '1.4.5', 'new')$$);
SELECT on_each_copy($$DELETE FROM tb_%1$s WHERE pk_%1$s = 4$$);
-- node 4 gone: its descendants lose it from their path
--! expect ["root", "leaf"]|["root", "new"]
SELECT (SELECT data->>'path_of_names' FROM tv_nlat WHERE pk_nlat = 3), (SELECT data->>'path_of_names' FROM tv_nsrf WHERE pk_nsrf = 5);

-- Native regress/refresh/regress_partition_direct_write: the TVIEW's own table, a table it reads and
-- a table read through that one are partitioned (one two levels deep). Writes go through the
-- partitioned tables and name partitions directly (a leaf, a middle level, a sub-leaf); partitions are
-- created later (also from PL/pgSQL); a table with rows is attached; leaves and roots are truncated;
-- a partition is detached. Native installs triggers on new and attached partitions from its DDL hook;
-- ours are installed by the health check's repair (docs/exactness.md), which the health check also
-- reports as needed: here the DDL and the repair run in one statement.

CREATE TABLE tb_order (pk_order bigint NOT NULL, ref text, PRIMARY KEY (pk_order)) PARTITION BY RANGE (pk_order);
CREATE TABLE tb_order_1 PARTITION OF tb_order FOR VALUES FROM (0) TO (100);
CREATE TABLE tb_order_2 PARTITION OF tb_order FOR VALUES FROM (100) TO (200);
CREATE TABLE tb_line (pk_line bigint NOT NULL, fk_order bigint NOT NULL, pos int NOT NULL, PRIMARY KEY (pk_line)) PARTITION BY RANGE (pk_line);
CREATE TABLE tb_line_1 PARTITION OF tb_line FOR VALUES FROM (0) TO (100);
CREATE TABLE tb_line_2 PARTITION OF tb_line FOR VALUES FROM (100) TO (200);
CREATE TABLE tb_note (pk_note bigint NOT NULL, fk_line bigint NOT NULL, body text, PRIMARY KEY (pk_note)) PARTITION BY RANGE (pk_note);
CREATE TABLE tb_note_1 PARTITION OF tb_note FOR VALUES FROM (0) TO (100);
CREATE TABLE tb_note_2 PARTITION OF tb_note FOR VALUES FROM (100) TO (200) PARTITION BY RANGE (pk_note);
CREATE TABLE tb_note_2a PARTITION OF tb_note_2 FOR VALUES FROM (100) TO (150);
CREATE TABLE tb_note_2b PARTITION OF tb_note_2 FOR VALUES FROM (150) TO (200);
INSERT INTO tb_order VALUES (1, 'o1'), (2, 'o2'), (150, 'o150');
INSERT INTO tb_line VALUES (1, 1, 1), (2, 2, 1), (120, 150, 1);
INSERT INTO tb_note VALUES (1, 1, 'n1'), (120, 2, 'n2'), (170, 120, 'n3');

--! expect created
SELECT pg_tviews_create('order', $$
    SELECT o.pk_order,
           jsonb_build_object('ref', o.ref,
               'lines', (SELECT jsonb_agg(l.pos ORDER BY l.pk_line) FROM tb_line l WHERE l.fk_order = o.pk_order),
               'notes', (SELECT jsonb_agg(n.body ORDER BY n.body) FROM tb_line l2 JOIN tb_note n ON n.fk_line = l2.pk_line WHERE l2.fk_order = o.pk_order)) AS data
    FROM tb_order o $$);

-- through the partitioned tables
UPDATE tb_note SET body = 'n1 root' WHERE pk_note = 1;
INSERT INTO tb_line VALUES (3, 1, 2);
--! expect ["n1 root"]|[1, 2]
SELECT data->>'notes', data->>'lines' FROM tv_order WHERE pk_order = 1;
UPDATE tb_note SET body = 'n3 moved', fk_line = 3 WHERE pk_note = 170;
DELETE FROM tb_line WHERE pk_line = 2;
UPDATE tb_order SET ref = 'o1 root' WHERE pk_order = 1;
INSERT INTO tb_order VALUES (160, 'o160');
--! expect 1|o1 root|["n1 root", "n3 moved"]
--! expect 2|o2|<null>
--! expect 150|o150|<null>
--! expect 160|o160|<null>
SELECT pk_order, data->>'ref', data->>'notes' FROM tv_order ORDER BY 1;
-- a row moving between partitions of the same table
UPDATE tb_order SET pk_order = 120 WHERE pk_order = 2;
UPDATE tb_note SET pk_note = 199 WHERE pk_note = 1;

-- naming partitions directly
UPDATE tb_note_2b SET body = 'n1 sub-leaf' WHERE pk_note = 199;
INSERT INTO tb_line_1 VALUES (4, 1, 3);
UPDATE tb_note_2 SET body = 'n3 middle' WHERE pk_note = 170;
DELETE FROM tb_line_1 WHERE pk_line = 4;
UPDATE tb_order_1 SET ref = 'o1 leaf' WHERE pk_order = 1;
INSERT INTO tb_order_2 VALUES (170, 'o170');
--! expect o1 leaf|["n1 sub-leaf", "n3 middle"]|[1, 2]
SELECT data->>'ref', data->>'notes', data->>'lines' FROM tv_order WHERE pk_order = 1;
TRUNCATE tb_order_2;
--! expect 1
SELECT count(*) FROM tv_order;
INSERT INTO tb_order VALUES (120, 'o2'), (150, 'o150'), (160, 'o160');
--! expect all OK
SELECT coalesce(string_agg(component || ': ' || status || ': ' || message, ' ; '), 'all OK') FROM pg_tviews_health_check(false) WHERE status <> 'OK';

-- partitions created later, filled through the root
CREATE TABLE tb_note_3 PARTITION OF tb_note FOR VALUES FROM (200) TO (300);
INSERT INTO tb_note VALUES (210, 120, 'n4 new partition');
DO $$ BEGIN EXECUTE 'CREATE TABLE tb_order_3 PARTITION OF tb_order FOR VALUES FROM (200) TO (300)'; END $$;
INSERT INTO tb_order VALUES (250, 'o250');
INSERT INTO tb_line VALUES (5, 250, 1);
INSERT INTO tb_note VALUES (220, 5, 'n5');
--! expect 5|["n5"]
SELECT (SELECT count(*) FROM tv_order), data->>'notes' FROM tv_order WHERE pk_order = 250;

-- a new partition written directly, and a filled table attached: the health check names them, its
-- repair covers them
DO $$
BEGIN
    CREATE TABLE tb_note_4 PARTITION OF tb_note FOR VALUES FROM (300) TO (400);
    CREATE TABLE tb_line_3 (pk_line bigint NOT NULL, fk_order bigint NOT NULL, pos int NOT NULL);
    INSERT INTO tb_line_3 VALUES (205, 120, 5);
    ALTER TABLE tb_line ATTACH PARTITION tb_line_3 FOR VALUES FROM (200) TO (300);
    IF NOT EXISTS (SELECT 1 FROM pg_tviews_health_check(false) WHERE status <> 'OK') THEN
        RAISE EXCEPTION 'the health check does not report the attached partition';
    END IF;
    PERFORM pg_tviews_health_check();
END $$;
--! expect [5]
SELECT data->>'lines' FROM tv_order WHERE pk_order = 120;
INSERT INTO tb_line_3 VALUES (210, 1, 7);
INSERT INTO tb_note_4 VALUES (310, 210, 'n6');
--! expect [1, 2, 7]|["n1 sub-leaf", "n3 middle", "n6"]
SELECT data->>'lines', data->>'notes' FROM tv_order WHERE pk_order = 1;
DO $$
BEGIN
    ALTER TABLE tb_line DETACH PARTITION tb_line_3;
    PERFORM pg_tviews_health_check();
END $$;
UPDATE tb_line_3 SET pos = 9;
--! expect [1, 2]|<null>
SELECT data->>'lines', (SELECT data->>'lines' FROM tv_order WHERE pk_order = 120) FROM tv_order WHERE pk_order = 1;

TRUNCATE tb_note_1;
TRUNCATE tb_note;
--! expect 0
SELECT count(*) FROM tv_order WHERE data->'notes' <> 'null';
TRUNCATE tb_line, tb_note;
--! expect 0
SELECT count(*) FROM tv_order WHERE data->'lines' <> 'null';

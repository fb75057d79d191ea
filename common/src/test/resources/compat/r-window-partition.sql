-- Native regress/lineage/regress_window_partition: each customer with the label of their first live
-- order, the first order chosen by window functions partitioned by customer (ROW_NUMBER; RANK,
-- DENSE_RANK and FIRST_VALUE; ordered by a joined table's column). Writes move first rows out of
-- and between partitions. Plus windows that are not partitioned by the key, and a window in the
-- top-level SELECT (native: refused; here what our runtime does is asserted). The native FIRST_VALUE
-- orders by the date alone: two orders of one day would tie and the plan pick the label (refused
-- here, 0A000), so the key breaks ties.

CREATE TABLE tb_label (pk_label bigint PRIMARY KEY, rank int NOT NULL);
CREATE TABLE tb_customer (pk_customer bigint PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(), name text);
CREATE TABLE tb_order (pk_order bigint PRIMARY KEY, fk_customer bigint REFERENCES tb_customer, fk_label bigint REFERENCES tb_label,
    placed_on date, label text, deleted_at timestamptz, id uuid NOT NULL DEFAULT gen_random_uuid());
INSERT INTO tb_label VALUES (1, 1), (2, 2);
INSERT INTO tb_customer (pk_customer, name) VALUES (1, 'a'), (2, 'b'), (3, 'c');
INSERT INTO tb_order VALUES (10, 1, 1, '2026-01-01', 'first-a', NULL), (11, 1, 2, '2026-02-01', 'second-a', NULL), (20, 2, 1, '2026-01-05', 'first-b', NULL);

CREATE VIEW first_order_rn AS
SELECT fk_customer, label FROM (
    SELECT o.fk_customer, o.label, row_number() OVER (PARTITION BY o.fk_customer ORDER BY o.placed_on, o.pk_order) AS rn
    FROM tb_order o WHERE o.deleted_at IS NULL) s WHERE rn = 1;
CREATE VIEW first_order_ranks AS
SELECT fk_customer, label, last_label FROM (
    SELECT o.fk_customer, o.label, rank() OVER w AS r, dense_rank() OVER w AS dr,
           first_value(o.label) OVER (PARTITION BY o.fk_customer ORDER BY o.placed_on DESC, o.pk_order DESC) AS last_label
    FROM tb_order o WHERE o.deleted_at IS NULL WINDOW w AS (PARTITION BY o.fk_customer ORDER BY o.placed_on, o.pk_order)) s
WHERE r = 1 AND dr = 1;
CREATE VIEW first_order_by_label AS
SELECT fk_customer, label FROM (
    SELECT o.fk_customer, o.label, row_number() OVER (PARTITION BY o.fk_customer ORDER BY l.rank, o.pk_order) AS rn
    FROM tb_order o JOIN tb_label l ON l.pk_label = o.fk_label WHERE o.deleted_at IS NULL) s WHERE rn = 1;

--! expect created
SELECT pg_tviews_create('customer_rn', 'SELECT c.pk_customer AS pk_customer_rn, c.name, f.label AS first_order FROM tb_customer c LEFT JOIN first_order_rn f ON f.fk_customer = c.pk_customer');
--! expect created
SELECT pg_tviews_create('customer_ranks', 'SELECT c.pk_customer AS pk_customer_ranks, c.name, f.label AS first_order, f.last_label FROM tb_customer c LEFT JOIN first_order_ranks f ON f.fk_customer = c.pk_customer');
--! expect created
SELECT pg_tviews_create('customer_by_label', 'SELECT c.pk_customer AS pk_customer_by_label, c.name, f.label AS first_order FROM tb_customer c LEFT JOIN first_order_by_label f ON f.fk_customer = c.pk_customer');
--! expect first-a|first-a|first-a
SELECT (SELECT first_order FROM tv_customer_rn WHERE pk_customer_rn = 1), (SELECT first_order FROM tv_customer_ranks WHERE pk_customer_ranks = 1),
       (SELECT first_order FROM tv_customer_by_label WHERE pk_customer_by_label = 1);

UPDATE tb_order SET deleted_at = '2026-03-01' WHERE pk_order = 10;
--! expect second-a
SELECT first_order FROM tv_customer_rn WHERE pk_customer_rn = 1;
UPDATE tb_order SET fk_customer = 3 WHERE pk_order = 11;
--! expect <null>|second-a
SELECT (SELECT first_order FROM tv_customer_rn WHERE pk_customer_rn = 1), (SELECT first_order FROM tv_customer_rn WHERE pk_customer_rn = 3);
INSERT INTO tb_order VALUES (21, 2, 2, '2025-12-31', 'earlier-b', NULL);
--! expect earlier-b|earlier-b|first-b
SELECT (SELECT first_order FROM tv_customer_rn WHERE pk_customer_rn = 2), (SELECT first_order FROM tv_customer_ranks WHERE pk_customer_ranks = 2),
       (SELECT first_order FROM tv_customer_by_label WHERE pk_customer_by_label = 2);
DELETE FROM tb_order WHERE pk_order = 21;
UPDATE tb_order SET deleted_at = NULL, fk_customer = 1 WHERE pk_order IN (10, 11);
--! expect first-a|second-a
SELECT first_order, last_label FROM tv_customer_ranks WHERE pk_customer_ranks = 1;
UPDATE tb_label SET rank = 3 WHERE pk_label = 1;
--! expect second-a|first-a
SELECT (SELECT first_order FROM tv_customer_by_label WHERE pk_customer_by_label = 1), (SELECT first_order FROM tv_customer_rn WHERE pk_customer_rn = 1);

-- windows not partitioned by anything linked to the key: the native extension refuses them; we
-- register them (a change maps to every key where no link exists) and keep them exact
CREATE VIEW unpartitioned AS SELECT fk_customer, label FROM (SELECT o.fk_customer, o.label, count(*) OVER () AS n FROM tb_order o) s WHERE n > 0;
CREATE VIEW unlinked_partition AS
SELECT fk_customer, label FROM (SELECT o.fk_customer, o.label, row_number() OVER (PARTITION BY o.label ORDER BY o.pk_order) AS rn FROM tb_order o) s WHERE rn = 1;
--! expect created
SELECT pg_tviews_create('customer_unpartitioned', 'SELECT c.pk_customer AS pk_customer_unpartitioned, (SELECT max(f.label) FROM unpartitioned f WHERE f.fk_customer = c.pk_customer) AS first_order FROM tb_customer c');
--! expect created
SELECT pg_tviews_create('customer_unlinked', 'SELECT c.pk_customer AS pk_customer_unlinked, (SELECT max(f.label) FROM unlinked_partition f WHERE f.fk_customer = c.pk_customer) AS first_order FROM tb_customer c');
-- a window in the top-level SELECT: its value depends on other rows of the TVIEW
--! expect created
SELECT pg_tviews_create('order_rank', 'SELECT o.pk_order, o.label, row_number() OVER (PARTITION BY o.fk_customer ORDER BY o.pk_order) AS rn FROM tb_order o');
UPDATE tb_order SET fk_customer = 2 WHERE pk_order = 10;
INSERT INTO tb_order VALUES (5, 2, 1, '2020-01-01', 'oldest-b', NULL);
UPDATE tb_order SET label = 'renamed' WHERE pk_order = 11;
DELETE FROM tb_order WHERE pk_order = 20;
--! expect 5|1
--! expect 10|2
--! expect 11|1
SELECT pk_order, rn FROM tv_order_rank ORDER BY 1;

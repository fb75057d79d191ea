-- Native regress/lineage/regress_first_row_join: each customer with the product of their first live
-- order, the first order chosen by ROW_NUMBER, by DISTINCT ON, and by DISTINCT ON inside a view;
-- writes rename products, change which order is first, change the first order's product, soft-delete
-- it, delete and re-insert a product. The control (per product, how many customers' first order is
-- of it) is refused by the native extension unless full refresh; here what our runtime does.

CREATE TABLE tb_product (pk_product bigint PRIMARY KEY, name text);
CREATE TABLE tb_customer (pk_customer bigint PRIMARY KEY, name text);
CREATE TABLE tb_order (pk_order bigint PRIMARY KEY, fk_customer bigint REFERENCES tb_customer, fk_product bigint, placed_on date, deleted_at timestamptz);
INSERT INTO tb_product VALUES (1, 'p1'), (2, 'p2'), (3, 'p3');
INSERT INTO tb_customer VALUES (1, 'c1'), (2, 'c2'), (3, 'c3');
INSERT INTO tb_order VALUES (10, 1, 1, '2026-01-01', NULL), (11, 1, 2, '2026-02-01', NULL), (20, 2, 2, '2026-01-05', NULL), (30, 3, 3, '2026-03-01', NULL);

CREATE VIEW first_order AS
SELECT DISTINCT ON (o.fk_customer) o.fk_customer, o.fk_product FROM tb_order o WHERE o.deleted_at IS NULL ORDER BY o.fk_customer, o.placed_on, o.pk_order;

--! expect created
SELECT pg_tviews_create('customer_rn', $$
    SELECT c.pk_customer AS pk_customer_rn, c.name, p.name AS first_product
    FROM tb_customer c
    LEFT JOIN (SELECT o.fk_customer, o.fk_product, row_number() OVER (PARTITION BY o.fk_customer ORDER BY o.placed_on, o.pk_order) AS rn
               FROM tb_order o WHERE o.deleted_at IS NULL) f ON f.fk_customer = c.pk_customer AND f.rn = 1
    LEFT JOIN tb_product p ON p.pk_product = f.fk_product $$);
--! expect created
SELECT pg_tviews_create('customer_do', $$
    SELECT c.pk_customer AS pk_customer_do, c.name, p.name AS first_product
    FROM tb_customer c
    LEFT JOIN (SELECT DISTINCT ON (o.fk_customer) o.fk_customer, o.fk_product FROM tb_order o WHERE o.deleted_at IS NULL
               ORDER BY o.fk_customer, o.placed_on, o.pk_order) f ON f.fk_customer = c.pk_customer
    LEFT JOIN tb_product p ON p.pk_product = f.fk_product $$);
--! expect created
SELECT pg_tviews_create('customer_nested', $$
    SELECT c.pk_customer AS pk_customer_nested, c.name, p.name AS first_product
    FROM tb_customer c LEFT JOIN first_order f ON f.fk_customer = c.pk_customer LEFT JOIN tb_product p ON p.pk_product = f.fk_product $$);
--! expect created
SELECT pg_tviews_create('product', $$
    SELECT p.pk_product, p.name, (SELECT count(*) FROM first_order f WHERE f.fk_product = p.pk_product) AS first_buyers FROM tb_product p $$);
--! expect p1|p1|p1|1|1|1
SELECT (SELECT first_product FROM tv_customer_rn WHERE pk_customer_rn = 1), (SELECT first_product FROM tv_customer_do WHERE pk_customer_do = 1),
       (SELECT first_product FROM tv_customer_nested WHERE pk_customer_nested = 1),
       (SELECT first_buyers FROM tv_product WHERE pk_product = 1), (SELECT first_buyers FROM tv_product WHERE pk_product = 2),
       (SELECT first_buyers FROM tv_product WHERE pk_product = 3);

UPDATE tb_product SET name = 'P1' WHERE pk_product = 1;
UPDATE tb_product SET name = 'P2' WHERE pk_product = 2;
UPDATE tb_order SET placed_on = '2026-03-01' WHERE pk_order = 10;
--! expect P2|P2|P2|0|2
SELECT (SELECT first_product FROM tv_customer_rn WHERE pk_customer_rn = 1), (SELECT first_product FROM tv_customer_do WHERE pk_customer_do = 1),
       (SELECT first_product FROM tv_customer_nested WHERE pk_customer_nested = 1),
       (SELECT first_buyers FROM tv_product WHERE pk_product = 1), (SELECT first_buyers FROM tv_product WHERE pk_product = 2);
UPDATE tb_order SET fk_product = 3 WHERE pk_order = 11;
UPDATE tb_order SET deleted_at = '2026-04-01' WHERE pk_order = 11;
--! expect P1|1|1|1
SELECT (SELECT first_product FROM tv_customer_nested WHERE pk_customer_nested = 1),
       (SELECT first_buyers FROM tv_product WHERE pk_product = 1), (SELECT first_buyers FROM tv_product WHERE pk_product = 2),
       (SELECT first_buyers FROM tv_product WHERE pk_product = 3);
DELETE FROM tb_product WHERE pk_product = 1;
--! expect <null>|2
SELECT (SELECT first_product FROM tv_customer_rn WHERE pk_customer_rn = 1), (SELECT count(*) FROM tv_product);
INSERT INTO tb_product VALUES (1, 'p1');
UPDATE tb_product SET name = 'p' || pk_product;
UPDATE tb_order SET placed_on = '2026-01-01' WHERE pk_order = 10;
UPDATE tb_order SET fk_product = 2, deleted_at = NULL WHERE pk_order = 11;
--! expect p1|p1|p1|1
SELECT (SELECT first_product FROM tv_customer_rn WHERE pk_customer_rn = 1), (SELECT first_product FROM tv_customer_do WHERE pk_customer_do = 1),
       (SELECT first_product FROM tv_customer_nested WHERE pk_customer_nested = 1), (SELECT first_buyers FROM tv_product WHERE pk_product = 1);

-- Native test 94-batch-array-ops, its TVIEW part (the rest tests native jsonb_delta helpers): an
-- order whose document lists a fixed set of products through a subquery not tied to the order,
-- plus now() columns. Updating two prices in one statement reaches every order. As in 93, now() is
-- refused (0A000) and the definition without it is maintained (a product change maps to every order).

CREATE TABLE tb_product (pk_product bigserial PRIMARY KEY, id uuid DEFAULT gen_random_uuid(), name text, price decimal(10,2));
CREATE TABLE tb_order (pk_order bigserial PRIMARY KEY, id uuid DEFAULT gen_random_uuid(), customer_name text);
INSERT INTO tb_product (name, price) VALUES ('Laptop', 999.99), ('Mouse', 29.99), ('Keyboard', 79.99);
INSERT INTO tb_order (customer_name) VALUES ('John Doe');

--! error 0A000
SELECT pg_tviews_create('order', $$
    SELECT o.pk_order, o.id, o.customer_name,
           jsonb_build_object('items', coalesce((SELECT jsonb_agg(jsonb_build_object('id', p.id, 'name', p.name, 'price', p.price))
                                                 FROM tb_product p WHERE p.pk_product IN (1, 2, 3)), '[]'::jsonb)) AS data,
           now() AS created_at, now() AS updated_at
    FROM tb_order o $$);
--! expect created
SELECT pg_tviews_create('order', $$
    SELECT o.pk_order, o.id, o.customer_name,
           jsonb_build_object('items', coalesce((SELECT jsonb_agg(jsonb_build_object('id', p.id, 'name', p.name, 'price', p.price) ORDER BY p.pk_product)
                                                 FROM tb_product p WHERE p.pk_product IN (1, 2, 3)), '[]'::jsonb)) AS data
    FROM tb_order o $$);

UPDATE tb_product SET price = price * 1.1 WHERE pk_product IN (1, 2);
--! expect 1099.99|32.99|79.99
SELECT data#>>'{items,0,price}', data#>>'{items,1,price}', data#>>'{items,2,price}' FROM tv_order WHERE pk_order = 1;

INSERT INTO tb_order (customer_name) VALUES ('Jane Roe');
INSERT INTO tb_product (name, price) VALUES ('Monitor', 199.00);
DELETE FROM tb_product WHERE pk_product = 3;
--! expect 2|2
SELECT count(*), max(jsonb_array_length(data->'items')) FROM tv_order;
-- a product change refreshes every order (refresh_mode full for that relation only), an order change its own row
--! expect tb_order|incremental
--! expect tb_product|full
SELECT source_oid::regclass::text, refresh_mode FROM pg_tview_source WHERE entity_name = 'order' ORDER BY 1;

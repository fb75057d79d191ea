-- Native test 96-fallback-comprehensive, its TVIEW: an order with its customer and its items, each
-- item with its product (four tables, LEFT JOINs, GROUP BY, FILTER, a timestamptz). The native test
-- then refills tv_order by hand and edits it with its jsonb_delta helpers, which are not part of the
-- shared API; here the same changes are made to the base tables and must reach the TVIEW.

CREATE TABLE tb_user (pk_user bigserial PRIMARY KEY, id uuid DEFAULT gen_random_uuid(), name text, email text, profile jsonb DEFAULT '{}'::jsonb);
CREATE TABLE tb_product (pk_product bigserial PRIMARY KEY, id uuid DEFAULT gen_random_uuid(), name text, price numeric(10,2), category text);
CREATE TABLE tb_order (pk_order bigserial PRIMARY KEY, id uuid DEFAULT gen_random_uuid(), fk_user bigint REFERENCES tb_user (pk_user),
    status text, created_at timestamptz DEFAULT now());
CREATE TABLE tb_order_item (pk_order_item bigserial PRIMARY KEY, id uuid DEFAULT gen_random_uuid(), fk_order bigint REFERENCES tb_order (pk_order),
    fk_product bigint REFERENCES tb_product (pk_product), quantity int, price_at_order numeric(10,2));

--! expect created
SELECT pg_tviews_create('order', $$
    SELECT o.pk_order, o.id, o.fk_user,
           jsonb_build_object('id', o.id, 'status', o.status, 'created_at', o.created_at,
               'customer', jsonb_build_object('id', u.id, 'name', u.name, 'email', u.email, 'profile', u.profile),
               'items', coalesce(jsonb_agg(jsonb_build_object('id', oi.id, 'quantity', oi.quantity, 'price', oi.price_at_order,
                                                              'product', jsonb_build_object('id', p.id, 'name', p.name, 'category', p.category))
                                           ORDER BY oi.pk_order_item) FILTER (WHERE oi.pk_order_item IS NOT NULL), '[]'::jsonb)) AS data
    FROM tb_order o
    LEFT JOIN tb_user u ON u.pk_user = o.fk_user
    LEFT JOIN tb_order_item oi ON oi.fk_order = o.pk_order
    LEFT JOIN tb_product p ON p.pk_product = oi.fk_product
    GROUP BY o.pk_order, o.id, o.status, o.created_at, u.id, u.name, u.email, u.profile $$);
--! expect 0
SELECT count(*) FROM tv_order;

INSERT INTO tb_user (name, email, profile) VALUES ('Alice', 'alice@example.com', '{"theme": "light", "language": "en"}'), ('Bob', 'bob@example.com', '{"theme": "dark", "language": "fr"}');
INSERT INTO tb_product (name, price, category) VALUES ('Widget A', 10.00, 'widgets'), ('Widget B', 20.00, 'widgets'), ('Gadget C', 30.00, 'gadgets');
INSERT INTO tb_order (fk_user, status) VALUES (1, 'pending');
INSERT INTO tb_order_item (fk_order, fk_product, quantity, price_at_order) VALUES (1, 1, 2, 10.00), (1, 2, 1, 20.00);
--! expect 2|Alice|Widget A
SELECT jsonb_array_length(data->'items'), data#>>'{customer,name}', data#>>'{items,0,product,name}' FROM tv_order WHERE pk_order = 1;

UPDATE tb_product SET name = 'Widget A+' WHERE pk_product = 1;
--! expect Widget A+
SELECT data#>>'{items,0,product,name}' FROM tv_order WHERE pk_order = 1;
UPDATE tb_order_item SET quantity = 5, price_at_order = 9.50 WHERE pk_order_item = 2;
--! expect 5|9.50
SELECT data#>>'{items,1,quantity}', data#>>'{items,1,price}' FROM tv_order WHERE pk_order = 1;
UPDATE tb_user SET profile = jsonb_set(profile, '{theme}', '"dark"') WHERE pk_user = 1;
--! expect dark
SELECT data#>>'{customer,profile,theme}' FROM tv_order WHERE pk_order = 1;
UPDATE tb_order SET fk_user = 2, status = 'shipped', created_at = '2025-06-01 12:00:00+00' WHERE pk_order = 1;
--! expect Bob|shipped|2025-06-01T12:00:00+00:00
SELECT data#>>'{customer,name}', data->>'status', data->>'created_at' FROM tv_order WHERE pk_order = 1;
UPDATE tb_order_item SET fk_product = 3 WHERE pk_order_item = 1;
--! expect Gadget C|gadgets
SELECT data#>>'{items,0,product,name}', data#>>'{items,0,product,category}' FROM tv_order WHERE pk_order = 1;
DELETE FROM tb_order_item WHERE fk_order = 1;
--! expect 0
SELECT jsonb_array_length(data->'items') FROM tv_order WHERE pk_order = 1;

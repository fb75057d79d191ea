-- Native test 100-multi-table-integration (quarantined upstream): three summaries over a shop schema
-- (users, a category tree, products, orders, items), each joining grouped subqueries, some with
-- correlated subqueries ordered and cut to one row inside them. Then a new order with items and an
-- order total update, the tables emptied and rebuilt. Differences: keys renamed from "id" to pk_*;
-- ties in "favourite"/"top" picks broken by name, and the top product's by its key too (the native
-- definitions leave them to chance, which no engine can keep equal to its view: refused, 0A000); the native expectation that Electronics has stock 255 does
-- not match its own definition (Electronics has no product of its own: 0), here the view's values.

CREATE TABLE mt_users (pk_user bigint PRIMARY KEY, email text NOT NULL UNIQUE, name text NOT NULL, balance decimal(10,2) DEFAULT 0.00, created_at timestamptz DEFAULT now());
CREATE TABLE mt_categories (pk_category bigint PRIMARY KEY, name text NOT NULL UNIQUE, description text, parent_category bigint REFERENCES mt_categories,
    created_at timestamptz DEFAULT now());
CREATE TABLE mt_products (pk_product bigint PRIMARY KEY, fk_category bigint NOT NULL REFERENCES mt_categories, name text NOT NULL, price decimal(10,2) NOT NULL,
    stock_quantity integer NOT NULL DEFAULT 0, created_at timestamptz DEFAULT now());
CREATE TABLE mt_orders (pk_order bigint PRIMARY KEY, fk_user bigint NOT NULL REFERENCES mt_users, status text NOT NULL DEFAULT 'pending',
    total_amount decimal(10,2) NOT NULL DEFAULT 0.00, created_at timestamptz DEFAULT now());
CREATE TABLE mt_order_items (pk_item bigint PRIMARY KEY, fk_order bigint NOT NULL REFERENCES mt_orders, fk_product bigint NOT NULL REFERENCES mt_products,
    quantity integer NOT NULL, unit_price decimal(10,2) NOT NULL, created_at timestamptz DEFAULT now());

INSERT INTO mt_users VALUES (1, 'alice@shop.com', 'Alice Johnson', 1000.00), (2, 'bob@shop.com', 'Bob Smith', 500.00), (3, 'carol@shop.com', 'Carol Williams', 750.00);
INSERT INTO mt_categories VALUES (10, 'Electronics', 'Electronic devices', NULL), (11, 'Laptops', 'Portable computers', 10), (12, 'Phones', 'Mobile devices', 10),
    (20, 'Books', 'Reading materials', NULL), (21, 'Fiction', 'Fiction books', 20);
INSERT INTO mt_products VALUES (100, 11, 'MacBook Pro', 2500.00, 50), (101, 11, 'Dell XPS', 1800.00, 30), (102, 12, 'iPhone 15', 1200.00, 100),
    (103, 12, 'Samsung Galaxy', 900.00, 75), (200, 21, 'The Great Gatsby', 15.99, 200), (201, 21, '1984', 12.99, 150);
INSERT INTO mt_orders VALUES (1000, 1, 'completed', 3820.00), (1001, 2, 'pending', 2715.99), (1002, 1, 'shipped', 15.99);
INSERT INTO mt_order_items VALUES (10000, 1000, 100, 1, 2500.00), (10001, 1000, 102, 1, 1200.00), (10002, 1000, 200, 1, 15.99), (10003, 1001, 101, 1, 1800.00),
    (10004, 1001, 103, 1, 900.00), (10005, 1001, 201, 1, 12.99), (10006, 1002, 200, 1, 15.99);

--! expect created
SELECT pg_tviews_create('mt_user_summary', $$
    SELECT u.pk_user AS pk_mt_user_summary,
           jsonb_build_object('email', u.email, 'name', u.name, 'balance', u.balance,
               'order_stats', coalesce(os.stats, jsonb_build_object('total_orders', 0, 'total_spent', 0.00, 'avg_order_value', 0.00)),
               'favorite_category', coalesce(os.fav_category, 'none')) AS data
    FROM mt_users u
    LEFT JOIN (
        SELECT o.fk_user,
               (SELECT c.name FROM mt_categories c JOIN mt_products p ON p.fk_category = c.pk_category
                  JOIN mt_order_items oi ON oi.fk_product = p.pk_product JOIN mt_orders o2 ON o2.pk_order = oi.fk_order
                 WHERE o2.fk_user = o.fk_user GROUP BY c.pk_category, c.name ORDER BY count(*) DESC, c.name LIMIT 1) AS fav_category,
               jsonb_build_object('total_orders', count(DISTINCT o.pk_order), 'total_spent', sum(o.total_amount), 'avg_order_value', round(avg(o.total_amount), 2)) AS stats
        FROM mt_orders o GROUP BY o.fk_user) os ON os.fk_user = u.pk_user $$);

--! expect created
SELECT pg_tviews_create('mt_product_summary', $$
    SELECT p.pk_product AS pk_mt_product_summary,
           jsonb_build_object('name', p.name, 'price', p.price, 'stock_quantity', p.stock_quantity, 'category', c.name,
               'sales_stats', coalesce(s.stats, jsonb_build_object('total_sold', 0, 'revenue', 0.00, 'avg_quantity_per_order', 0.00))) AS data
    FROM mt_products p JOIN mt_categories c ON c.pk_category = p.fk_category
    LEFT JOIN (SELECT oi.fk_product,
                      jsonb_build_object('total_sold', sum(oi.quantity), 'revenue', sum(oi.quantity * oi.unit_price), 'avg_quantity_per_order', round(avg(oi.quantity), 2)) AS stats
               FROM mt_order_items oi GROUP BY oi.fk_product) s ON s.fk_product = p.pk_product $$);

--! expect created
SELECT pg_tviews_create('mt_category_summary', $$
    SELECT c.pk_category AS pk_mt_category_summary,
           jsonb_build_object('name', c.name, 'description', c.description, 'parent_name', coalesce(parent.name, 'root'),
               'product_count', coalesce(ps.product_count, 0), 'total_stock', coalesce(ps.total_stock, 0),
               'sales_performance', coalesce(sales.performance, jsonb_build_object('total_revenue', 0.00, 'top_product', null))) AS data
    FROM mt_categories c
    LEFT JOIN mt_categories parent ON parent.pk_category = c.parent_category
    LEFT JOIN (SELECT p.fk_category, count(*) AS product_count, sum(p.stock_quantity) AS total_stock FROM mt_products p GROUP BY p.fk_category) ps
           ON ps.fk_category = c.pk_category
    LEFT JOIN (SELECT cat.pk_category,
                      jsonb_build_object('total_revenue', sum(oi.quantity * oi.unit_price),
                          'top_product', (SELECT jsonb_build_object('name', p.name, 'revenue', sum(oi2.quantity * oi2.unit_price))
                                            FROM mt_order_items oi2 JOIN mt_products p ON p.pk_product = oi2.fk_product
                                           WHERE p.fk_category = cat.pk_category GROUP BY p.pk_product, p.name
                                           ORDER BY sum(oi2.quantity * oi2.unit_price) DESC, p.name, p.pk_product LIMIT 1)) AS performance
               FROM mt_categories cat JOIN mt_products prod ON prod.fk_category = cat.pk_category
               LEFT JOIN mt_order_items oi ON oi.fk_product = prod.pk_product GROUP BY cat.pk_category) sales ON sales.pk_category = c.pk_category $$);

--! expect 3|6|5
SELECT (SELECT count(*) FROM tv_mt_user_summary), (SELECT count(*) FROM tv_mt_product_summary), (SELECT count(*) FROM tv_mt_category_summary);
--! expect Fiction|Fiction|none
SELECT string_agg(data->>'favorite_category', '|' ORDER BY pk_mt_user_summary) FROM tv_mt_user_summary;

INSERT INTO mt_orders VALUES (1003, 3, 'completed', 0.00);
INSERT INTO mt_order_items VALUES (10007, 1003, 100, 1, 2500.00), (10008, 1003, 103, 1, 900.00), (10009, 1003, 200, 2, 15.99);
UPDATE mt_orders SET total_amount = 3431.98 WHERE pk_order = 1003;
--! expect 1|3431.98|Fiction
SELECT data#>>'{order_stats,total_orders}', data#>>'{order_stats,total_spent}', data->>'favorite_category' FROM tv_mt_user_summary WHERE pk_mt_user_summary = 3;
--! expect 2|5000.00
SELECT data#>>'{sales_stats,total_sold}', data#>>'{sales_stats,revenue}' FROM tv_mt_product_summary WHERE pk_mt_product_summary = 100;
--! expect 0|Electronics
--! expect 80|Laptops
--! expect 175|Phones
SELECT (data->>'total_stock')::int, data->>'name' FROM tv_mt_category_summary WHERE pk_mt_category_summary IN (10, 11, 12) ORDER BY 2;
--! expect MacBook Pro|5000.00
SELECT data#>>'{sales_performance,top_product,name}', data#>>'{sales_performance,top_product,revenue}' FROM tv_mt_category_summary WHERE pk_mt_category_summary = 11;

-- beyond the native test: a product moved to another category, a category renamed, a price change
UPDATE mt_products SET fk_category = 12 WHERE pk_product = 101;
UPDATE mt_categories SET name = 'Mobiles' WHERE pk_category = 12;
UPDATE mt_order_items SET quantity = 3 WHERE pk_item = 10005;
--! expect 1|2|Mobiles
SELECT (SELECT (data->>'product_count')::int FROM tv_mt_category_summary WHERE pk_mt_category_summary = 11),
       (SELECT data#>>'{sales_stats,total_sold}' FROM tv_mt_product_summary WHERE pk_mt_product_summary = 201)::int - 1,
       (SELECT data->>'category' FROM tv_mt_product_summary WHERE pk_mt_product_summary = 101);

DO $$
BEGIN
    TRUNCATE tv_mt_user_summary, tv_mt_product_summary, tv_mt_category_summary;
    PERFORM pg_tviews_refresh_all();
END $$;
--! expect 3|6|5
SELECT (SELECT count(*) FROM tv_mt_user_summary), (SELECT count(*) FROM tv_mt_product_summary), (SELECT count(*) FROM tv_mt_category_summary);

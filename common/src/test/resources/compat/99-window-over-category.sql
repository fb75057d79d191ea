-- Native test 99-performance-validation, without the timing: a TVIEW whose document carries, per
-- item, the average price of its category and its price rank within it (top-level window functions
-- partitioned by a non-key column), over 2,000 items; then 200 prices changed in one statement,
-- the table emptied and rebuilt. Differences: key "pk_item AS id" renamed to pk_*; the native
-- LOGGED/UNLOGGED setting does not exist here; the native data are random(), here fixed.

CREATE TABLE perf_base (pk_item bigint PRIMARY KEY, name text NOT NULL, category text NOT NULL, price decimal(10,2) NOT NULL, metadata jsonb);
INSERT INTO perf_base
SELECT i, 'Product ' || i, 'Category ' || (i % 10), ((i * 7919) % 1000)::numeric(10,2) + 0.5,
       jsonb_build_object('tags', jsonb_build_array('tag' || (i % 5), 'tag' || (i % 3)))
FROM generate_series(1, 2000) i;

--! expect created
SELECT pg_tviews_create('perf_logged', $$
    SELECT pk_item AS pk_perf_logged,
           jsonb_build_object('name', name, 'category', category, 'price', price, 'metadata', metadata,
               'stats', jsonb_build_object('category_avg_price', round(avg(price) OVER (PARTITION BY category), 4),
                                           'category_rank', row_number() OVER (PARTITION BY category ORDER BY price DESC, pk_item))) AS data
    FROM perf_base $$);
--! expect 2000|200
SELECT count(*), max((data#>>'{stats,category_rank}')::int) FROM tv_perf_logged;

UPDATE perf_base SET price = price * 1.1 WHERE pk_item % 10 = 3;
--! expect 2000|t
SELECT count(*), bool_and((data->>'price')::numeric = p.price) FROM tv_perf_logged t JOIN perf_base p ON p.pk_item = t.pk_perf_logged;
UPDATE perf_base SET category = 'Category X' WHERE pk_item <= 5;
--! expect 5|5
SELECT count(*), max((data#>>'{stats,category_rank}')::int) FROM tv_perf_logged WHERE data->>'category' = 'Category X';
DELETE FROM perf_base WHERE pk_item BETWEEN 100 AND 199;
--! expect 1900
SELECT count(*) FROM tv_perf_logged;

DO $$
BEGIN
    TRUNCATE tv_perf_logged;
    PERFORM pg_tviews_refresh('perf_logged');
END $$;
--! expect 1900
SELECT count(*) FROM tv_perf_logged;

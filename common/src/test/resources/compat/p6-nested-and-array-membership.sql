-- Native phase_6_text_array_extraction_integration: author -> book -> review, each embedding the
-- one above through LEFT JOINs of base tables (not of TVIEWs), and a product listing the categories
-- whose keys are in its bigint[] column (= ANY). The native test also reads its dependency_paths
-- catalogue column; ours is pg_tview_source. Its verification joins read a document 'id' key that
-- the documents do not have; here the joins use the key columns.

CREATE TABLE tb_author (pk_author bigint PRIMARY KEY, name text);
CREATE TABLE tb_book (pk_book bigint PRIMARY KEY, fk_author bigint, title text);
CREATE TABLE tb_review (pk_review bigint PRIMARY KEY, fk_book bigint, rating integer, comment text);

--! expect created
SELECT pg_tviews_create('author', $$SELECT pk_author, jsonb_build_object('name', name) AS data FROM tb_author$$);
--! expect created
SELECT pg_tviews_create('book', $$
    SELECT b.pk_book, jsonb_build_object('fk_author', b.fk_author, 'title', b.title, 'author', jsonb_build_object('name', a.name)) AS data
    FROM tb_book b LEFT JOIN tb_author a ON b.fk_author = a.pk_author $$);
--! expect created
SELECT pg_tviews_create('review', $$
    SELECT r.pk_review,
           jsonb_build_object('fk_book', r.fk_book, 'rating', r.rating, 'comment', r.comment,
                              'book', jsonb_build_object('title', b.title, 'author', jsonb_build_object('name', a.name))) AS data
    FROM tb_review r LEFT JOIN tb_book b ON r.fk_book = b.pk_book LEFT JOIN tb_author a ON b.fk_author = a.pk_author $$);

INSERT INTO tb_author VALUES (1, 'Stephen King'), (2, 'J.K. Rowling');
INSERT INTO tb_book VALUES (1, 1, 'The Shining'), (2, 2, 'Harry Potter');
INSERT INTO tb_review VALUES (1, 1, 5, 'Scary!'), (2, 2, 4, 'Magical!');

-- no foreign keys here: the links come from the join conditions
--! expect author|tb_author
--! expect book|tb_author,tb_book
--! expect review|tb_author,tb_book,tb_review
SELECT entity_name, string_agg(source_oid::regclass::text, ',' ORDER BY source_oid::regclass::text) FROM pg_tview_source GROUP BY 1 ORDER BY 1;

BEGIN;
UPDATE tb_author SET name = 'Stephen King (Updated)' WHERE pk_author = 1;
COMMIT;
--! expect Stephen King (Updated)|The Shining|Stephen King (Updated)|The Shining|Stephen King (Updated)
SELECT a.data->>'name', b.data->>'title', b.data#>>'{author,name}', r.data#>>'{book,title}', r.data#>>'{book,author,name}'
FROM tv_author a JOIN tv_book b ON (b.data->>'fk_author')::bigint = a.pk_author JOIN tv_review r ON (r.data->>'fk_book')::bigint = b.pk_book
WHERE a.pk_author = 1;

BEGIN;
UPDATE tb_book SET title = 'The Shining (Updated)' WHERE pk_book = 1;
UPDATE tb_review SET comment = 'Still scary!' WHERE pk_review = 1;
COMMIT;
--! expect The Shining (Updated)|Still scary!
SELECT data#>>'{book,title}', data->>'comment' FROM tv_review WHERE pk_review = 1;
-- re-pointing a book to another author
UPDATE tb_book SET fk_author = 2 WHERE pk_book = 1;
--! expect J.K. Rowling
SELECT data#>>'{book,author,name}' FROM tv_review WHERE pk_review = 1;

CREATE TABLE tb_category (pk_category bigint PRIMARY KEY, name text);
CREATE TABLE tb_product (pk_product bigint PRIMARY KEY, name text, category_ids bigint[]);
INSERT INTO tb_category VALUES (1, 'Books'), (2, 'Electronics');
INSERT INTO tb_product VALUES (1, 'Kindle', ARRAY[1, 2]);
--! expect created
SELECT pg_tviews_create('category', $$SELECT pk_category, jsonb_build_object('name', name) AS data FROM tb_category$$);
--! expect created
SELECT pg_tviews_create('product', $$
    SELECT p.pk_product,
           jsonb_build_object('name', p.name,
               'categories', (SELECT jsonb_agg(jsonb_build_object('name', c.name) ORDER BY c.pk_category) FROM tb_category c WHERE c.pk_category = ANY (p.category_ids))) AS data
    FROM tb_product p $$);

BEGIN;
UPDATE tb_category SET name = 'Books & Media' WHERE pk_category = 1;
--! expect [{"name": "Books & Media"}, {"name": "Electronics"}]
SELECT data->>'categories' FROM tv_product WHERE pk_product = 1;
COMMIT;
INSERT INTO tb_category VALUES (3, 'Gadgets');
UPDATE tb_product SET category_ids = category_ids || 3::bigint;
--! expect 3
SELECT jsonb_array_length(data->'categories') FROM tv_product;
DELETE FROM tb_category WHERE pk_category = 2;
--! expect [{"name": "Books & Media"}, {"name": "Gadgets"}]
SELECT data->>'categories' FROM tv_product;

DROP TABLE tb_author CASCADE;
DROP TABLE tb_book CASCADE;
DROP TABLE tb_review CASCADE;
DROP TABLE tb_category CASCADE;
DROP TABLE tb_product CASCADE;
SELECT pg_tviews_drop('author');
SELECT pg_tviews_drop('book');
SELECT pg_tviews_drop('review');
SELECT pg_tviews_drop('category');
SELECT pg_tviews_drop('product');
--! expect 0
SELECT count(*) FROM pg_tview_meta;

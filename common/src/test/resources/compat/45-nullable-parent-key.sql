-- Native test 45 (nullable foreign key): articles embed their author through helper views and a
-- LEFT JOIN; articles without author (NULL key) must appear with a JSON null author, gain one by an
-- update, lose it again, and a bulk insert mixes both.

CREATE TABLE tb_author (pk_author integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE, name text NOT NULL);
CREATE TABLE tb_article (pk_article integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    fk_author integer REFERENCES tb_author (pk_author), title text NOT NULL);
INSERT INTO tb_author (name) VALUES ('Alice'), ('Bob');
CREATE VIEW author_prepared AS SELECT pk_author, id, jsonb_build_object('id', id::text, 'name', name) AS data FROM tb_author;
CREATE VIEW article_prepared AS
SELECT a.pk_article, a.id, a.fk_author, jsonb_build_object('id', a.id::text, 'title', a.title, 'author', ap.data) AS data
FROM tb_article a LEFT JOIN author_prepared ap ON ap.pk_author = a.fk_author;

--! expect created
SELECT pg_tviews_create('tv_author', 'SELECT pk_author, id, data FROM author_prepared');
--! expect created
SELECT pg_tviews_create('tv_article', 'SELECT pk_article, id, fk_author, data FROM article_prepared');

INSERT INTO tb_article (title) VALUES ('Orphan Article');
--! expect 1|null
SELECT count(*), min((data->'author')::text) FROM tv_article WHERE fk_author IS NULL;

INSERT INTO tb_article (fk_author, title) VALUES (1, 'Alice Article');
--! expect Alice Article|Alice
SELECT data->>'title', data#>>'{author,name}' FROM tv_article WHERE fk_author = 1;

UPDATE tb_article SET fk_author = 2 WHERE fk_author IS NULL;
--! expect Bob
SELECT data#>>'{author,name}' FROM tv_article WHERE data->>'title' = 'Orphan Article';

UPDATE tb_article SET fk_author = NULL WHERE title = 'Orphan Article';
--! expect t|null
SELECT fk_author IS NULL, (data->'author')::text FROM tv_article WHERE data->>'title' = 'Orphan Article';

INSERT INTO tb_article (fk_author, title) VALUES (NULL, 'Bulk Orphan 1'), (1, 'Bulk Alice 1'), (NULL, 'Bulk Orphan 2'), (2, 'Bulk Bob 1'), (NULL, 'Bulk Orphan 3');
--! expect 4|3
SELECT count(*) FILTER (WHERE fk_author IS NULL), count(*) FILTER (WHERE fk_author IS NOT NULL) FROM tv_article;
--! expect Bob
SELECT data#>>'{author,name}' FROM tv_article WHERE data->>'title' = 'Bulk Bob 1';
-- beyond the native test: the author's rename reaches the articles that have one
UPDATE tb_author SET name = 'Alicia' WHERE pk_author = 1;
--! expect 2
SELECT count(*) FROM tv_article WHERE data#>>'{author,name}' = 'Alicia';

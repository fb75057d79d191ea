-- Native test 41 (single-row refresh, no cascade): a TVIEW over a helper view of one table; scalar,
-- multi-column, whole-row and NULL updates each change exactly the row written. The native test reads
-- an updated_at column it adds to every tv_ table; ours has only the view's columns, so "the other
-- rows were not rewritten" is checked through their physical row versions (xmin) instead.

CREATE TABLE tb_article (
    pk_article integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    title text NOT NULL,
    body text,
    status text DEFAULT 'draft',
    view_count integer DEFAULT 0
);
INSERT INTO tb_article (title, body, status, view_count) VALUES
    ('First Article', 'First body', 'published', 100),
    ('Second Article', 'Second body', 'draft', 5),
    ('Third Article', 'Third body', 'published', 50);

-- a plain view the TVIEW reads through (the native test needs one to get past its parser)
CREATE VIEW article_prepared AS
SELECT pk_article, id,
       jsonb_build_object('id', id::text, 'title', title, 'body', body, 'status', status, 'viewCount', view_count) AS data
FROM tb_article;

--! expect created
SELECT pg_tviews_create('tv_article', 'SELECT pk_article, id, data FROM article_prepared');

--! expect 3|1|2|155
SELECT count(*), count(*) FILTER (WHERE data->>'title' = 'First Article'),
       count(*) FILTER (WHERE data->>'status' = 'published'), sum((data->>'viewCount')::int)
FROM tv_article;

CREATE TEMP TABLE versions_before AS SELECT pk_article, xmin::text AS v FROM tv_article;

UPDATE tb_article SET title = 'First Article - Updated' WHERE pk_article = 1;
--! expect First Article - Updated
SELECT data->>'title' FROM tv_article WHERE pk_article = 1;
-- only row 1 was rewritten
--! expect 1
SELECT t.pk_article FROM tv_article t JOIN versions_before b USING (pk_article) WHERE t.xmin::text <> b.v;

UPDATE tb_article SET status = 'archived', view_count = 999 WHERE pk_article = 2;
--! expect archived|999
SELECT data->>'status', (data->>'viewCount')::int FROM tv_article WHERE pk_article = 2;

UPDATE tb_article SET title = 'New Title', body = 'New Body', status = 'published', view_count = 12345 WHERE pk_article = 3;
--! expect New Title|New Body|published|12345
SELECT data->>'title', data->>'body', data->>'status', (data->>'viewCount')::int FROM tv_article WHERE pk_article = 3;

UPDATE tb_article SET body = NULL WHERE pk_article = 1;
--! expect t|t
SELECT data->>'body' IS NULL, data ? 'body' FROM tv_article WHERE pk_article = 1;

-- a write that changes nothing the view shows rewrites nothing
DROP TABLE versions_before;
CREATE TEMP TABLE versions_before AS SELECT pk_article, xmin::text AS v FROM tv_article;
UPDATE tb_article SET status = status;
--! expect 0
SELECT count(*) FROM tv_article t JOIN versions_before b USING (pk_article) WHERE t.xmin::text <> b.v;

--! expect 1
SELECT count(*) FROM pg_tview_meta;

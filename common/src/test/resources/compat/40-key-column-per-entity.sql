-- Native test 40 (trigger finds the key column of each TVIEW): two unrelated entities whose keys have
-- different names; the native test registers them with CREATE TABLE tv_x AS (its DDL hook), here with
-- pg_tviews_create. Then an update, an insert and a delete each reach the right TVIEW.

-- both entities' tables: the same shape, each with its own key column (pk_post, pk_user)
CREATE TABLE tb_post (pk_post integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    title text NOT NULL, content text);
CREATE TABLE tb_user (pk_user integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    name text NOT NULL, email text);
INSERT INTO tb_post (title, content) VALUES ('Original Post', 'Original Content');
INSERT INTO tb_user (name, email) VALUES ('Alice', 'alice@example.com');

--! expect created
SELECT pg_tviews_create('post', $$
    SELECT pk_post, id, jsonb_build_object('id', id::text, 'title', title, 'content', content) AS data
    FROM tb_post $$);

--! expect 1|Original Post|Original Content
SELECT count(*) OVER (), data->>'title', data->>'content' FROM tv_post WHERE pk_post = 1;

UPDATE tb_post SET title = 'Updated Post', content = 'Updated Content' WHERE pk_post = 1;
--! expect Updated Post|Updated Content
SELECT data->>'title', data->>'content' FROM tv_post WHERE pk_post = 1;

--! expect 1
SELECT count(*) FROM pg_tview_meta WHERE entity_name = 'post';

-- statement-level triggers on the base table, one per event (native: at least one trigger)
--! expect t
SELECT count(*) >= 3 FROM pg_trigger WHERE tgrelid = 'tb_post'::regclass AND NOT tgisinternal;

--! expect created
SELECT pg_tviews_create('tv_user', $$
    SELECT pk_user, id, jsonb_build_object('id', id::text, 'name', name, 'email', email) AS data
    FROM tb_user $$);

UPDATE tb_user SET name = 'Alice Updated', email = 'alice.updated@example.com' WHERE pk_user = 1;
--! expect Alice Updated|alice.updated@example.com
SELECT data->>'name', data->>'email' FROM tv_user WHERE pk_user = 1;

--! expect pk_user
SELECT key_column FROM pg_tview_meta WHERE entity_name = 'user';

INSERT INTO tb_post (title, content) VALUES ('New Post', 'New Content');
--! expect 2
SELECT count(*) FROM tv_post;
--! expect 2|New Post
SELECT pk_post, data->>'title' FROM tv_post WHERE data->>'title' = 'New Post';

DELETE FROM tb_post WHERE pk_post = 2;
--! expect 1
SELECT count(*) FROM tv_post;
--! expect 1
SELECT count(*) FROM tv_user;

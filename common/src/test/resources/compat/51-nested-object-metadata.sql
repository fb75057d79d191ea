-- Native test 51_metadata_enhancement: a post embedding its author through a LEFT JOIN; the native
-- test checks its catalogue columns (dependency_types, dependency_paths, array_match_keys), which we
-- do not have: our lineage is in pg_tview_source. Here: registration, the lineage rows, and that an
-- author rename reaches the post.

CREATE TABLE tb_user (pk_user int PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(), name text);
INSERT INTO tb_user VALUES (1, gen_random_uuid(), 'Alice');
CREATE TABLE tb_post (pk_post int PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(), fk_user int REFERENCES tb_user (pk_user), title text);
INSERT INTO tb_post VALUES (1, gen_random_uuid(), 1, 'First Post');

--! expect created
SELECT pg_tviews_create('post', $$
    SELECT p.pk_post, p.id, p.fk_user, jsonb_build_object('title', p.title, 'author', jsonb_build_object('name', u.name)) AS data
    FROM tb_post p LEFT JOIN tb_user u ON p.fk_user = u.pk_user $$);

--! expect 1
SELECT count(*) FROM pg_tview_meta WHERE entity_name = 'post';
--! expect tb_post|incremental
--! expect tb_user|incremental
SELECT source_oid::regclass::text, refresh_mode FROM pg_tview_source WHERE entity_name = 'post' ORDER BY 1;
-- native dependency_types and friends
--! error 42703
SELECT dependency_types FROM pg_tview_meta;

UPDATE tb_user SET name = 'Alicia';
--! expect Alicia
SELECT data#>>'{author,name}' FROM tv_post;
UPDATE tb_post SET fk_user = NULL;
--! expect <null>
SELECT data#>>'{author,name}' FROM tv_post;

-- Native test 51_jsonb_array_update: a post with its comments aggregated (LEFT JOIN + GROUP BY);
-- updating one comment changes that element only (the native extension patches the array in
-- place; we recompute the post's row, the result must be the same).

CREATE TABLE tb_post (pk_post integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(), title text);
CREATE TABLE tb_comment (
    pk_comment integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
    fk_post integer REFERENCES tb_post (pk_post), author text, text text
);
INSERT INTO tb_post VALUES (1, gen_random_uuid(), 'First Post');
INSERT INTO tb_comment VALUES (1, gen_random_uuid(), 1, 'Alice', 'Great post!'), (2, gen_random_uuid(), 1, 'Bob', 'Thanks for sharing!');

--! expect created
SELECT pg_tviews_create('post', $$
    SELECT p.pk_post, p.id, p.title,
           jsonb_build_object('id', p.id, 'title', p.title,
               'comments', coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'author', c.author, 'text', c.text) ORDER BY c.pk_comment), '[]'::jsonb)) AS data
    FROM tb_post p LEFT JOIN tb_comment c ON c.fk_post = p.pk_post
    GROUP BY p.pk_post, p.id, p.title $$);

--! expect 2|Great post!|Thanks for sharing!
SELECT jsonb_array_length(data->'comments'), data#>>'{comments,0,text}', data#>>'{comments,1,text}' FROM tv_post WHERE pk_post = 1;

UPDATE tb_comment SET text = 'Updated: Great post!' WHERE pk_comment = 1;
--! expect 2|Updated: Great post!|Thanks for sharing!
SELECT jsonb_array_length(data->'comments'), data#>>'{comments,0,text}', data#>>'{comments,1,text}' FROM tv_post WHERE pk_post = 1;

-- a post with no comment: the LEFT JOIN yields one all-NULL element (no FILTER in this definition)
INSERT INTO tb_post VALUES (2, gen_random_uuid(), 'Second Post');
--! expect 1|<null>
SELECT jsonb_array_length(data->'comments'), data#>>'{comments,0,author}' FROM tv_post WHERE pk_post = 2;
UPDATE tb_post SET title = 'First Post!' WHERE pk_post = 1;
--! expect First Post!|2
SELECT data->>'title', jsonb_array_length(data->'comments') FROM tv_post WHERE pk_post = 1;

-- Native test 52: comments aggregated with FILTER so that a post without comments has an empty
-- array; inserting and deleting comments grows and shrinks it, back to empty.

CREATE TABLE tb_post (pk_post integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(), title text);
CREATE TABLE tb_comment (
    pk_comment integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
    fk_post integer REFERENCES tb_post (pk_post), author text, text text
);
INSERT INTO tb_post VALUES (1, gen_random_uuid(), 'First Post');

--! expect created
SELECT pg_tviews_create('post', $$
    SELECT p.pk_post, p.id, p.title,
           jsonb_build_object('id', p.id, 'title', p.title,
               'comments', coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'author', c.author, 'text', c.text) ORDER BY c.pk_comment)
                                    FILTER (WHERE c.pk_comment IS NOT NULL), '[]'::jsonb)) AS data
    FROM tb_post p LEFT JOIN tb_comment c ON c.fk_post = p.pk_post
    GROUP BY p.pk_post, p.id, p.title $$);

--! expect 0
SELECT jsonb_array_length(data->'comments') FROM tv_post WHERE pk_post = 1;
INSERT INTO tb_comment VALUES (1, gen_random_uuid(), 1, 'Alice', 'First comment!');
--! expect 1|Alice|First comment!
SELECT jsonb_array_length(data->'comments'), data#>>'{comments,0,author}', data#>>'{comments,0,text}' FROM tv_post;
INSERT INTO tb_comment VALUES (2, gen_random_uuid(), 1, 'Bob', 'Second comment!');
--! expect 2|Alice|Bob
SELECT jsonb_array_length(data->'comments'), data#>>'{comments,0,author}', data#>>'{comments,1,author}' FROM tv_post;
DELETE FROM tb_comment WHERE pk_comment = 1;
--! expect 1|Bob|Second comment!
SELECT jsonb_array_length(data->'comments'), data#>>'{comments,0,author}', data#>>'{comments,0,text}' FROM tv_post;
DELETE FROM tb_comment WHERE pk_comment = 2;
--! expect 0
SELECT jsonb_array_length(data->'comments') FROM tv_post;

-- The five read models of the nested benchmark, one query each (the harness splits on lines of
-- "-- view <entity>"). Each level embeds the documents of the level below (its tv_ table) as JSONB;
-- each document also carries a name from the level above (a post its author's name, a user its
-- org's name, a comment its author's name), so renames cascade down and then up again.
-- feed: per org, a summary of every post of its users with the number of comments.
-- The raw and DIY databases create these as views v_<entity>; tviews registers them with
-- pg_tviews_create(entity, query).
-- view comment
SELECT c.pk_comment, c.fk_post,
       jsonb_build_object('id', c.id, 'text', c.text, 'author', a.name) AS data
  FROM tb_comment c JOIN tb_user a ON a.pk_user = c.fk_user
-- view post
SELECT p.pk_post, p.fk_user,
       jsonb_build_object('id', p.id, 'title', p.title, 'author', u.name,
                          'comments', COALESCE((SELECT jsonb_agg(c.data ORDER BY c.pk_comment)
                                                  FROM tv_comment c WHERE c.fk_post = p.pk_post), '[]'::jsonb)) AS data
  FROM tb_post p JOIN tb_user u ON u.pk_user = p.fk_user
-- view user
SELECT u.pk_user, u.fk_org,
       jsonb_build_object('id', u.id, 'name', u.name, 'org', o.name,
                          'posts', COALESCE((SELECT jsonb_agg(p.data ORDER BY p.pk_post)
                                               FROM tv_post p WHERE p.fk_user = u.pk_user), '[]'::jsonb)) AS data
  FROM tb_user u JOIN tb_org o ON o.pk_org = u.fk_org
-- view org
SELECT o.pk_org,
       jsonb_build_object('id', o.id, 'name', o.name,
                          'users', COALESCE((SELECT jsonb_agg(u.data ORDER BY u.pk_user)
                                               FROM tv_user u WHERE u.fk_org = o.pk_org), '[]'::jsonb)) AS data
  FROM tb_org o
-- view feed
SELECT o.pk_org AS pk_feed,
       COALESCE((SELECT jsonb_agg(jsonb_build_object('post', p.pk_post, 'title', p.title, 'author', u.name,
                                                     'comments', (SELECT count(*) FROM tb_comment c WHERE c.fk_post = p.pk_post))
                                  ORDER BY p.pk_post)
                   FROM tb_user u JOIN tb_post p ON p.fk_user = u.pk_user
                  WHERE u.fk_org = o.pk_org), '[]'::jsonb) AS data
  FROM tb_org o

-- The user's own backing view for posts: used instead of the generated one.
CREATE VIEW v_post AS
SELECT p.pk_post,
       jsonb_build_object('id', p.id, 'title', p.title, 'author', u.name) AS data
  FROM tb_post p
  JOIN tb_user u ON u.pk_user = p.fk_user;

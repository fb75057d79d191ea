-- Posts whose read model embeds the author: made async with tviews.entities.post.mode=async.
CREATE TABLE tb_post (
    pk_post BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    fk_user BIGINT NOT NULL REFERENCES tb_user (pk_user),
    title TEXT NOT NULL);
CREATE TABLE tv_post (pk_post BIGINT PRIMARY KEY, data JSONB NOT NULL);
CREATE VIEW v_post AS
    SELECT p.pk_post, jsonb_build_object('title', p.title, 'author', u.data->>'name') AS data
      FROM tb_post p JOIN tv_user u ON u.pk_user = p.fk_user;
INSERT INTO tb_post (fk_user, title) VALUES (1, 'Hello');

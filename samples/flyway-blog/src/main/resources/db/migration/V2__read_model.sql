-- Step 2: the read model. Each tv_<entity> table becomes a TVIEW when this migrate ends: the tviews callback
-- (dev.tviews.flyway.TViewsCallback) installs the runtime and runs pg_tviews_auto_convert(). From then on every
-- write to tb_* keeps these tables exact, in the writing transaction.
CREATE TABLE tv_user (
    pk_user BIGINT PRIMARY KEY,
    data JSONB NOT NULL,
    created_at TIMESTAMP DEFAULT NOW(),
    updated_at TIMESTAMP DEFAULT NOW()
);

CREATE TABLE tv_post (
    pk_post BIGINT PRIMARY KEY,
    data JSONB NOT NULL,
    created_at TIMESTAMP DEFAULT NOW(),
    updated_at TIMESTAMP DEFAULT NOW()
);

CREATE TABLE tv_comment (
    pk_comment BIGINT PRIMARY KEY,
    data JSONB NOT NULL,
    created_at TIMESTAMP DEFAULT NOW(),
    updated_at TIMESTAMP DEFAULT NOW()
);

-- Backing views of your own (the guide's "Define your Backing Views"): auto-convert registers v_post and
-- v_comment as written here; tv_user gets a generated view over tb_user (data = its columns as JSONB).
-- A post embeds its author's tv_user document and counts its comments; a comment names its author and its
-- post. Renaming a user therefore rewrites her posts and comments too: tviews finds them through the keys.
CREATE VIEW v_post AS
SELECT p.pk_post,
       jsonb_build_object('id', p.id,
                          'title', p.title,
                          'author', u.data,
                          'comments', (SELECT count(*) FROM tb_comment c WHERE c.fk_post = p.pk_post)) AS data
  FROM tb_post p
  JOIN tv_user u ON u.pk_user = p.fk_user;

CREATE VIEW v_comment AS
SELECT c.pk_comment,
       jsonb_build_object('id', c.id,
                          'text', c.text,
                          'author', u.data->'name',
                          'post', p.data->'title') AS data
  FROM tb_comment c
  JOIN tv_user u ON u.pk_user = c.fk_user
  JOIN tv_post p ON p.pk_post = c.fk_post;

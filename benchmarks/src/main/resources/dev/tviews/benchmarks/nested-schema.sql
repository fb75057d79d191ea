-- The nested read-model benchmark (issue #15): org -> user -> post -> comment.
-- Base tables (the write model the application changes). The same file is loaded into the raw,
-- tviews and DIY databases; the read models are added afterwards (nested-views.sql, nested-diy.sql).
CREATE TABLE tb_org (
    pk_org  bigint PRIMARY KEY,
    id      uuid NOT NULL DEFAULT gen_random_uuid(),
    name    text NOT NULL
);
CREATE TABLE tb_user (
    pk_user bigint PRIMARY KEY,
    id      uuid NOT NULL DEFAULT gen_random_uuid(),
    fk_org  bigint NOT NULL REFERENCES tb_org,
    name    text NOT NULL
);
CREATE INDEX ON tb_user (fk_org);
CREATE TABLE tb_post (
    pk_post bigint PRIMARY KEY,
    id      uuid NOT NULL DEFAULT gen_random_uuid(),
    fk_user bigint NOT NULL REFERENCES tb_user,
    title   text NOT NULL
);
CREATE INDEX ON tb_post (fk_user);
CREATE TABLE tb_comment (
    pk_comment bigint PRIMARY KEY,
    id         uuid NOT NULL DEFAULT gen_random_uuid(),
    fk_post    bigint NOT NULL REFERENCES tb_post,
    fk_user    bigint NOT NULL REFERENCES tb_user,   -- the comment's author (any user)
    text       text NOT NULL
);
CREATE INDEX ON tb_comment (fk_post);
CREATE INDEX ON tb_comment (fk_user);

-- The integration guide's blog: the normalized write model. Each table: its key and id, its foreign keys, its columns.
CREATE TABLE tb_user (
    pk_user BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id UUID NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    email TEXT NOT NULL, name TEXT NOT NULL);
CREATE TABLE tb_post (
    pk_post BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id UUID NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    fk_user BIGINT NOT NULL REFERENCES tb_user(pk_user),
    title TEXT NOT NULL, content TEXT NOT NULL);
CREATE TABLE tb_comment (
    pk_comment BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id UUID NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    fk_post BIGINT NOT NULL REFERENCES tb_post(pk_post),
    fk_user BIGINT NOT NULL REFERENCES tb_user(pk_user),
    text TEXT NOT NULL);

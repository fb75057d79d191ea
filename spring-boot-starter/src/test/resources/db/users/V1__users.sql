-- A new application's first migration: a table, and its read model as a tv_ table (tviews generates v_user).
CREATE TABLE tb_user (
    pk_user BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id UUID NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    email TEXT NOT NULL,
    name TEXT NOT NULL);
CREATE TABLE tv_user (pk_user BIGINT PRIMARY KEY, data JSONB NOT NULL);
INSERT INTO tb_user (email, name) VALUES ('alice@example.com', 'Alice'), ('bob@example.com', 'Bob');

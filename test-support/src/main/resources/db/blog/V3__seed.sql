-- Seed data, written before the TVIEWs exist: conversion fills the tv_ tables from it.
INSERT INTO tb_user (email, name) VALUES ('alice@example.com', 'Alice'), ('bob@example.com', 'Bob');
INSERT INTO tb_post (fk_user, title, content) VALUES (1, 'Hello', 'World'), (2, 'Second', 'Post');
INSERT INTO tb_comment (fk_post, fk_user, text) VALUES (1, 2, 'Nice');

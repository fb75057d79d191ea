-- Rows of the nested model. :orgs, :users, :posts and :comments are replaced by the harness.
-- User u belongs to org (u-1) % orgs + 1, post p to user (p-1) % users + 1, comment c to post
-- (c-1) % posts + 1 and is written by a user of the same org as the post (users u, u + orgs,
-- u + 2 orgs, ... share an org), mostly not the post's author.
INSERT INTO tb_org (pk_org, name) SELECT o, 'Org ' || o FROM generate_series(1, :orgs) o;
INSERT INTO tb_user (pk_user, fk_org, name) SELECT u, (u - 1) % :orgs + 1, 'User ' || u FROM generate_series(1, :users) u;
INSERT INTO tb_post (pk_post, fk_user, title) SELECT p, (p - 1) % :users + 1, 'Post ' || p FROM generate_series(1, :posts) p;
INSERT INTO tb_comment (pk_comment, fk_post, fk_user, text)
SELECT c, (c - 1) % :posts + 1,
       (((c - 1) % :posts) % :users + :orgs * (c % (:users / :orgs))) % :users + 1,
       'Comment ' || c
  FROM generate_series(1, :comments) c;

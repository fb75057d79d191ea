-- A later migration changes a base table: the callback re-derives the generated v_post and tv_post.
ALTER TABLE tb_post ADD COLUMN subtitle TEXT NOT NULL DEFAULT 'none';

-- A tv_ table tviews cannot maintain: its view's key is text, not an integer.
CREATE TABLE tb_broken (pk_broken BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, label TEXT NOT NULL);
CREATE TABLE tv_broken (pk_broken TEXT PRIMARY KEY, data JSONB);
CREATE VIEW v_broken AS SELECT 'k' || pk_broken AS pk_broken, jsonb_build_object('label', label) AS data FROM tb_broken;

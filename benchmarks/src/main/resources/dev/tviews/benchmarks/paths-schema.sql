-- The parent/child model of the per-path benchmark (issue #15): children whose read model embeds
-- their parent, so a parent UPDATE fans out to every child. :parents, :children, :big and :small
-- are replaced by the harness: parent 1 has :big children, parent 2 has :small, the others share
-- the rest round robin.
CREATE TABLE tb_parent (
    pk_parent bigint PRIMARY KEY,
    id        uuid NOT NULL DEFAULT gen_random_uuid(),
    name      text NOT NULL
);
CREATE TABLE tb_child (
    pk_child  bigint PRIMARY KEY,
    id        uuid NOT NULL DEFAULT gen_random_uuid(),
    fk_parent bigint NOT NULL REFERENCES tb_parent,
    name      text NOT NULL,
    val       int NOT NULL
);
CREATE INDEX ON tb_child (fk_parent);
INSERT INTO tb_parent (pk_parent, name) SELECT p, 'Parent ' || p FROM generate_series(1, :parents) p;
INSERT INTO tb_child (pk_child, fk_parent, name, val)
SELECT k, CASE WHEN k <= :big THEN 1 WHEN k <= :big + :small THEN 2 ELSE 3 + (k - :big - :small - 1) % (:parents - 2) END,
       'Child ' || k, k % 1000
  FROM generate_series(1, :children) k;

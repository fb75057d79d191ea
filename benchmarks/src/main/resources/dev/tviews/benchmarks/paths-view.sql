-- The read model of the per-path benchmark: a child with its parent embedded, as JSONB.
SELECT c.pk_child, c.fk_parent,
       jsonb_build_object('id', c.id, 'name', c.name, 'val', c.val,
                          'parent', jsonb_build_object('id', p.id, 'name', p.name)) AS data
  FROM tb_child c JOIN tb_parent p ON p.pk_parent = c.fk_parent

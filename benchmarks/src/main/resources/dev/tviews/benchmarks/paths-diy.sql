-- "DIY": tv_child kept by hand-written statement-level triggers with transition tables, the
-- yardstick of the per-path benchmark (issue #15). The harness has created v_child
-- (paths-view.sql) and tv_child AS SELECT * FROM v_child with its primary key.
--
-- Locks (transaction-level advisory locks, two-int form (level, key), taken in one global order):
--   level 1, parent keys: a parent rename walks "children of p" from the table; statements that
--     add, remove or re-link children of p lock p too, so the walk and the change of its set
--     serialize (the walker locks p before it looks, then looks again);
--   level 2, child keys: every tv_child row is locked before it is recomputed.
-- Past 1,000 keys of one level in one statement, one exclusive lock on the level (0, level)
-- replaces them (the lock table holds a few thousand locks); fine locks take it shared first.

CREATE FUNCTION diy_lock(p_level int, p_keys bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF cardinality(p_keys) > 1000 THEN
        PERFORM pg_advisory_xact_lock(0, p_level);
    ELSIF cardinality(p_keys) > 0 THEN
        PERFORM pg_advisory_xact_lock_shared(0, p_level);
        PERFORM pg_advisory_xact_lock(p_level, s.k::int)
           FROM (SELECT DISTINCT k FROM unnest(p_keys) k ORDER BY 1) s;
    END IF;
END $$;

-- The rows of these children recomputed from the view, written only where they differ.
CREATE FUNCTION diy_refresh_child(p_keys bigint[]) RETURNS void LANGUAGE plpgsql
-- Cached plans only: planned once per session, not at every call. Left to itself, the plan
-- cache kept re-planning the upsert for each single key (custom plans), which cost more
-- than running it. Many keys go through EXECUTE below, planned for the actual keys.
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
    -- One key (single-row statements) gets its own copy: its plan is cached as index probes of
    -- that key; with = ANY an array of unknown size can get a generic plan that scans a table.
    IF cardinality(p_keys) = 1 THEN
        WITH fresh AS MATERIALIZED (SELECT * FROM v_child WHERE pk_child = p_keys[1]),
        gone AS (DELETE FROM tv_child t WHERE t.pk_child = p_keys[1]
                    AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.pk_child = t.pk_child))
        INSERT INTO tv_child AS t SELECT * FROM fresh
        ON CONFLICT (pk_child) DO UPDATE SET fk_parent = EXCLUDED.fk_parent, data = EXCLUDED.data
         WHERE (t.fk_parent, t.data) IS DISTINCT FROM (EXCLUDED.fk_parent, EXCLUDED.data);
    ELSIF cardinality(p_keys) <= 256 THEN
        WITH fresh AS MATERIALIZED (SELECT * FROM v_child WHERE pk_child = ANY (p_keys)),
        gone AS (DELETE FROM tv_child t WHERE t.pk_child = ANY (p_keys)
                    AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.pk_child = t.pk_child))
        INSERT INTO tv_child AS t SELECT * FROM fresh
        ON CONFLICT (pk_child) DO UPDATE SET fk_parent = EXCLUDED.fk_parent, data = EXCLUDED.data
         WHERE (t.fk_parent, t.data) IS DISTINCT FROM (EXCLUDED.fk_parent, EXCLUDED.data);
    ELSE
        -- Many keys (bulk statements, large fan-outs): planned for the actual keys each time.
        EXECUTE $sql$WITH fresh AS MATERIALIZED (SELECT * FROM v_child WHERE pk_child = ANY ($1)),
             gone AS (DELETE FROM tv_child t WHERE t.pk_child = ANY ($1)
             AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.pk_child = t.pk_child))
             INSERT INTO tv_child AS t SELECT * FROM fresh
             ON CONFLICT (pk_child) DO UPDATE SET fk_parent = EXCLUDED.fk_parent, data = EXCLUDED.data
             WHERE (t.fk_parent, t.data) IS DISTINCT FROM (EXCLUDED.fk_parent, EXCLUDED.data)$sql$
        USING p_keys;
    END IF;
END $$;

-- tb_child: the changed children; the parents whose set of children changes are locked (not
-- refreshed: nothing embeds the children). An update that keeps fk_parent locks no parent. The
-- common case, one child, locks inline (a call of diy_lock costs more than the lock).
CREATE FUNCTION diy_child_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v_parents bigint[];
    v_children bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(fk_parent), array_agg(pk_child) INTO v_parents, v_children FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(fk_parent), array_agg(pk_child) INTO v_parents, v_children FROM old_rows;
    ELSE
        -- Set operations, not a join of old_rows and new_rows: transition tables have no
        -- statistics, and a join plan cached for one row would nest-loop over 10,000.
        v_children := ARRAY(SELECT pk_child FROM (SELECT pk_child, fk_parent, name, val, id FROM new_rows
                                                  EXCEPT SELECT pk_child, fk_parent, name, val, id FROM old_rows) d);
        v_parents := ARRAY(SELECT fk_parent FROM ((SELECT pk_child, fk_parent FROM old_rows EXCEPT SELECT pk_child, fk_parent FROM new_rows)
                                                  UNION ALL
                                                  (SELECT pk_child, fk_parent FROM new_rows EXCEPT SELECT pk_child, fk_parent FROM old_rows)) m);
        IF cardinality(v_children) = 0 THEN
            v_children := NULL;
        END IF;
        IF cardinality(v_parents) = 0 THEN
            v_parents := NULL;
        END IF;
    END IF;
    IF v_children IS NULL THEN
        RETURN NULL;
    END IF;
    IF v_parents IS NOT NULL THEN
        PERFORM diy_lock(1, v_parents);
    END IF;
    IF cardinality(v_children) = 1 THEN
        PERFORM pg_advisory_xact_lock_shared(0, 2);
        PERFORM pg_advisory_xact_lock(2, v_children[1]::int);
    ELSE
        PERFORM diy_lock(2, v_children);
    END IF;
    PERFORM diy_refresh_child(v_children);
    RETURN NULL;
END $$;

-- tb_parent: a change of what the view reads (id, name) reaches every child of the parent. The
-- parent is locked first, then its children are looked up, locked, and looked up again until no
-- new child appears (a child inserted and committed between the look-up and the lock).
CREATE FUNCTION diy_parent_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v_parents bigint[];
    v_children bigint[];
    v_held bigint[] := '{}';
BEGIN
    IF TG_OP = 'UPDATE' THEN
        v_parents := ARRAY(SELECT pk_parent FROM (SELECT pk_parent, id, name FROM new_rows
                                                  EXCEPT SELECT pk_parent, id, name FROM old_rows) d);
        IF cardinality(v_parents) = 0 THEN
            v_parents := NULL;
        END IF;
    ELSE
        RETURN NULL;  -- a new parent has no children yet; a parent with children cannot be deleted (FK)
    END IF;
    IF v_parents IS NULL THEN
        RETURN NULL;
    END IF;
    PERFORM diy_lock(1, v_parents);
    LOOP
        v_children := ARRAY(SELECT c.pk_child FROM tb_child c WHERE c.fk_parent = ANY (v_parents));
        EXIT WHEN v_held @> v_children;
        PERFORM diy_lock(2, v_children);
        v_held := v_held || v_children;
    END LOOP;
    IF cardinality(v_children) > 0 THEN
        PERFORM diy_refresh_child(v_children);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER diy_ins AFTER INSERT ON tb_child REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION diy_child_changed();
CREATE TRIGGER diy_upd AFTER UPDATE ON tb_child REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION diy_child_changed();
CREATE TRIGGER diy_del AFTER DELETE ON tb_child REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION diy_child_changed();
CREATE TRIGGER diy_upd AFTER UPDATE ON tb_parent REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION diy_parent_changed();

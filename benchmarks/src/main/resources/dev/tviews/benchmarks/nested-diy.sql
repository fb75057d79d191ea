-- "DIY": the nested read models kept by hand-written triggers, as a competent team would write them
-- without tviews (issue #15). The yardstick of the nested benchmark; it must be exact too, also under
-- concurrent READ COMMITTED writers, so it takes locks like tviews does.
--
-- Before this file runs, the harness has created the views v_comment, v_post, v_user, v_org, v_feed
-- (nested-views.sql) and the tables tv_<entity> AS SELECT * FROM v_<entity> with their keys and the
-- same indexes the tviews database gets.
--
-- Design:
--   * one statement-level AFTER trigger per base table and event, with transition tables; one
--     function per base table serves its three events (PL/pgSQL plans a statement when it first
--     runs it, so the branches of other events never touch transition tables they don't have);
--   * the trigger maps the statement's old and new rows to the keys it affects at every level
--     (comment, post, user, org; the feed is keyed by org), walking down where a name is copied
--     into the level below (user name -> posts and comments, org name -> users) and up through the
--     parents (comment -> post -> user -> org);
--   * it locks those keys with transaction-level advisory locks in one global order: level (org 1,
--     user 2, post 3, comment 4), then key. The org lock also covers the feed row of that org (every
--     change that alters a feed row alters the org document of the same org). A comment's author
--     is locked at the user level without being refreshed: a rename of that user walks to the
--     author's comments, so the two must not interleave;
--   * under READ COMMITTED a concurrent writer may have committed between the mapping and the locks,
--     so after locking it maps again (a new statement, a new snapshot) and locks what is new, until
--     nothing is (two rounds for almost every statement);
--   * then refreshes level by level, bottom up, rewriting only rows whose content differs
--     (IS DISTINCT FROM) and deleting rows the view no longer yields.
-- TRUNCATE is not handled (the benchmark never truncates).

-- Refresh of one level: the rows of these keys recomputed from the view, written only where they differ.
CREATE FUNCTION diy_refresh_comment(p_keys bigint[]) RETURNS void LANGUAGE plpgsql
-- Cached plans only: planned once per session, not at every call. Left to itself, the plan
-- cache kept re-planning the upsert for each single key (custom plans), which cost more
-- than running it. Many keys go through EXECUTE below, planned for the actual keys.
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
    -- One key (single-row statements) gets its own copy: its plan is cached as index probes of
    -- that key; with = ANY an array of unknown size can get a generic plan that scans a table.
    IF cardinality(p_keys) = 1 THEN
        WITH fresh AS MATERIALIZED (SELECT * FROM v_comment WHERE pk_comment = p_keys[1]),
        gone AS (DELETE FROM tv_comment t WHERE t.pk_comment = p_keys[1]
                    AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.pk_comment = t.pk_comment))
        INSERT INTO tv_comment AS t SELECT * FROM fresh
        ON CONFLICT (pk_comment) DO UPDATE SET fk_post = EXCLUDED.fk_post, data = EXCLUDED.data
         WHERE (t.fk_post, t.data) IS DISTINCT FROM (EXCLUDED.fk_post, EXCLUDED.data);
    ELSIF cardinality(p_keys) <= 256 THEN
        WITH fresh AS MATERIALIZED (SELECT * FROM v_comment WHERE pk_comment = ANY (p_keys)),
        gone AS (DELETE FROM tv_comment t WHERE t.pk_comment = ANY (p_keys)
                    AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.pk_comment = t.pk_comment))
        INSERT INTO tv_comment AS t SELECT * FROM fresh
        ON CONFLICT (pk_comment) DO UPDATE SET fk_post = EXCLUDED.fk_post, data = EXCLUDED.data
         WHERE (t.fk_post, t.data) IS DISTINCT FROM (EXCLUDED.fk_post, EXCLUDED.data);
    ELSE
        -- Many keys (bulk statements, large fan-outs): planned for the actual keys each time.
        EXECUTE $sql$WITH fresh AS MATERIALIZED (SELECT * FROM v_comment WHERE pk_comment = ANY ($1)),
             gone AS (DELETE FROM tv_comment t WHERE t.pk_comment = ANY ($1)
             AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.pk_comment = t.pk_comment))
             INSERT INTO tv_comment AS t SELECT * FROM fresh
             ON CONFLICT (pk_comment) DO UPDATE SET fk_post = EXCLUDED.fk_post, data = EXCLUDED.data
             WHERE (t.fk_post, t.data) IS DISTINCT FROM (EXCLUDED.fk_post, EXCLUDED.data)$sql$
        USING p_keys;
    END IF;
END $$;

CREATE FUNCTION diy_refresh_post(p_keys bigint[]) RETURNS void LANGUAGE plpgsql
-- Cached plans only: planned once per session, not at every call. Left to itself, the plan
-- cache kept re-planning the upsert for each single key (custom plans), which cost more
-- than running it. Many keys go through EXECUTE below, planned for the actual keys.
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
    -- One key (single-row statements) gets its own copy: its plan is cached as index probes of
    -- that key; with = ANY an array of unknown size can get a generic plan that scans a table.
    IF cardinality(p_keys) = 1 THEN
        WITH fresh AS MATERIALIZED (SELECT * FROM v_post WHERE pk_post = p_keys[1]),
        gone AS (DELETE FROM tv_post t WHERE t.pk_post = p_keys[1]
                    AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.pk_post = t.pk_post))
        INSERT INTO tv_post AS t SELECT * FROM fresh
        ON CONFLICT (pk_post) DO UPDATE SET fk_user = EXCLUDED.fk_user, data = EXCLUDED.data
         WHERE (t.fk_user, t.data) IS DISTINCT FROM (EXCLUDED.fk_user, EXCLUDED.data);
    ELSIF cardinality(p_keys) <= 256 THEN
        WITH fresh AS MATERIALIZED (SELECT * FROM v_post WHERE pk_post = ANY (p_keys)),
        gone AS (DELETE FROM tv_post t WHERE t.pk_post = ANY (p_keys)
                    AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.pk_post = t.pk_post))
        INSERT INTO tv_post AS t SELECT * FROM fresh
        ON CONFLICT (pk_post) DO UPDATE SET fk_user = EXCLUDED.fk_user, data = EXCLUDED.data
         WHERE (t.fk_user, t.data) IS DISTINCT FROM (EXCLUDED.fk_user, EXCLUDED.data);
    ELSE
        -- Many keys (bulk statements, large fan-outs): planned for the actual keys each time.
        EXECUTE $sql$WITH fresh AS MATERIALIZED (SELECT * FROM v_post WHERE pk_post = ANY ($1)),
             gone AS (DELETE FROM tv_post t WHERE t.pk_post = ANY ($1)
             AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.pk_post = t.pk_post))
             INSERT INTO tv_post AS t SELECT * FROM fresh
             ON CONFLICT (pk_post) DO UPDATE SET fk_user = EXCLUDED.fk_user, data = EXCLUDED.data
             WHERE (t.fk_user, t.data) IS DISTINCT FROM (EXCLUDED.fk_user, EXCLUDED.data)$sql$
        USING p_keys;
    END IF;
END $$;

CREATE FUNCTION diy_refresh_user(p_keys bigint[]) RETURNS void LANGUAGE plpgsql
-- Cached plans only: planned once per session, not at every call. Left to itself, the plan
-- cache kept re-planning the upsert for each single key (custom plans), which cost more
-- than running it. Many keys go through EXECUTE below, planned for the actual keys.
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
    -- One key (single-row statements) gets its own copy: its plan is cached as index probes of
    -- that key; with = ANY an array of unknown size can get a generic plan that scans a table.
    IF cardinality(p_keys) = 1 THEN
        WITH fresh AS MATERIALIZED (SELECT * FROM v_user WHERE pk_user = p_keys[1]),
        gone AS (DELETE FROM tv_user t WHERE t.pk_user = p_keys[1]
                    AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.pk_user = t.pk_user))
        INSERT INTO tv_user AS t SELECT * FROM fresh
        ON CONFLICT (pk_user) DO UPDATE SET fk_org = EXCLUDED.fk_org, data = EXCLUDED.data
         WHERE (t.fk_org, t.data) IS DISTINCT FROM (EXCLUDED.fk_org, EXCLUDED.data);
    ELSIF cardinality(p_keys) <= 256 THEN
        WITH fresh AS MATERIALIZED (SELECT * FROM v_user WHERE pk_user = ANY (p_keys)),
        gone AS (DELETE FROM tv_user t WHERE t.pk_user = ANY (p_keys)
                    AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.pk_user = t.pk_user))
        INSERT INTO tv_user AS t SELECT * FROM fresh
        ON CONFLICT (pk_user) DO UPDATE SET fk_org = EXCLUDED.fk_org, data = EXCLUDED.data
         WHERE (t.fk_org, t.data) IS DISTINCT FROM (EXCLUDED.fk_org, EXCLUDED.data);
    ELSE
        -- Many keys (bulk statements, large fan-outs): planned for the actual keys each time.
        EXECUTE $sql$WITH fresh AS MATERIALIZED (SELECT * FROM v_user WHERE pk_user = ANY ($1)),
             gone AS (DELETE FROM tv_user t WHERE t.pk_user = ANY ($1)
             AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.pk_user = t.pk_user))
             INSERT INTO tv_user AS t SELECT * FROM fresh
             ON CONFLICT (pk_user) DO UPDATE SET fk_org = EXCLUDED.fk_org, data = EXCLUDED.data
             WHERE (t.fk_org, t.data) IS DISTINCT FROM (EXCLUDED.fk_org, EXCLUDED.data)$sql$
        USING p_keys;
    END IF;
END $$;

CREATE FUNCTION diy_refresh_org(p_keys bigint[]) RETURNS void LANGUAGE plpgsql
-- Cached plans only: planned once per session, not at every call. Left to itself, the plan
-- cache kept re-planning the upsert for each single key (custom plans), which cost more
-- than running it. Many keys go through EXECUTE below, planned for the actual keys.
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
    -- One key (single-row statements) gets its own copy: its plan is cached as index probes of
    -- that key; with = ANY an array of unknown size can get a generic plan that scans a table.
    IF cardinality(p_keys) = 1 THEN
        WITH fresh AS MATERIALIZED (SELECT * FROM v_org WHERE pk_org = p_keys[1]),
        gone AS (DELETE FROM tv_org t WHERE t.pk_org = p_keys[1]
                    AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.pk_org = t.pk_org))
        INSERT INTO tv_org AS t SELECT * FROM fresh
        ON CONFLICT (pk_org) DO UPDATE SET data = EXCLUDED.data
         WHERE t.data IS DISTINCT FROM EXCLUDED.data;
    ELSIF cardinality(p_keys) <= 256 THEN
        WITH fresh AS MATERIALIZED (SELECT * FROM v_org WHERE pk_org = ANY (p_keys)),
        gone AS (DELETE FROM tv_org t WHERE t.pk_org = ANY (p_keys)
                    AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.pk_org = t.pk_org))
        INSERT INTO tv_org AS t SELECT * FROM fresh
        ON CONFLICT (pk_org) DO UPDATE SET data = EXCLUDED.data
         WHERE t.data IS DISTINCT FROM EXCLUDED.data;
    ELSE
        -- Many keys (bulk statements, large fan-outs): planned for the actual keys each time.
        EXECUTE $sql$WITH fresh AS MATERIALIZED (SELECT * FROM v_org WHERE pk_org = ANY ($1)),
             gone AS (DELETE FROM tv_org t WHERE t.pk_org = ANY ($1)
             AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.pk_org = t.pk_org))
             INSERT INTO tv_org AS t SELECT * FROM fresh
             ON CONFLICT (pk_org) DO UPDATE SET data = EXCLUDED.data
             WHERE t.data IS DISTINCT FROM EXCLUDED.data$sql$
        USING p_keys;
    END IF;
END $$;

CREATE FUNCTION diy_refresh_feed(p_keys bigint[]) RETURNS void LANGUAGE plpgsql
-- Cached plans only: planned once per session, not at every call. Left to itself, the plan
-- cache kept re-planning the upsert for each single key (custom plans), which cost more
-- than running it. Many keys go through EXECUTE below, planned for the actual keys.
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
    -- One key (single-row statements) gets its own copy: its plan is cached as index probes of
    -- that key; with = ANY an array of unknown size can get a generic plan that scans a table.
    IF cardinality(p_keys) = 1 THEN
        WITH fresh AS MATERIALIZED (SELECT * FROM v_feed WHERE pk_feed = p_keys[1]),
        gone AS (DELETE FROM tv_feed t WHERE t.pk_feed = p_keys[1]
                    AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.pk_feed = t.pk_feed))
        INSERT INTO tv_feed AS t SELECT * FROM fresh
        ON CONFLICT (pk_feed) DO UPDATE SET data = EXCLUDED.data
         WHERE t.data IS DISTINCT FROM EXCLUDED.data;
    ELSIF cardinality(p_keys) <= 256 THEN
        WITH fresh AS MATERIALIZED (SELECT * FROM v_feed WHERE pk_feed = ANY (p_keys)),
        gone AS (DELETE FROM tv_feed t WHERE t.pk_feed = ANY (p_keys)
                    AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.pk_feed = t.pk_feed))
        INSERT INTO tv_feed AS t SELECT * FROM fresh
        ON CONFLICT (pk_feed) DO UPDATE SET data = EXCLUDED.data
         WHERE t.data IS DISTINCT FROM EXCLUDED.data;
    ELSE
        -- Many keys (bulk statements, large fan-outs): planned for the actual keys each time.
        EXECUTE $sql$WITH fresh AS MATERIALIZED (SELECT * FROM v_feed WHERE pk_feed = ANY ($1)),
             gone AS (DELETE FROM tv_feed t WHERE t.pk_feed = ANY ($1)
             AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.pk_feed = t.pk_feed))
             INSERT INTO tv_feed AS t SELECT * FROM fresh
             ON CONFLICT (pk_feed) DO UPDATE SET data = EXCLUDED.data
             WHERE t.data IS DISTINCT FROM EXCLUDED.data$sql$
        USING p_keys;
    END IF;
END $$;

-- The keys a statement affects at every level, from its seeds (keys read off the transition tables
-- and the downward walks) and the parents of those rows as the current snapshot sees them. Old
-- parents are in the seeds (old_rows), new ones come from the tables.
CREATE TYPE diy_keys AS (c bigint[], p bigint[], u bigint[], o bigint[], authors bigint[]);

CREATE FUNCTION diy_close(c_seed bigint[], p_seed bigint[], u_seed bigint[], o_seed bigint[], a_seed bigint[])
RETURNS diy_keys LANGUAGE plpgsql AS $$
DECLARE
    r diy_keys;
BEGIN
    r.c := ARRAY(SELECT DISTINCT k FROM unnest(c_seed) k WHERE k IS NOT NULL ORDER BY 1);
    r.p := ARRAY(SELECT DISTINCT k FROM (SELECT unnest(p_seed)
                                         UNION ALL SELECT c.fk_post FROM tb_comment c WHERE c.pk_comment = ANY (r.c)) s(k)
                  WHERE k IS NOT NULL ORDER BY 1);
    r.u := ARRAY(SELECT DISTINCT k FROM (SELECT unnest(u_seed)
                                         UNION ALL SELECT p.fk_user FROM tb_post p WHERE p.pk_post = ANY (r.p)) s(k)
                  WHERE k IS NOT NULL ORDER BY 1);
    r.o := ARRAY(SELECT DISTINCT k FROM (SELECT unnest(o_seed)
                                         UNION ALL SELECT u.fk_org FROM tb_user u WHERE u.pk_user = ANY (r.u)) s(k)
                  WHERE k IS NOT NULL ORDER BY 1);
    r.authors := ARRAY(SELECT DISTINCT k FROM unnest(a_seed) k WHERE k IS NOT NULL ORDER BY 1);
    RETURN r;
END $$;

-- Takes the advisory locks of these keys of one level, in key order (two-int form: level, key).
-- Past 1,000 keys, one exclusive lock on the whole level (0, level) replaces them (the lock table
-- holds a few thousand locks); fine locks take that one shared first. The benchmark's statements
-- stay far below.
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

-- Whether every key of the mapping is locked already (the mapping is then good: it ran after
-- every lock it depends on).
CREATE FUNCTION diy_covered(held diy_keys, r diy_keys) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT held.o @> r.o AND held.u @> (r.u || r.authors) AND held.p @> r.p AND held.c @> r.c
$$;

-- Locks what the mapping found, in the global order (level, then key); returns the keys now held.
-- Keys held already are locked again, which costs a lookup in the backend's own lock table.
CREATE FUNCTION diy_lock_all(held diy_keys, r diy_keys) RETURNS diy_keys LANGUAGE plpgsql AS $$
BEGIN
    PERFORM diy_lock(1, r.o);
    PERFORM diy_lock(2, r.u || r.authors);
    PERFORM diy_lock(3, r.p);
    PERFORM diy_lock(4, r.c);
    RETURN ROW(held.c || r.c, held.p || r.p, held.u || r.u || r.authors, held.o || r.o, '{}'::bigint[])::diy_keys;
END $$;

-- Refreshes every level, bottom up.
CREATE FUNCTION diy_refresh_all(r diy_keys) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF cardinality(r.c) > 0 THEN PERFORM diy_refresh_comment(r.c); END IF;
    IF cardinality(r.p) > 0 THEN PERFORM diy_refresh_post(r.p); END IF;
    IF cardinality(r.u) > 0 THEN PERFORM diy_refresh_user(r.u); END IF;
    IF cardinality(r.o) > 0 THEN
        PERFORM diy_refresh_org(r.o);
        PERFORM diy_refresh_feed(r.o);
    END IF;
END $$;

-- tb_comment: the comment, its post (old and new), and its author (lock only).
CREATE FUNCTION diy_comment_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r diy_keys;
    held diy_keys := ROW('{}', '{}', '{}', '{}', '{}');
BEGIN
    LOOP
        IF TG_OP = 'INSERT' THEN
            SELECT (diy_close(array_agg(pk_comment), array_agg(fk_post), '{}', '{}', array_agg(fk_user))).* INTO r FROM new_rows;
        ELSIF TG_OP = 'DELETE' THEN
            SELECT (diy_close(array_agg(pk_comment), array_agg(fk_post), '{}', '{}', array_agg(fk_user))).* INTO r FROM old_rows;
        ELSE
            SELECT (diy_close(array_agg(pk_comment), array_agg(fk_post), '{}', '{}', array_agg(fk_user))).* INTO r
              FROM (SELECT pk_comment, fk_post, fk_user FROM old_rows UNION ALL SELECT pk_comment, fk_post, fk_user FROM new_rows) x;
        END IF;
        EXIT WHEN diy_covered(held, r);
        held := diy_lock_all(held, r);
    END LOOP;
    PERFORM diy_refresh_all(r);
    RETURN NULL;
END $$;

-- tb_post: the post and its user (old and new); comments don't copy anything from posts.
CREATE FUNCTION diy_post_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r diy_keys;
    held diy_keys := ROW('{}', '{}', '{}', '{}', '{}');
BEGIN
    LOOP
        IF TG_OP = 'INSERT' THEN
            SELECT (diy_close('{}', array_agg(pk_post), array_agg(fk_user), '{}', '{}')).* INTO r FROM new_rows;
        ELSIF TG_OP = 'DELETE' THEN
            SELECT (diy_close('{}', array_agg(pk_post), array_agg(fk_user), '{}', '{}')).* INTO r FROM old_rows;
        ELSE
            SELECT (diy_close('{}', array_agg(pk_post), array_agg(fk_user), '{}', '{}')).* INTO r
              FROM (SELECT pk_post, fk_user FROM old_rows UNION ALL SELECT pk_post, fk_user FROM new_rows) x;
        END IF;
        EXIT WHEN diy_covered(held, r);
        held := diy_lock_all(held, r);
    END LOOP;
    PERFORM diy_refresh_all(r);
    RETURN NULL;
END $$;

-- tb_user: the user, its org (old and new); a rename also reaches the user's posts (author name)
-- and the comments the user wrote (author name), found in the tables as they are now.
CREATE FUNCTION diy_user_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r diy_keys;
    held diy_keys := ROW('{}', '{}', '{}', '{}', '{}');
    renamed bigint[] := '{}';
BEGIN
    IF TG_OP = 'UPDATE' THEN
        renamed := ARRAY(SELECT pk_user FROM (SELECT pk_user, name FROM new_rows EXCEPT SELECT pk_user, name FROM old_rows) d);
    END IF;
    LOOP
        IF TG_OP = 'INSERT' THEN
            SELECT (diy_close('{}', '{}', array_agg(pk_user), array_agg(fk_org), '{}')).* INTO r FROM new_rows;
        ELSIF TG_OP = 'DELETE' THEN
            SELECT (diy_close('{}', '{}', array_agg(pk_user), array_agg(fk_org), '{}')).* INTO r FROM old_rows;
        ELSE
            SELECT (diy_close(ARRAY(SELECT c.pk_comment FROM tb_comment c WHERE c.fk_user = ANY (renamed)),
                              ARRAY(SELECT p.pk_post FROM tb_post p WHERE p.fk_user = ANY (renamed)),
                              array_agg(pk_user), array_agg(fk_org), '{}')).* INTO r
              FROM (SELECT pk_user, fk_org FROM old_rows UNION ALL SELECT pk_user, fk_org FROM new_rows) x;
        END IF;
        EXIT WHEN diy_covered(held, r);
        held := diy_lock_all(held, r);
    END LOOP;
    PERFORM diy_refresh_all(r);
    RETURN NULL;
END $$;

-- tb_org: the org; a rename also reaches its users (org name), found in the table as it is now
-- (a user moving in or out locks both orgs, so this walk is stable once the org is locked).
CREATE FUNCTION diy_org_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r diy_keys;
    held diy_keys := ROW('{}', '{}', '{}', '{}', '{}');
    renamed bigint[] := '{}';
BEGIN
    IF TG_OP = 'UPDATE' THEN
        renamed := ARRAY(SELECT pk_org FROM (SELECT pk_org, name FROM new_rows EXCEPT SELECT pk_org, name FROM old_rows) d);
    END IF;
    LOOP
        IF TG_OP = 'INSERT' THEN
            SELECT (diy_close('{}', '{}', '{}', array_agg(pk_org), '{}')).* INTO r FROM new_rows;
        ELSIF TG_OP = 'DELETE' THEN
            SELECT (diy_close('{}', '{}', '{}', array_agg(pk_org), '{}')).* INTO r FROM old_rows;
        ELSE
            SELECT (diy_close('{}', '{}', ARRAY(SELECT u.pk_user FROM tb_user u WHERE u.fk_org = ANY (renamed)),
                              array_agg(pk_org), '{}')).* INTO r
              FROM (SELECT pk_org FROM old_rows UNION ALL SELECT pk_org FROM new_rows) x;
        END IF;
        EXIT WHEN diy_covered(held, r);
        held := diy_lock_all(held, r);
    END LOOP;
    PERFORM diy_refresh_all(r);
    RETURN NULL;
END $$;

CREATE TRIGGER diy_ins AFTER INSERT ON tb_comment REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION diy_comment_changed();
CREATE TRIGGER diy_upd AFTER UPDATE ON tb_comment REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION diy_comment_changed();
CREATE TRIGGER diy_del AFTER DELETE ON tb_comment REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION diy_comment_changed();
CREATE TRIGGER diy_ins AFTER INSERT ON tb_post REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION diy_post_changed();
CREATE TRIGGER diy_upd AFTER UPDATE ON tb_post REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION diy_post_changed();
CREATE TRIGGER diy_del AFTER DELETE ON tb_post REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION diy_post_changed();
CREATE TRIGGER diy_ins AFTER INSERT ON tb_user REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION diy_user_changed();
CREATE TRIGGER diy_upd AFTER UPDATE ON tb_user REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION diy_user_changed();
CREATE TRIGGER diy_del AFTER DELETE ON tb_user REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION diy_user_changed();
CREATE TRIGGER diy_ins AFTER INSERT ON tb_org REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION diy_org_changed();
CREATE TRIGGER diy_upd AFTER UPDATE ON tb_org REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION diy_org_changed();
CREATE TRIGGER diy_del AFTER DELETE ON tb_org REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION diy_org_changed();

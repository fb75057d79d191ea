-- Queue: deferred maintenance. Writers of TVIEWs in async mode, and every writer while triggers are
-- suspended (bulk mode), record the keys a statement affected in pg_tview_queue instead of
-- refreshing them; a drain (async) or the resume / the commit (suspended) refreshes them later.
--
-- The generated trigger functions (maintenance.sql) call exactly two functions from here:
--   _tviews_suspended()                       is maintenance suspended in this transaction?
--   _tviews_enqueue(entity, keys, reason)     record pending keys (keys NULL: the whole TVIEW)
--
-- Refreshing queued keys goes through the TVIEW's generated refresh function, so it is the very code
-- the synchronous path runs, and a refresh of tv_A fires the triggers of the TVIEWs reading tv_A:
-- entities are therefore processed in dependency order (_tviews_dependency_order), readers last.

-- How deep maintenance is suspended in this transaction: a transaction-local setting, so that it
-- ends with the transaction and a savepoint rollback undoes it (setting changes are transactional).
CREATE OR REPLACE FUNCTION _tviews_suspend_depth()
RETURNS int SET search_path FROM CURRENT
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    v_setting text := COALESCE(pg_catalog.current_setting('tviews.suspend_depth', true), '');
BEGIN
    IF v_setting = '' THEN
        RETURN 0;
    END IF;
    IF v_setting !~ '^[0-9]{1,9}$' THEN
        RAISE EXCEPTION 'tviews: tviews.suspend_depth is %, not a depth', pg_catalog.quote_literal(v_setting)
            USING ERRCODE = '22023', HINT = 'Leave tviews.suspend_depth to pg_tviews_suspend_triggers() and pg_tviews_resume_triggers(); RESET it.';
    END IF;
    RETURN v_setting::int;
END
$fn$;

-- Whether this transaction's suspension was made by pg_tviews_suspend_triggers() (catalog.sql,
-- pg_tview_suspension), not by a SET of the setting.
CREATE OR REPLACE FUNCTION _tviews_suspension_valid()
RETURNS boolean SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
    SELECT EXISTS (SELECT 1 FROM pg_tview_suspension s
                    WHERE s.backend_pid = pg_catalog.pg_backend_pid() AND s.xact_start = pg_catalog.transaction_timestamp())
$fn$;

-- Is maintenance suspended in this transaction? The setting says so, and the suspension is real.
-- (Generated trigger code inlines the test of the setting, see _tviews_dispatch_code: keep the two in step.)
CREATE OR REPLACE FUNCTION _tviews_suspended()
RETURNS boolean SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
    SELECT COALESCE(pg_catalog.current_setting('tviews.suspend_depth', true), '') NOT IN ('', '0') AND _tviews_suspension_valid()
$fn$;

-- Records pending keys (p_keys NULL: the whole TVIEW, rebuilt when processed). An existing entry is
-- touched (not skipped): the writer's row lock on it keeps a concurrent drain (FOR UPDATE SKIP
-- LOCKED) from consuming the key before this transaction's change is visible, so a key is never
-- drained from a snapshot missing the change; a new entry is invisible to drains until commit.
--
-- Suspended work must be done by the commit at the latest. The deferred constraint trigger below
-- does it; its WHEN clause queues an event only while tviews.flush_armed is unset, so the first
-- suspended entry of a transaction is written alone, arms the flush, and the rest queue no event
-- (one event per transaction instead of one per key). A savepoint rollback drops both the event
-- and the setting, so the next entry arms it again.
CREATE OR REPLACE FUNCTION _tviews_enqueue(p_entity text, p_keys bigint[], p_reason text)
RETURNS void SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
DECLARE
    v_first bigint;
BEGIN
    IF p_reason = 'suspended' AND COALESCE(pg_catalog.current_setting('tviews.flush_armed', true), '') <> 'on' THEN
        IF p_keys IS NULL THEN
            PERFORM _tviews_enqueue_whole(p_entity, p_reason);
        ELSE
            SELECT k INTO v_first FROM pg_catalog.unnest(p_keys) AS k WHERE k IS NOT NULL LIMIT 1;
            IF v_first IS NOT NULL THEN
                PERFORM _tviews_enqueue_keys(p_entity, ARRAY[v_first], p_reason);
            END IF;
        END IF;
        PERFORM pg_catalog.set_config('tviews.flush_armed', 'on', true);
    END IF;
    IF p_keys IS NULL THEN
        PERFORM _tviews_enqueue_whole(p_entity, p_reason);
    ELSE
        PERFORM _tviews_enqueue_keys(p_entity, p_keys, p_reason);
    END IF;
END
$fn$;

CREATE OR REPLACE FUNCTION _tviews_enqueue_keys(p_entity text, p_keys bigint[], p_reason text)
RETURNS void SET search_path FROM CURRENT
LANGUAGE sql AS $fn$
    INSERT INTO pg_tview_queue AS q (entity_name, key, reason)
    SELECT DISTINCT p_entity, k, p_reason FROM pg_catalog.unnest(p_keys) AS k WHERE k IS NOT NULL
    ON CONFLICT (entity_name, key)
    DO UPDATE SET enqueued_at = LEAST(q.enqueued_at, EXCLUDED.enqueued_at), reason = EXCLUDED.reason
$fn$;

CREATE OR REPLACE FUNCTION _tviews_enqueue_whole(p_entity text, p_reason text)
RETURNS void SET search_path FROM CURRENT
LANGUAGE sql AS $fn$
    INSERT INTO pg_tview_queue AS q (entity_name, key, reason) VALUES (p_entity, NULL, p_reason)
    ON CONFLICT (entity_name) WHERE key IS NULL
    DO UPDATE SET enqueued_at = LEAST(q.enqueued_at, EXCLUDED.enqueued_at), reason = EXCLUDED.reason
$fn$;

-- Whether refreshing this many keys one by one costs more than rebuilding the TVIEW: from 1000 keys
-- on, when they are at least a quarter of its rows. Rows are estimated as the planner does: the
-- table's current size in pages times the rows per page ANALYZE/VACUUM last saw (50 if never).
CREATE OR REPLACE FUNCTION _tviews_prefers_rebuild(p_meta pg_tview_meta, p_keys bigint)
RETURNS boolean SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
    SELECT p_keys >= 1000 AND p_keys * 4 >= COALESCE(
        (SELECT pg_catalog.pg_relation_size(c.oid) / pg_catalog.current_setting('block_size')::numeric
                * CASE WHEN c.reltuples > 0 AND c.relpages > 0 THEN c.reltuples::numeric / c.relpages ELSE 50 END
           FROM pg_catalog.pg_class c WHERE c.oid = p_meta.tview_oid), 0)
$fn$;

-- Recomputes keys of a TVIEW (p_keys NULL: all of it) through its generated functions, which run
-- as the TVIEW's owner and fire the triggers of the TVIEWs that read it.
CREATE OR REPLACE FUNCTION _tviews_apply(p_meta pg_tview_meta, p_keys bigint[])
RETURNS void SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
BEGIN
    IF p_keys IS NULL THEN
        EXECUTE pg_catalog.format('SELECT %I.%I()', p_meta.schema_name, _tviews_function_name(p_meta.entity_name, 'rebuild'));
    ELSE
        EXECUTE pg_catalog.format('SELECT %I.%I($1)', p_meta.schema_name, _tviews_function_name(p_meta.entity_name, 'refresh'))
          USING p_keys;
    END IF;
END
$fn$;

-- Does the suspended work of this transaction: every entity's 'suspended' entries, in dependency
-- order, each by its keys (or rebuilt: whole-TVIEW entry, or more keys than a refresh by keys is
-- worth). Entries locked by other transactions are theirs (SKIP LOCKED). Errors propagate: the
-- work was due in this transaction. Returns the number of entries done.
CREATE OR REPLACE FUNCTION _tviews_flush_suspended()
RETURNS int SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
DECLARE
    v_meta  pg_tview_meta;
    v_keys  bigint[];
    v_whole boolean;
    v_count int;
    v_total int := 0;
BEGIN
    FOR v_meta IN
        SELECT m.* FROM _tviews_dependency_order() o JOIN pg_tview_meta m ON m.entity_name = o.entity_name
         ORDER BY o.depth, o.entity_name
    LOOP
        SELECT pg_catalog.array_agg(x.key) FILTER (WHERE x.key IS NOT NULL), COALESCE(pg_catalog.bool_or(x.key IS NULL), false),
               pg_catalog.count(*)
          INTO v_keys, v_whole, v_count
          FROM (SELECT q.key FROM pg_tview_queue q
                 WHERE q.entity_name = v_meta.entity_name AND q.reason = 'suspended'
                   FOR UPDATE SKIP LOCKED) x;
        CONTINUE WHEN v_count = 0;
        IF v_whole OR _tviews_prefers_rebuild(v_meta, v_count) THEN
            PERFORM _tviews_apply(v_meta, NULL);
        ELSE
            PERFORM _tviews_apply(v_meta, v_keys);
        END IF;
        DELETE FROM pg_tview_queue q
         WHERE q.entity_name = v_meta.entity_name AND q.reason = 'suspended'
           AND (q.key = ANY (v_keys) OR (v_whole AND q.key IS NULL));
        v_total := v_total + v_count;
    END LOOP;
    RETURN v_total;
END
$fn$;

-- At commit (deferred constraint trigger): a transaction that commits while suspended, or that
-- suspended and left work behind, gets it done now, as if it had resumed. Also runs at SET
-- CONSTRAINTS ALL IMMEDIATE; a suspension still open then stays open, and the next suspended
-- entry arms the flush again.
CREATE OR REPLACE FUNCTION _tviews_queue_flush_at_commit()
RETURNS trigger SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
DECLARE
    v_depth text := COALESCE(pg_catalog.current_setting('tviews.suspend_depth', true), '');
BEGIN
    PERFORM pg_catalog.set_config('tviews.suspend_depth', '0', true);
    PERFORM _tviews_flush_suspended();
    PERFORM pg_catalog.set_config('tviews.suspend_depth', v_depth, true);
    PERFORM pg_catalog.set_config('tviews.flush_armed', '', true);
    RETURN NULL;
END
$fn$;

DO $$ BEGIN
    -- Recreated on every install so its definition follows the runtime version.
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_trigger t WHERE t.tgname = 'tviews_queue_flush' AND t.tgrelid = 'pg_tview_queue'::regclass) THEN
        DROP TRIGGER tviews_queue_flush ON pg_tview_queue;
    END IF;
END $$;
CREATE CONSTRAINT TRIGGER tviews_queue_flush
    AFTER INSERT OR UPDATE OF reason ON pg_tview_queue
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW
    WHEN (NEW.reason = 'suspended' AND COALESCE(pg_catalog.current_setting('tviews.flush_armed', true), '') <> 'on')
    EXECUTE FUNCTION _tviews_queue_flush_at_commit();

CREATE OR REPLACE FUNCTION pg_tviews_suspend_triggers()
RETURNS int SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
-- Bulk mode: until the matching resume (or the end of the transaction), writes only record which
-- keys changed in pg_tview_queue; the outermost resume, or the commit, refreshes them once.
-- Nests; ends with the transaction; undone by a savepoint rollback. Returns the new depth.
DECLARE
    v_depth int;
BEGIN
    -- The resume deletes the entries it did and runs the TVIEWs' code: refuse early (before calling
    -- any internal function, which PUBLIC may not) a role that could not.
    IF NOT pg_catalog.has_table_privilege('pg_tview_queue', 'DELETE') THEN
        RAISE EXCEPTION 'tviews: % may not suspend maintenance: the resume needs DELETE on pg_tview_queue', current_user
            USING ERRCODE = '42501',
                  HINT = 'Run bulk loads as the role owning the TVIEWs (the one that installed the runtime), or as a member of it.';
    END IF;
    IF NOT pg_catalog.has_table_privilege('pg_tview_suspension', 'INSERT, UPDATE') THEN
        RAISE EXCEPTION 'tviews: % may not suspend maintenance: it needs INSERT and UPDATE on pg_tview_suspension', current_user
            USING ERRCODE = '42501',
                  HINT = 'Run bulk loads as the role owning the TVIEWs (the one that installed the runtime), or as a member of it.';
    END IF;
    v_depth := _tviews_suspend_depth() + 1;
    IF v_depth = 1 THEN
        INSERT INTO pg_tview_suspension (backend_pid, xact_start) VALUES (pg_catalog.pg_backend_pid(), pg_catalog.transaction_timestamp())
        ON CONFLICT (backend_pid) DO UPDATE SET xact_start = EXCLUDED.xact_start;
    END IF;
    PERFORM pg_catalog.set_config('tviews.suspend_depth', v_depth::text, true);
    RETURN v_depth;
END
$fn$;

CREATE OR REPLACE FUNCTION pg_tviews_resume_triggers()
RETURNS int SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
-- Ends one level of suspension. The outermost resume refreshes exactly the TVIEWs whose sources
-- changed while suspended (and, through their triggers, those reading them), in dependency order.
-- Returns the number of queue entries it did (0 when still suspended).
DECLARE
    v_depth int;
BEGIN
    -- read here, not by an internal function: a role that may not suspend gets the 55000 too
    IF COALESCE(pg_catalog.current_setting('tviews.suspend_depth', true), '') IN ('', '0') THEN
        RAISE EXCEPTION 'tviews: maintenance is not suspended in this transaction'
            USING ERRCODE = '55000',
                  HINT = 'Call pg_tviews_suspend_triggers() first, in the same transaction: suspension ends with the transaction (in autocommit mode, every statement is one).';
    END IF;
    v_depth := _tviews_suspend_depth();
    PERFORM pg_catalog.set_config('tviews.suspend_depth', (v_depth - 1)::text, true);
    IF v_depth > 1 THEN
        RETURN 0;
    END IF;
    RETURN _tviews_flush_suspended();
END
$fn$;

CREATE OR REPLACE FUNCTION pg_tviews_is_suspended()
RETURNS boolean SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
-- Whether this transaction suspended maintenance (bulk mode). Reads the setting and the proof
-- itself: any role may ask, and internal functions are not executable by PUBLIC.
    SELECT COALESCE(pg_catalog.current_setting('tviews.suspend_depth', true), '') NOT IN ('', '0')
       AND EXISTS (SELECT 1 FROM pg_tview_suspension s
                    WHERE s.backend_pid = pg_catalog.pg_backend_pid() AND s.xact_start = pg_catalog.transaction_timestamp())
$fn$;

-- Entity names present in the queue, by a skip scan of its (entity_name, key) index: the queue
-- may hold millions of keys of a few entities.
CREATE OR REPLACE FUNCTION _tviews_queue_entities()
RETURNS SETOF text SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
    WITH RECURSIVE e(name) AS (
        (SELECT q.entity_name FROM pg_tview_queue q ORDER BY q.entity_name LIMIT 1)
        UNION ALL
        SELECT (SELECT q.entity_name FROM pg_tview_queue q WHERE q.entity_name > e.name ORDER BY q.entity_name LIMIT 1)
          FROM e WHERE e.name IS NOT NULL
    )
    SELECT e.name FROM e WHERE e.name IS NOT NULL
$fn$;

-- A key that failed n times waits 2^n seconds (at most 5 minutes) before it is tried again.
CREATE OR REPLACE FUNCTION _tviews_retry_due(p_attempts int, p_last_attempt_at timestamptz)
RETURNS boolean SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
    SELECT p_attempts = 0 OR p_last_attempt_at IS NULL
        OR p_last_attempt_at + LEAST(pg_catalog.make_interval(secs => pg_catalog.power(2, LEAST(p_attempts, 20))),
                                     interval '5 minutes') <= pg_catalog.clock_timestamp()
$fn$;

CREATE OR REPLACE FUNCTION pg_tviews_process_queue_details(max_items int DEFAULT 1000)
RETURNS TABLE (entity text, processed int, failed int) SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
-- The drain, one row per TVIEW it worked on: takes up to max_items pending entries, TVIEWs in
-- dependency order (so that the keys a refresh enqueues for async readers are taken in the same
-- call), locking them FOR UPDATE SKIP LOCKED so that several workers share the queue. Each TVIEW's
-- batch runs in a subtransaction; when it fails, its keys are retried one by one, and the failing
-- ones stay queued with attempts, last_error and last_attempt_at (retried after a backoff).
-- Entries of TVIEWs the caller may not act as owner of are left to their owner.
DECLARE
    v_budget  int := max_items;
    v_meta    pg_tview_meta;
    v_marker  boolean;
    v_keys    bigint[];
    v_retry   bigint[];
    v_whole   boolean;
    v_key     bigint;
    v_error   text;
    v_orphans text[];
BEGIN
    IF max_items IS NULL OR max_items < 1 THEN
        RAISE EXCEPTION 'tviews: max_items must be at least 1, got %', COALESCE(max_items::text, 'NULL')
            USING ERRCODE = '22023', HINT = 'Pass how many queue entries one call may process, e.g. 1000.';
    END IF;
    IF NOT pg_catalog.has_table_privilege('pg_tview_queue', 'DELETE') THEN
        RAISE EXCEPTION 'tviews: % may not drain the queue: it needs DELETE on pg_tview_queue', current_user
            USING ERRCODE = '42501',
                  HINT = 'Run the drain as the role owning the TVIEWs (the one that installed the runtime), or as a member of it.';
    END IF;

    -- Entries of TVIEWs dropped since they were queued have nothing left to refresh.
    v_orphans := ARRAY(SELECT e FROM _tviews_queue_entities() e
                        WHERE NOT EXISTS (SELECT 1 FROM pg_tview_meta m WHERE m.entity_name = e));
    IF pg_catalog.cardinality(v_orphans) > 0 THEN
        DELETE FROM pg_tview_queue q
         WHERE q.ctid = ANY (ARRAY(SELECT x.ctid FROM pg_tview_queue x WHERE x.entity_name = ANY (v_orphans) FOR UPDATE SKIP LOCKED));
        RAISE NOTICE 'tviews: discarded the queue entries of TVIEW(s) no longer registered: %', v_orphans;
    END IF;

    FOR v_meta IN
        SELECT m.* FROM _tviews_dependency_order() o JOIN pg_tview_meta m ON m.entity_name = o.entity_name
         ORDER BY o.depth, o.entity_name
    LOOP
        EXIT WHEN v_budget <= 0;
        CONTINUE WHEN NOT EXISTS (SELECT 1 FROM pg_tview_queue q WHERE q.entity_name = v_meta.entity_name);
        IF NOT pg_catalog.pg_has_role(current_user,
                                      (SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = v_meta.tview_oid), 'USAGE') THEN
            RAISE NOTICE 'tviews: % may not refresh TVIEW %; its queue entries are left to its owner', current_user, v_meta.entity_name;
            CONTINUE;
        END IF;
        entity := v_meta.entity_name;
        processed := 0;
        failed := 0;

        -- A whole-TVIEW entry due for a try: the rebuild does every key of the TVIEW committed so far.
        PERFORM 1 FROM pg_tview_queue q
         WHERE q.entity_name = v_meta.entity_name AND q.key IS NULL AND _tviews_retry_due(q.attempts, q.last_attempt_at)
           FOR UPDATE SKIP LOCKED;
        v_marker := FOUND;
        IF v_marker THEN
            v_keys := ARRAY(SELECT q.key FROM pg_tview_queue q
                             WHERE q.entity_name = v_meta.entity_name AND q.key IS NOT NULL FOR UPDATE SKIP LOCKED);
            v_whole := true;
        ELSE
            -- fresh keys first (in index order), then failed ones whose backoff has passed
            v_keys := ARRAY(SELECT q.key FROM pg_tview_queue q
                             WHERE q.entity_name = v_meta.entity_name AND q.key IS NOT NULL AND q.attempts = 0
                             ORDER BY q.key LIMIT v_budget FOR UPDATE SKIP LOCKED);
            IF pg_catalog.cardinality(v_keys) < v_budget THEN
                v_keys := v_keys || ARRAY(
                    SELECT q.key FROM pg_tview_queue q
                     WHERE q.entity_name = v_meta.entity_name AND q.key IS NOT NULL AND q.attempts > 0
                       AND _tviews_retry_due(q.attempts, q.last_attempt_at)
                     ORDER BY q.last_attempt_at, q.key LIMIT v_budget - pg_catalog.cardinality(v_keys) FOR UPDATE SKIP LOCKED);
            END IF;
            CONTINUE WHEN pg_catalog.cardinality(v_keys) = 0;
            v_whole := _tviews_prefers_rebuild(v_meta, pg_catalog.cardinality(v_keys));
        END IF;

        BEGIN
            PERFORM _tviews_apply(v_meta, CASE WHEN v_whole THEN NULL ELSE v_keys END);
            DELETE FROM pg_tview_queue q
             WHERE q.entity_name = v_meta.entity_name AND (q.key = ANY (v_keys) OR (v_marker AND q.key IS NULL));
            processed := pg_catalog.cardinality(v_keys) + CASE WHEN v_marker THEN 1 ELSE 0 END;
        EXCEPTION WHEN OTHERS THEN
            v_error := SQLSTATE || ': ' || SQLERRM;
            IF v_marker THEN
                -- the keys stay queued as they were: the whole-TVIEW entry covers them
                UPDATE pg_tview_queue q
                   SET attempts = q.attempts + 1, last_error = v_error, last_attempt_at = pg_catalog.clock_timestamp()
                 WHERE q.entity_name = v_meta.entity_name AND q.key IS NULL;
                failed := 1;
            ELSE
                v_retry := v_keys;
                FOREACH v_key IN ARRAY v_retry LOOP
                    BEGIN
                        PERFORM _tviews_apply(v_meta, ARRAY[v_key]);
                        DELETE FROM pg_tview_queue q WHERE q.entity_name = v_meta.entity_name AND q.key = v_key;
                        processed := processed + 1;
                    EXCEPTION WHEN OTHERS THEN
                        UPDATE pg_tview_queue q
                           SET attempts = q.attempts + 1, last_error = SQLSTATE || ': ' || SQLERRM,
                               last_attempt_at = pg_catalog.clock_timestamp()
                         WHERE q.entity_name = v_meta.entity_name AND q.key = v_key;
                        failed := failed + 1;
                    END;
                END LOOP;
            END IF;
        END;
        v_budget := v_budget - processed - failed;
        RETURN NEXT;
    END LOOP;
END
$fn$;

CREATE OR REPLACE FUNCTION pg_tviews_process_queue(max_items int DEFAULT 1000)
RETURNS int SET search_path FROM CURRENT
LANGUAGE sql AS $fn$
-- The drain: processes up to max_items pending queue entries (see pg_tviews_process_queue_details)
-- and returns how many it refreshed; failed ones stay queued. Call it repeatedly, each call in its
-- own transaction (autocommit), until it returns 0.
    SELECT COALESCE(pg_catalog.sum(d.processed), 0)::int FROM pg_tviews_process_queue_details(max_items) d
$fn$;

-- Lag per TVIEW: every async TVIEW (pending 0 when drained) and every TVIEW with queued work.
CREATE OR REPLACE VIEW pg_tviews_lag AS
    SELECT e.entity_name AS entity,
           COALESCE(q.pending, 0) AS pending,
           q.oldest AS oldest_enqueued_at,
           COALESCE(pg_catalog.clock_timestamp() - q.oldest, interval '0') AS lag,
           COALESCE(q.failing, 0) AS failing
      FROM (SELECT m.entity_name FROM pg_tview_meta m WHERE m.options->>'mode' = 'async'
            UNION
            SELECT x.entity_name FROM pg_tview_queue x) e
      LEFT JOIN (SELECT x.entity_name, pg_catalog.count(*) AS pending, pg_catalog.min(x.enqueued_at) AS oldest,
                        pg_catalog.count(*) FILTER (WHERE x.attempts > 0) AS failing
                   FROM pg_tview_queue x GROUP BY x.entity_name) q ON q.entity_name = e.entity_name;
COMMENT ON VIEW pg_tviews_lag IS 'tviews: pending queue entries per TVIEW (every async TVIEW, and any with queued work), oldest entry, lag, failing entries.';
GRANT SELECT ON pg_tviews_lag TO PUBLIC;

-- The internals above are the runtime's own: not executable by PUBLIC.
REVOKE ALL ON FUNCTION
    _tviews_suspend_depth(),
    _tviews_suspension_valid(),
    _tviews_suspended(),
    _tviews_enqueue(p_entity text, p_keys bigint[], p_reason text),
    _tviews_enqueue_keys(p_entity text, p_keys bigint[], p_reason text),
    _tviews_enqueue_whole(p_entity text, p_reason text),
    _tviews_prefers_rebuild(p_meta pg_tview_meta, p_keys bigint),
    _tviews_apply(p_meta pg_tview_meta, p_keys bigint[]),
    _tviews_flush_suspended(),
    _tviews_queue_flush_at_commit(),
    _tviews_queue_entities(),
    _tviews_retry_due(p_attempts integer, p_last_attempt_at timestamp with time zone)
FROM PUBLIC;

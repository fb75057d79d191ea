-- Cascades in lock order: how one statement refreshes every TVIEW it reaches, rank by rank.
--
-- A statement on a table read by several TVIEWs fires their triggers in rank order (the generated
-- trigger names start with the rank, maintenance.sql). Refreshing tv_comment writes it, which fires
-- the triggers of the TVIEWs that read tv_comment (tv_post, then tv_user through tv_post ...). Done
-- on the spot, such a cascade locks keys of rank 1, 2, 3 while the statement's next sibling trigger
-- (tv_feed, rank 0) has yet to lock its own: a lock against the order of concurrency.sql, which
-- may only be waited for briefly (then 40001). So cascades are deferred instead:
--   * a trigger on a TVIEW's table, fired by a refresh while tviews.defer is on, adds the keys it
--     mapped to the transaction's pending set (tviews.pending) instead of refreshing them;
--   * a trigger on a base table turns tviews.defer on before it refreshes (if other TVIEWs read its
--     TVIEW: only then can its refresh cause cascades), and first refreshes what
--     is pending below its own rank (earlier siblings' cascades), or, when work of its own rank is
--     pending, adds its keys to it and refreshes them together;
--   * the last trigger on every base table of a TVIEW that others read (tviews_zz_drain_*, after
--     every tviews_<rank>_* one) refreshes what is pending, lowest rank first (their own cascades
--     are deferred again and come next), and turns tviews.defer off. Tables whose TVIEWs nobody
--     reads have none: nothing there turns deferral on, and a statement pays no extra trigger.
-- So a single statement takes its key locks rank by rank, in the global order, wherever it enters
-- the graph of TVIEWs; the DIY triggers of a careful team do the same by hand (docs/benchmarks.md).
-- Outside a base statement (pg_tviews_refresh, the queue, a resume) tviews.defer is off and
-- cascades run on the spot, as before. Both settings are transaction-local (set_config(..., true)),
-- so a failed statement's pending work goes with its subtransaction.
--
-- tviews.pending holds one line per deferral: "<rank> <OID of the TVIEW's table> <keys, or all>".

-- Adds keys of a TVIEW (NULL: all of it) to the pending set.
CREATE OR REPLACE FUNCTION _tviews_defer(p_rank int, p_tview regclass, p_keys bigint[])
RETURNS void SET search_path FROM CURRENT
LANGUAGE sql AS $fn$
    SELECT pg_catalog.set_config('tviews.pending',
               COALESCE(pg_catalog.current_setting('tviews.pending', true), '')
               || p_rank || ' ' || p_tview::oid || ' ' || COALESCE(p_keys::text, 'all') || E'\n', true)
$fn$;

-- Refreshes the pending work of ranks up to p_upto (NULL: all), lowest rank first; the cascades
-- those refreshes cause are deferred again and picked up by the same loop. Runs as the runtime's
-- owner: a writer's statement gets here through the drain trigger, and the generated refresh
-- functions it calls are executable by that owner (maintenance.sql grants it).
CREATE OR REPLACE FUNCTION _tviews_drain(p_upto int)
RETURNS void SET search_path FROM CURRENT
LANGUAGE plpgsql SECURITY DEFINER AS $fn$
DECLARE
    v_next record;
    v_meta pg_tview_meta;
BEGIN
    PERFORM pg_catalog.set_config('tviews.defer', 'on', true);
    LOOP
        WITH entry AS (
            SELECT pg_catalog.split_part(l, ' ', 1)::int AS rank, pg_catalog.split_part(l, ' ', 2)::oid AS tview,
                   pg_catalog.split_part(l, ' ', 3) AS keys, l AS line
              FROM pg_catalog.regexp_split_to_table(COALESCE(pg_catalog.current_setting('tviews.pending', true), ''), E'\n') AS l
             WHERE l <> ''
        ), first AS (
            SELECT e.rank, e.tview FROM entry e ORDER BY e.rank, e.tview LIMIT 1
        )
        SELECT f.rank, f.tview,
               EXISTS (SELECT 1 FROM entry e WHERE e.tview = f.tview AND e.keys = 'all') AS whole,
               ARRAY(SELECT DISTINCT k FROM entry e, pg_catalog.unnest(e.keys::bigint[]) AS k
                      WHERE e.tview = f.tview AND e.keys <> 'all' ORDER BY k) AS keys,
               (SELECT pg_catalog.string_agg(e.line || E'\n', '') FROM entry e WHERE e.tview <> f.tview) AS rest
          INTO v_next
          FROM first f;
        EXIT WHEN v_next.tview IS NULL OR v_next.rank > p_upto;
        PERFORM pg_catalog.set_config('tviews.pending', COALESCE(v_next.rest, ''), true);
        SELECT * INTO v_meta FROM pg_tview_meta m WHERE m.tview_oid = v_next.tview;
        -- (a TVIEW dropped by the statement itself has nothing left to refresh)
        IF FOUND THEN
            PERFORM _tviews_apply(v_meta, CASE WHEN v_next.whole THEN NULL ELSE v_next.keys END);
        END IF;
    END LOOP;
END
$fn$;

-- The last trigger of every statement on a base table (see above). SECURITY DEFINER, so that a
-- role that may only write the table can run the refreshes its statement deferred.
CREATE OR REPLACE FUNCTION _tviews_drain_trigger()
RETURNS trigger SET search_path FROM CURRENT
LANGUAGE plpgsql SECURITY DEFINER AS $fn$
BEGIN
    IF COALESCE(pg_catalog.current_setting('tviews.pending', true), '') <> '' THEN
        PERFORM _tviews_drain(NULL);
    END IF;
    PERFORM pg_catalog.set_config('tviews.defer', '', true);
    RETURN NULL;
END
$fn$;

-- Puts the drain triggers on a base table (one per event that can defer), unless they are there,
-- and enables them where they were disabled.
CREATE OR REPLACE FUNCTION _tviews_ensure_drain(p_rel regclass)
RETURNS void SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
DECLARE
    v_event text;
BEGIN
    FOREACH v_event IN ARRAY ARRAY['insert', 'update', 'delete'] LOOP
        IF EXISTS (SELECT 1 FROM pg_catalog.pg_trigger t
                    WHERE t.tgrelid = p_rel AND t.tgname = 'tviews_zz_drain_' || pg_catalog.left(v_event, 3) AND t.tgenabled = 'D') THEN
            -- it holds no state: enabling it again is all a repair needs
            EXECUTE pg_catalog.format('ALTER TABLE %s ENABLE TRIGGER %I', p_rel, 'tviews_zz_drain_' || pg_catalog.left(v_event, 3));
        END IF;
        CONTINUE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_trigger t
                               WHERE t.tgrelid = p_rel AND t.tgname = 'tviews_zz_drain_' || pg_catalog.left(v_event, 3));
        -- (No WHEN clause testing tviews.defer: PostgreSQL evaluates it when the statement ends,
        -- before the triggers that turn deferral on have run.)
        EXECUTE pg_catalog.format('CREATE TRIGGER %I AFTER %s ON %s FOR EACH STATEMENT EXECUTE FUNCTION %I._tviews_drain_trigger()',
                                  'tviews_zz_drain_' || pg_catalog.left(v_event, 3), pg_catalog.upper(v_event), p_rel,
                                  (SELECT r.schema_name FROM pg_tview_runtime r));
    END LOOP;
END
$fn$;

-- Drops the drain triggers of tables no TVIEW's trigger is on any more.
CREATE OR REPLACE FUNCTION _tviews_prune_drains()
RETURNS void SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
DECLARE
    v_trg record;
BEGIN
    FOR v_trg IN
        SELECT t.tgname, t.tgrelid::regclass AS rel
          FROM pg_catalog.pg_trigger t
         WHERE t.tgfoid = '_tviews_drain_trigger()'::regprocedure
           AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger g, pg_tview_meta m, pg_catalog.unnest(m.generated_functions) f
                            WHERE g.tgrelid = t.tgrelid AND g.tgfoid = pg_catalog.to_regprocedure(f))
    LOOP
        EXECUTE pg_catalog.format('DROP TRIGGER %I ON %s', v_trg.tgname, v_trg.rel);
    END LOOP;
END
$fn$;

-- The internals above are the runtime's own: not executable by PUBLIC.
REVOKE ALL ON FUNCTION
    _tviews_defer(p_rank integer, p_tview regclass, p_keys bigint[]),
    _tviews_drain(p_upto integer),
    _tviews_drain_trigger(),
    _tviews_ensure_drain(p_rel regclass),
    _tviews_prune_drains()
FROM PUBLIC;

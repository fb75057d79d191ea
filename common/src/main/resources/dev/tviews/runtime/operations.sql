-- Operations: refresh, verification, health and version, for operators and for tests.

CREATE OR REPLACE FUNCTION pg_tviews_version()
RETURNS text SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
    SELECT version FROM pg_tview_runtime
$fn$;

CREATE OR REPLACE FUNCTION pg_tviews_refresh(entity text)
RETURNS void SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
-- Full rebuild of one TVIEW from its view; writes only rows that differ.
DECLARE
    v_meta pg_tview_meta;
BEGIN
    PERFORM _tviews_require_runtime_rights('refresh TVIEWs');
    v_meta := _tviews_find(entity);
    PERFORM _tviews_require_owner(v_meta, 'refresh');
    EXECUTE pg_catalog.format('SELECT %I.%I()', v_meta.schema_name, _tviews_function_name(v_meta.entity_name, 'rebuild'));
END
$fn$;

-- Registered TVIEWs in dependency order: a TVIEW comes after every TVIEW it reads.
CREATE OR REPLACE FUNCTION _tviews_dependency_order()
RETURNS TABLE (entity_name text, depth int) SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
    WITH RECURSIVE d(entity_name, depth) AS (
        SELECT m.entity_name, 0 FROM pg_tview_meta m
        UNION ALL
        SELECT m.entity_name, d.depth + 1
          FROM d JOIN pg_tview_meta m ON d.entity_name = ANY (m.reads_tviews)
         WHERE d.depth < _tviews_max_depth()
    )
    SELECT d.entity_name, pg_catalog.max(d.depth)::int FROM d GROUP BY d.entity_name ORDER BY 2, 1
$fn$;

CREATE OR REPLACE FUNCTION pg_tviews_refresh_all()
RETURNS jsonb SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
-- Full rebuild of every TVIEW, readers after what they read.
DECLARE
    v_started timestamptz := pg_catalog.clock_timestamp();
    v_order   text[] := '{}';
    v_entity  text;
BEGIN
    PERFORM _tviews_require_runtime_rights('refresh TVIEWs');
    FOR v_entity IN SELECT o.entity_name FROM _tviews_dependency_order() o LOOP
        PERFORM pg_tviews_refresh(v_entity);
        v_order := v_order || v_entity;
    END LOOP;
    RETURN pg_catalog.jsonb_build_object(
        'refreshed_count', pg_catalog.cardinality(v_order),
        'order', pg_catalog.to_jsonb(v_order),
        'duration_ms', pg_catalog.round((EXTRACT(epoch FROM pg_catalog.clock_timestamp() - v_started) * 1000)::numeric, 3));
END
$fn$;

-- Monitoring (verify, the health check, the cascade path) runs with the runtime owner's rights, so
-- that a monitoring role needs no right on the tables: EXECUTE on these functions is granted to
-- tviews_monitor (finish.sql), not to PUBLIC. A monitor's health check reports; only a role that may
-- act as the owner repairs.
CREATE OR REPLACE FUNCTION pg_tviews_verify(entity_name text DEFAULT NULL)
RETURNS TABLE (entity text, missing_rows bigint, extra_rows bigint, differing_rows bigint)
LANGUAGE plpgsql SECURITY DEFINER
-- the settings TVIEW rows are computed with: every pinned one is added below
SET search_path FROM CURRENT SET row_security = off
AS $fn$
-- Compares each TVIEW with its view on the view's columns: rows the view has and the table lacks,
-- rows the table has and the view lacks, and rows whose content differs. All zero = exact.
DECLARE
    v_meta pg_tview_meta;
    v_cols text;
BEGIN
    FOR v_meta IN
        SELECT m.* FROM pg_tview_meta m
         WHERE pg_tviews_verify.entity_name IS NULL OR m.entity_name = (_tviews_find(pg_tviews_verify.entity_name)).entity_name
         ORDER BY m.entity_name
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid = v_meta.view_oid)
           OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid = v_meta.tview_oid) THEN
            RAISE EXCEPTION 'tviews: TVIEW % cannot be verified: %', v_meta.entity_name, (_tviews_diagnose(v_meta)).message
                USING ERRCODE = '55000',
                      HINT = 'pg_tviews_health_check() repairs the registration, or removes it when its view cannot come back.';
        END IF;
        SELECT pg_catalog.string_agg(pg_catalog.format('x.%I', c.attname), ', ') INTO v_cols FROM _tviews_columns(v_meta.view_oid) c;
        -- Multisets of rows as a client reads them (text): duplicates, NULL keys and values that are
        -- equal but print differently (1.0 and 1.00) all count. A key on both sides whose rows
        -- differ is one differing row; the rest are missing from or extra in the table.
        EXECUTE pg_catalog.format($sql$
            WITH v AS (SELECT x.%1$I AS k, ROW(%2$s)::text AS r FROM %3$s x),
                 t AS (SELECT x.%1$I AS k, ROW(%2$s)::text AS r FROM %4$s x),
                 m AS (SELECT k, r FROM v EXCEPT ALL SELECT k, r FROM t),
                 e AS (SELECT k, r FROM t EXCEPT ALL SELECT k, r FROM v)
            SELECT (SELECT pg_catalog.count(*) FROM m WHERE m.k IS NULL OR m.k NOT IN (SELECT e.k FROM e WHERE e.k IS NOT NULL)),
                   (SELECT pg_catalog.count(*) FROM e WHERE e.k IS NULL OR e.k NOT IN (SELECT m.k FROM m WHERE m.k IS NOT NULL)),
                   (SELECT pg_catalog.count(*) FROM m WHERE m.k IN (SELECT e.k FROM e))$sql$,
            v_meta.key_column, v_cols, v_meta.view_oid, v_meta.tview_oid)
          INTO missing_rows, extra_rows, differing_rows;
        entity := v_meta.entity_name;
        RETURN NEXT;
    END LOOP;
END
$fn$;

-- pg_tviews_verify computes every view with all the pinned settings (settings.sql), whichever a view
-- needs: a generated function leaves out only settings its rows cannot depend on.
DO $do$
BEGIN
    PERFORM _tviews_pin_all_settings('pg_tviews_verify(text)');
END
$do$;

CREATE OR REPLACE FUNCTION pg_tviews_health_check(repair boolean DEFAULT true)
RETURNS TABLE (status text, component text, message text, severity text) SET search_path FROM CURRENT
LANGUAGE plpgsql SECURITY DEFINER AS $fn$
-- One line per component, status OK / WARNING / ERROR (severity info / warning / error), the message
-- saying what is wrong and what to do:
--   runtime           the installed version
--   suspension        whether maintenance is suspended in this transaction (bulk mode)
--   queue             pending keys, the oldest one's age, entries whose refresh failed
--   queue <entity>    the same per TVIEW that has pending keys
--   stamps            what writers of TVIEWs with {"isolation": "any"} left (concurrency.sql); with
--                     repair, the stamps no running transaction can need are removed (a line only
--                     when there are stamps or such TVIEWs)
--   tview <entity>    its table, view, generated code, triggers, lineage columns, source changes
-- With repair (the default, not in a read-only transaction), registrations broken by DDL are repaired
-- on the way (see ddl.sql): re-registered, or removed when their view can't come back; the line says
-- what was done. A second run then reports OK for them.
DECLARE
    v_meta    pg_tview_meta;
    v_diag    record;
    v_fix     record;
    v_queue   record;
    v_sources int;
    v_pruned  bigint;
BEGIN
    status := 'OK'; component := 'runtime'; severity := 'info';
    message := pg_catalog.format('tviews %s installed in schema %s; %s TVIEW(s) registered',
                                 (SELECT r.version FROM pg_tview_runtime r), (SELECT r.schema_name FROM pg_tview_runtime r),
                                 (SELECT pg_catalog.count(*) FROM pg_tview_meta));
    RETURN NEXT;

    component := 'suspension';
    IF _tviews_suspended() THEN
        status := 'WARNING'; severity := 'warning';
        message := 'maintenance is suspended in this transaction (pg_tviews_suspend_triggers): changed keys wait in pg_tview_queue; '
                   'pg_tviews_resume_triggers() (or the commit) refreshes them';
    ELSE
        status := 'OK'; severity := 'info';
        message := 'maintenance is not suspended in this transaction';
    END IF;
    RETURN NEXT;

    -- Queue lag: read from the queue table itself, so that it holds whatever worker drains it.
    FOR v_queue IN
        SELECT GROUPING(q.entity_name) = 1 AS overall, q.entity_name,
               pg_catalog.count(*) AS pending,
               pg_catalog.min(q.enqueued_at) AS oldest,
               pg_catalog.count(*) FILTER (WHERE q.last_error IS NOT NULL) AS failing,
               (pg_catalog.array_agg(q.last_error ORDER BY q.last_attempt_at DESC NULLS LAST) FILTER (WHERE q.last_error IS NOT NULL))[1] AS last_error,
               pg_catalog.count(DISTINCT q.entity_name) AS entities,
               pg_catalog.bool_or(q.reason = 'suspended') AS suspended_work,
               pg_catalog.bool_and(EXISTS (SELECT 1 FROM pg_tview_meta m WHERE m.entity_name = q.entity_name)) AS registered
          FROM pg_tview_queue q
         GROUP BY GROUPING SETS ((), (q.entity_name))
         ORDER BY 1 DESC, 2
    LOOP
        CONTINUE WHEN NOT v_queue.overall AND v_queue.pending = 0;
        component := CASE WHEN v_queue.overall THEN 'queue' ELSE 'queue ' || v_queue.entity_name END;
        IF v_queue.pending = 0 THEN
            status := 'OK'; severity := 'info';
            message := 'no pending keys';
        ELSE
            message := pg_catalog.format('%s pending key(s)%s, oldest enqueued %s (%s ago)',
                           v_queue.pending,
                           CASE WHEN v_queue.overall THEN pg_catalog.format(' of %s TVIEW(s)', v_queue.entities) ELSE '' END,
                           v_queue.oldest, pg_catalog.date_trunc('second', pg_catalog.clock_timestamp() - v_queue.oldest));
            IF NOT v_queue.registered THEN
                status := 'ERROR'; severity := 'error';
                message := message || CASE WHEN v_queue.overall
                    THEN '; some belong to TVIEWs that are no longer registered (see their queue lines)'
                    ELSE pg_catalog.format('; %s is no longer registered, nothing will refresh them: DELETE FROM pg_tview_queue WHERE entity_name = %L',
                                           v_queue.entity_name, v_queue.entity_name) END;
            ELSIF v_queue.failing > 0 THEN
                status := 'ERROR'; severity := 'error';
                message := message || pg_catalog.format('; %s failed to refresh, last error: %s; fix the cause and drain again (pg_tviews_process_queue()); '
                                                        'SELECT * FROM pg_tview_queue WHERE last_error IS NOT NULL lists them',
                                                        v_queue.failing, v_queue.last_error);
            ELSE
                status := 'WARNING'; severity := 'warning';
                message := message || CASE WHEN v_queue.suspended_work
                                           THEN '; keys queued while suspended are refreshed by pg_tviews_resume_triggers() or the commit'
                                           ELSE '' END
                                   || '; pg_tviews_process_queue() (or a drain worker) refreshes them';
            END IF;
        END IF;
        RETURN NEXT;
    END LOOP;

    component := 'stamps'; status := 'OK'; severity := 'info';
    IF repair AND pg_catalog.current_setting('transaction_read_only') <> 'on'
       AND pg_catalog.pg_has_role(session_user, (SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = 'pg_tview_stamp'::regclass), 'USAGE') THEN
        v_pruned := _tviews_prune_stamps();
    END IF;
    message := pg_catalog.format('%s stamp(s) kept for REPEATABLE READ and SERIALIZABLE writers', (SELECT pg_catalog.count(*) FROM pg_tview_stamp))
            || CASE WHEN v_pruned IS NULL THEN '' ELSE pg_catalog.format('; %s that no running transaction can need removed', v_pruned) END;
    -- (a line only where there are stamps or TVIEWs that stamp)
    IF COALESCE(v_pruned, 0) > 0 OR EXISTS (SELECT 1 FROM pg_tview_stamp)
       OR EXISTS (SELECT 1 FROM pg_tview_meta m WHERE m.options->>'isolation' = 'any') THEN
        RETURN NEXT;
    END IF;

    FOR v_meta IN
        SELECT m.* FROM _tviews_dependency_order() o JOIN pg_tview_meta m ON m.entity_name = o.entity_name
         ORDER BY o.depth, o.entity_name
    LOOP
        component := 'tview ' || v_meta.entity_name;
        v_diag := _tviews_diagnose(v_meta);
        IF v_diag.problem IS NULL THEN
            SELECT pg_catalog.count(*) INTO v_sources FROM pg_tview_source s WHERE s.entity_name = v_meta.entity_name;
            status := 'OK'; severity := 'info';
            message := pg_catalog.format('maintained from %s relation(s)', v_sources)
                    || COALESCE((SELECT pg_catalog.format('; a write to %s rebuilds it (%s)',
                                                          pg_catalog.string_agg(_tviews_qname(s.source_oid), ', ' ORDER BY s.ordinal),
                                                          pg_catalog.string_agg(DISTINCT s.reason, '; '))
                                   FROM pg_tview_source s WHERE s.entity_name = v_meta.entity_name AND s.refresh_mode = 'full'
                                 HAVING pg_catalog.count(*) > 0), '');
        ELSIF repair AND pg_catalog.current_setting('transaction_read_only') <> 'on'
              AND pg_catalog.pg_has_role(session_user, (SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = 'pg_tview_meta'::regclass), 'USAGE') THEN
            v_fix := _tviews_repair(v_meta.entity_name, v_diag.problem);
            status := CASE WHEN v_fix.outcome = 'repaired' THEN 'WARNING' ELSE 'ERROR' END;
            severity := pg_catalog.lower(status);
            message := v_diag.message || '; ' || v_fix.message;
        ELSE
            status := CASE WHEN v_diag.problem = 'changed' THEN 'WARNING' ELSE 'ERROR' END;
            severity := pg_catalog.lower(status);
            message := v_diag.message || '; '
                    || CASE v_diag.problem
                         WHEN 'table' THEN pg_catalog.format('pg_tviews_drop(%L, if_exists => true) or pg_tviews_health_check() removes the registration', v_meta.entity_name)
                         WHEN 'view' THEN 'pg_tviews_health_check() re-registers it if it can, else removes the registration'
                         ELSE 'pg_tviews_health_check() or pg_tviews_auto_convert() regenerates it from the view'
                       END
                    || CASE WHEN repair THEN ' (not in a read-only transaction)' ELSE '' END;
        END IF;
        RETURN NEXT;
    END LOOP;
END
$fn$;

CREATE OR REPLACE FUNCTION pg_tviews_show_cascade_path(entity text)
RETURNS TABLE (depth int, entity_name text) SET search_path FROM CURRENT
LANGUAGE sql STABLE SECURITY DEFINER AS $fn$
-- The TVIEWs a change to this one cascades into, by depth (1 = reads it directly).
    WITH RECURSIVE c(depth, entity_name) AS (
        SELECT 0, (_tviews_find(entity)).entity_name
        UNION
        SELECT c.depth + 1, m.entity_name FROM c JOIN pg_tview_meta m ON c.entity_name = ANY (m.reads_tviews)
         WHERE c.depth < _tviews_max_depth()
    )
    SELECT pg_catalog.min(c.depth)::int, c.entity_name FROM c WHERE c.depth > 0 GROUP BY c.entity_name ORDER BY 1, 2
$fn$;

CREATE OR REPLACE FUNCTION pg_tviews_queue_stats()
RETURNS jsonb SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
-- Pending work: entries (a key, or key NULL = a whole-TVIEW rebuild), oldest entry, entries whose
-- last attempt failed, and the same per TVIEW and per reason ('async', 'suspended').
    SELECT pg_catalog.jsonb_build_object(
        'pending', (SELECT pg_catalog.count(*) FROM pg_tview_queue),
        'oldest_enqueued_at', (SELECT pg_catalog.min(enqueued_at) FROM pg_tview_queue),
        'failing', (SELECT pg_catalog.count(*) FROM pg_tview_queue WHERE last_error IS NOT NULL),
        'rebuilds', (SELECT pg_catalog.count(*) FROM pg_tview_queue WHERE key IS NULL),
        'by_entity', COALESCE((SELECT pg_catalog.jsonb_object_agg(q.entity_name, q.n)
                                 FROM (SELECT entity_name, pg_catalog.count(*) AS n FROM pg_tview_queue GROUP BY 1) q), '{}'),
        'by_reason', COALESCE((SELECT pg_catalog.jsonb_object_agg(q.reason, q.n)
                                 FROM (SELECT reason, pg_catalog.count(*) AS n FROM pg_tview_queue GROUP BY 1) q), '{}'))
$fn$;

-- The internals above are the runtime's own: not executable by PUBLIC.
REVOKE ALL ON FUNCTION
    _tviews_dependency_order()
FROM PUBLIC;

-- Operations: refresh, verification, health and version, for operators and for tests.

CREATE OR REPLACE FUNCTION pg_tviews_version()
RETURNS text
LANGUAGE sql STABLE AS $fn$
    SELECT version FROM pg_tview_runtime
$fn$;

CREATE OR REPLACE FUNCTION pg_tviews_refresh(entity text)
RETURNS void
LANGUAGE plpgsql AS $fn$
-- Full rebuild of one TVIEW from its view; writes only rows that differ.
DECLARE
    v_meta pg_tview_meta := _tviews_find(entity);
BEGIN
    PERFORM _tviews_require_owner(v_meta, 'refresh');
    EXECUTE pg_catalog.format('SELECT %I.%I()', v_meta.schema_name, _tviews_function_name(v_meta.entity_name, 'rebuild'));
END
$fn$;

-- Registered TVIEWs in dependency order: a TVIEW comes after every TVIEW it reads.
CREATE OR REPLACE FUNCTION _tviews_dependency_order()
RETURNS TABLE (entity_name text, depth int)
LANGUAGE sql STABLE AS $fn$
    WITH RECURSIVE d(entity_name, depth) AS (
        SELECT m.entity_name, 0 FROM pg_tview_meta m
        UNION ALL
        SELECT m.entity_name, d.depth + 1
          FROM d JOIN pg_tview_meta m ON d.entity_name = ANY (m.reads_tviews)
         WHERE d.depth < 64
    )
    SELECT d.entity_name, pg_catalog.max(d.depth)::int FROM d GROUP BY d.entity_name ORDER BY 2, 1
$fn$;

CREATE OR REPLACE FUNCTION pg_tviews_refresh_all()
RETURNS jsonb
LANGUAGE plpgsql AS $fn$
-- Full rebuild of every TVIEW, readers after what they read.
DECLARE
    v_started timestamptz := pg_catalog.clock_timestamp();
    v_order   text[] := '{}';
    v_entity  text;
BEGIN
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

CREATE OR REPLACE FUNCTION pg_tviews_verify(entity_name text DEFAULT NULL)
RETURNS TABLE (entity text, missing_rows bigint, extra_rows bigint, differing_rows bigint)
LANGUAGE plpgsql AS $fn$
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
        SELECT pg_catalog.string_agg(pg_catalog.format('x.%I', c.attname), ', ') INTO v_cols FROM _tviews_columns(v_meta.view_oid) c;
        EXECUTE pg_catalog.format($sql$
            SELECT pg_catalog.count(*) FILTER (WHERE t.k IS NULL),
                   pg_catalog.count(*) FILTER (WHERE v.k IS NULL),
                   pg_catalog.count(*) FILTER (WHERE v.k IS NOT NULL AND t.k IS NOT NULL AND v.r IS DISTINCT FROM t.r)
              FROM (SELECT x.%1$I AS k, ROW(%2$s)::text AS r FROM %3$s x) v
              FULL JOIN (SELECT x.%1$I AS k, ROW(%2$s)::text AS r FROM %4$s x) t ON t.k = v.k$sql$,
            v_meta.key_column, v_cols, v_meta.view_oid, v_meta.tview_oid)
          INTO missing_rows, extra_rows, differing_rows;
        entity := v_meta.entity_name;
        RETURN NEXT;
    END LOOP;
END
$fn$;

CREATE OR REPLACE FUNCTION pg_tviews_health_check()
RETURNS TABLE (status text, component text, message text, severity text)
LANGUAGE plpgsql AS $fn$
-- OK / WARNING / ERROR lines: the runtime, and per TVIEW its table, view, generated code, triggers,
-- whether its sources changed since registration, and pending queue work.
DECLARE
    v_meta    pg_tview_meta;
    v_missing int;
    v_expected int;
    v_found   int;
BEGIN
    status := 'OK'; component := 'runtime'; severity := 'info';
    message := pg_catalog.format('tviews %s installed in schema %s; %s TVIEW(s) registered',
                                 (SELECT r.version FROM pg_tview_runtime r), (SELECT r.schema_name FROM pg_tview_runtime r),
                                 (SELECT pg_catalog.count(*) FROM pg_tview_meta));
    RETURN NEXT;
    FOR v_meta IN SELECT * FROM pg_tview_meta ORDER BY entity_name LOOP
        component := 'tview ' || v_meta.entity_name;
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid = v_meta.tview_oid) THEN
            status := 'ERROR'; severity := 'error';
            message := 'its table was dropped; pg_tviews_drop(''' || v_meta.entity_name || ''') removes the registration';
        ELSIF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid = v_meta.view_oid) THEN
            status := 'ERROR'; severity := 'error';
            message := 'its view was dropped; writes to the tables it read fail until pg_tviews_create re-registers it';
        ELSE
            SELECT pg_catalog.count(*) FILTER (WHERE pg_catalog.to_regprocedure(f) IS NULL) INTO v_missing
              FROM pg_catalog.unnest(v_meta.generated_functions) f;
            SELECT pg_catalog.count(*) * 4 INTO v_expected FROM pg_tview_source s WHERE s.entity_name = v_meta.entity_name;
            SELECT pg_catalog.count(*) INTO v_found FROM pg_catalog.pg_trigger t
             WHERE t.tgfoid IN (SELECT pg_catalog.to_regprocedure(f) FROM pg_catalog.unnest(v_meta.generated_functions) f);
            IF v_missing > 0 OR v_found <> v_expected THEN
                status := 'ERROR'; severity := 'error';
                message := pg_catalog.format('%s generated function(s) missing, %s of %s triggers present; pg_tviews_create(%L, definition) regenerates them',
                                             v_missing, v_found, v_expected, v_meta.entity_name);
            ELSIF v_meta.fingerprint IS DISTINCT FROM _tviews_fingerprint(v_meta.entity_name) THEN
                status := 'WARNING'; severity := 'warning';
                message := 'its view, table or a table it reads changed since registration; run pg_tviews_auto_convert or pg_tviews_create again';
            ELSE
                status := 'OK'; severity := 'info';
                message := pg_catalog.format('maintained from %s relation(s)', v_expected / 4);
            END IF;
        END IF;
        RETURN NEXT;
    END LOOP;
    component := 'queue';
    SELECT CASE WHEN pg_catalog.count(*) = 0 THEN 'OK' ELSE 'WARNING' END,
           pg_catalog.format('%s pending key(s), oldest enqueued %s', pg_catalog.count(*), pg_catalog.min(q.enqueued_at)),
           CASE WHEN pg_catalog.count(*) = 0 THEN 'info' ELSE 'warning' END
      INTO status, message, severity FROM pg_tview_queue q;
    RETURN NEXT;
END
$fn$;

CREATE OR REPLACE FUNCTION pg_tviews_show_cascade_path(entity text)
RETURNS TABLE (depth int, entity_name text)
LANGUAGE sql STABLE AS $fn$
-- The TVIEWs a change to this one cascades into, by depth (1 = reads it directly).
    WITH RECURSIVE c(depth, entity_name) AS (
        SELECT 0, (_tviews_find(entity)).entity_name
        UNION
        SELECT c.depth + 1, m.entity_name FROM c JOIN pg_tview_meta m ON c.entity_name = ANY (m.reads_tviews)
         WHERE c.depth < 64
    )
    SELECT pg_catalog.min(c.depth)::int, c.entity_name FROM c WHERE c.depth > 0 GROUP BY c.entity_name ORDER BY 1, 2
$fn$;

CREATE OR REPLACE FUNCTION pg_tviews_queue_stats()
RETURNS jsonb
LANGUAGE sql STABLE AS $fn$
-- Pending work per TVIEW: counts, oldest entry, failed attempts.
    SELECT pg_catalog.jsonb_build_object(
        'pending', (SELECT pg_catalog.count(*) FROM pg_tview_queue),
        'oldest_enqueued_at', (SELECT pg_catalog.min(enqueued_at) FROM pg_tview_queue),
        'failing', (SELECT pg_catalog.count(*) FROM pg_tview_queue WHERE last_error IS NOT NULL),
        'by_entity', COALESCE((SELECT pg_catalog.jsonb_object_agg(q.entity_name, q.n)
                                 FROM (SELECT entity_name, pg_catalog.count(*) AS n FROM pg_tview_queue GROUP BY 1) q), '{}'))
$fn$;

-- DDL robustness: registrations whose objects were dropped or altered underneath them.
--
-- tviews cannot watch DDL as it happens (event triggers need a superuser), so it looks afterwards:
-- pg_tviews_health_check() and pg_tviews_auto_convert() diagnose every registration and repair it.
--   its tv_ table was dropped          -> the registration is removed (maintenance code dropped)
--   its view was dropped               -> re-registered from a view v_<entity> that exists again, else
--   (DROP TABLE ... CASCADE of a table    from the registered definition if it still compiles, else the
--    it read, or DROP VIEW)               registration is removed (tv_ dropped if tviews created it)
--   generated code or triggers missing -> re-registered from the view as it is now: lineage, code and
--   or disabled, a column the lineage     triggers are derived again, rows that differ are rewritten
--   recorded renamed or dropped, the
--   view or a table it reads changed
-- A repair runs in a subtransaction: when it fails, nothing changes and the message says why.

-- Whether a relation name (as generated code spells it: schema-qualified, quoted where needed) still
-- resolves. Before PostgreSQL 16, to_regclass raises on a malformed name instead of returning NULL.
CREATE OR REPLACE FUNCTION _tviews_name_resolves(p_name text)
RETURNS boolean SET search_path FROM CURRENT
LANGUAGE plpgsql STABLE AS $fn$
BEGIN
    RETURN pg_catalog.to_regclass(p_name) IS NOT NULL;
EXCEPTION WHEN invalid_name OR syntax_error THEN
    RETURN false;
END
$fn$;

-- What is wrong with a registration: problem is NULL when nothing is, else
--   'table'   its tv_ table is gone              'view'    its backing view is gone
--   'code'    generated code, triggers, columns or the key index no longer match (writes may fail or
--             leave rows stale)
--   'changed' the view, the table or a table it reads changed since registration (code still valid)
-- and message says what, in words an operator can act on.
CREATE OR REPLACE FUNCTION _tviews_diagnose(p_meta pg_tview_meta, OUT problem text, OUT message text)
SET search_path FROM CURRENT
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    v_table        text := pg_catalog.format('%I.%I', p_meta.schema_name, 'tv_' || p_meta.entity_name);
    v_sources      int;
    v_sources_gone int;
    v_functions    int := pg_catalog.cardinality(p_meta.generated_functions);
    v_fn_missing   int;
    v_found        int;
    v_disabled     int;
    v_columns_gone text[];
    v_table_lacks  text[];
    v_names_gone   text[];
    v_uncovered    text[];
    v_disabled_on  text[];
    v_drainless    text[];
    v_parts        text[] := '{}';
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid = p_meta.tview_oid) THEN
        problem := 'table';
        message := pg_catalog.format('its table %s was dropped', v_table);
        RETURN;
    END IF;
    SELECT pg_catalog.count(*),
           pg_catalog.count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid = s.source_oid))
      INTO v_sources, v_sources_gone
      FROM pg_tview_source s WHERE s.entity_name = p_meta.entity_name;
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid = p_meta.view_oid) THEN
        problem := 'view';
        message := pg_catalog.format('its view %I.%I was dropped', p_meta.schema_name, 'v_' || p_meta.entity_name)
                || CASE WHEN v_sources_gone > 0
                        THEN pg_catalog.format(' together with %s of the %s table(s) it read (DROP TABLE ... CASCADE drops the views that read a table)',
                                               v_sources_gone, v_sources)
                        ELSE '' END;
        RETURN;
    END IF;

    -- One trigger per generated trigger function; refresh and rebuild have none.
    SELECT pg_catalog.count(*) FILTER (WHERE pg_catalog.to_regprocedure(f) IS NULL) INTO v_fn_missing
      FROM pg_catalog.unnest(p_meta.generated_functions) f;
    SELECT pg_catalog.count(*), pg_catalog.count(*) FILTER (WHERE t.tgenabled = 'D') INTO v_found, v_disabled
      FROM pg_catalog.pg_trigger t
     WHERE t.tgfoid IN (SELECT pg_catalog.to_regprocedure(f) FROM pg_catalog.unnest(p_meta.generated_functions) f);
    -- Columns the generated code names: those the view reads of each relation (by name, in the
    -- trigger functions and key mappings). A rename leaves the view working (it stores column
    -- numbers) but not the code.
    v_columns_gone := ARRAY(
        SELECT pg_catalog.format('%s.%I', _tviews_qname(s.source_oid), c)
          FROM pg_tview_source s, pg_catalog.unnest(s.columns_read) c
         WHERE s.entity_name = p_meta.entity_name
           AND EXISTS (SELECT 1 FROM pg_catalog.pg_class r WHERE r.oid = s.source_oid)
           AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                            WHERE a.attrelid = s.source_oid AND a.attname = c AND a.attnum > 0 AND NOT a.attisdropped)
         ORDER BY 1);
    -- The refresh writes every column of the view into tv_, and upserts on the key.
    v_table_lacks := ARRAY(
        SELECT pg_catalog.quote_ident(v.attname) FROM _tviews_columns(p_meta.view_oid) v
         WHERE NOT EXISTS (SELECT 1 FROM _tviews_columns(p_meta.tview_oid) t WHERE t.attname = v.attname)
         ORDER BY 1);

    -- Generated code names relations: the view and the table in the refresh, the tables a key
    -- mapping joins. A renamed relation keeps its OID (and its view working), not its old name.
    v_names_gone := ARRAY(
        SELECT DISTINCT j.m[1]
          FROM pg_tview_source s, pg_catalog.regexp_matches(COALESCE(s.key_mapping, ''), 'JOIN\s+(\S+)\s', 'g') AS j(m)
         WHERE s.entity_name = p_meta.entity_name AND NOT _tviews_name_resolves(j.m[1])
         ORDER BY 1);
    IF _tviews_qname(p_meta.view_oid) <> pg_catalog.format('%I.%I', p_meta.schema_name, 'v_' || p_meta.entity_name) THEN
        v_parts := v_parts || pg_catalog.format('its view was renamed to %s, its code names %I.%I', _tviews_qname(p_meta.view_oid),
                                                p_meta.schema_name, 'v_' || p_meta.entity_name);
    END IF;
    IF _tviews_qname(p_meta.tview_oid) <> v_table THEN
        v_parts := v_parts || pg_catalog.format('its table was renamed to %s, its code names %s', _tviews_qname(p_meta.tview_oid), v_table);
    END IF;
    IF pg_catalog.cardinality(v_names_gone) > 0 THEN
        v_parts := v_parts || pg_catalog.format('its code names relation(s) %s that no longer exist (renamed?): writes fail until its code is regenerated',
                                                pg_catalog.array_to_string(v_names_gone, ', '));
    END IF;
    IF v_fn_missing > 0 THEN
        v_parts := v_parts || pg_catalog.format('%s of its %s generated function(s) missing', v_fn_missing, v_functions);
    END IF;
    -- Four triggers (insert, update, delete, truncate) on every table a write can go through: each
    -- relation read, and its partitions and inheritance children (a new partition has none yet).
    v_uncovered := ARRAY(
        SELECT DISTINCT _tviews_qname(w.rel)
          FROM pg_tview_source s, _tviews_write_paths(s.source_oid) w
         WHERE s.entity_name = p_meta.entity_name AND EXISTS (SELECT 1 FROM pg_catalog.pg_class r WHERE r.oid = s.source_oid)
           AND (SELECT pg_catalog.count(*) FROM pg_catalog.pg_trigger t
                 WHERE t.tgrelid = w.rel
                   AND t.tgfoid IN (SELECT pg_catalog.to_regprocedure(f) FROM pg_catalog.unnest(p_meta.generated_functions) f)) < 4
         ORDER BY 1);
    v_disabled_on := ARRAY(
        SELECT DISTINCT _tviews_qname(t.tgrelid)
          FROM pg_catalog.pg_trigger t
         WHERE t.tgenabled = 'D'
           AND t.tgfoid IN (SELECT pg_catalog.to_regprocedure(f) FROM pg_catalog.unnest(p_meta.generated_functions) f)
         ORDER BY 1);
    IF pg_catalog.cardinality(v_uncovered) > 0 THEN
        v_parts := v_parts || pg_catalog.format('writes to %s do not reach it (its triggers are missing there: a new partition or child table, or dropped triggers)',
                                                pg_catalog.array_to_string(v_uncovered, ', '));
    ELSIF v_found <> 4 * (SELECT pg_catalog.count(*) FROM pg_tview_source s, _tviews_write_paths(s.source_oid) w
                           WHERE s.entity_name = p_meta.entity_name) THEN
        v_parts := v_parts || pg_catalog.format('%s trigger(s) present where %s are expected', v_found,
                                                4 * (SELECT pg_catalog.count(*) FROM pg_tview_source s, _tviews_write_paths(s.source_oid) w
                                                      WHERE s.entity_name = p_meta.entity_name));
    END IF;
    IF v_disabled > 0 THEN
        v_parts := v_parts || pg_catalog.format('%s of its triggers disabled on %s (ALTER TABLE ... DISABLE TRIGGER): changes there no longer reach %s; '
                                                'after ENABLE TRIGGER, pg_tviews_refresh(%L) brings back what they missed',
                                                v_disabled, pg_catalog.array_to_string(v_disabled_on, ', '), v_table, p_meta.entity_name);
    END IF;
    -- the drain triggers that finish a statement's cascades, on every base table's write path (cascade.sql)
    v_drainless := ARRAY(
        SELECT DISTINCT _tviews_qname(w.rel)
          FROM pg_tview_source s, _tviews_write_paths(s.source_oid) w
         WHERE s.entity_name = p_meta.entity_name AND EXISTS (SELECT 1 FROM pg_catalog.pg_class r WHERE r.oid = s.source_oid)
           AND NOT EXISTS (SELECT 1 FROM pg_tview_meta m WHERE m.tview_oid = s.source_oid)
           AND EXISTS (SELECT 1 FROM pg_tview_source r WHERE r.source_oid = p_meta.tview_oid)
           AND (SELECT pg_catalog.count(*) FROM pg_catalog.pg_trigger t
                 WHERE t.tgrelid = w.rel AND t.tgfoid = '_tviews_drain_trigger()'::regprocedure AND t.tgenabled <> 'D') < 3
         ORDER BY 1);
    IF pg_catalog.cardinality(v_drainless) > 0 THEN
        v_parts := v_parts || pg_catalog.format('the triggers that finish each statement''s cascades (tviews_zz_drain_*) are missing or disabled on %s: '
                                                'TVIEWs that read %s would miss changes there',
                                                pg_catalog.array_to_string(v_drainless, ', '), v_table);
    END IF;
    IF v_sources_gone > 0 THEN
        v_parts := v_parts || pg_catalog.format('%s of the tables it read no longer exist', v_sources_gone);
    END IF;
    IF pg_catalog.cardinality(v_columns_gone) > 0 THEN
        v_parts := v_parts || pg_catalog.format('column(s) %s that it reads no longer exist (renamed or dropped): writes to those tables fail until its code is regenerated',
                                                pg_catalog.array_to_string(v_columns_gone, ', '));
    END IF;
    IF pg_catalog.cardinality(v_table_lacks) > 0 THEN
        v_parts := v_parts || pg_catalog.format('%s lacks column(s) %s of the view', v_table, pg_catalog.array_to_string(v_table_lacks, ', '));
    END IF;
    IF NOT EXISTS (
        SELECT 1 FROM pg_catalog.pg_index i
          JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
         WHERE i.indrelid = p_meta.tview_oid AND i.indisunique AND i.indnkeyatts = 1 AND i.indpred IS NULL
           AND i.indexprs IS NULL AND a.attname = p_meta.key_column) THEN
        v_parts := v_parts || pg_catalog.format('%s has no unique index on %I any more', v_table, p_meta.key_column);
    END IF;
    IF pg_catalog.cardinality(v_parts) > 0 THEN
        problem := 'code';
        message := pg_catalog.array_to_string(v_parts, '; ');
    ELSIF p_meta.fingerprint IS DISTINCT FROM _tviews_fingerprint(p_meta.entity_name) THEN
        problem := 'changed';
        message := 'its view, its table or a table it reads changed since it was registered';
    END IF;
END
$fn$;

-- Removes a registration that can't be repaired, as pg_tviews_drop would: its generated code and
-- triggers, its pending queue entries, its lineage and its row in pg_tview_meta; the tv_ table too if
-- tviews created it and nothing else depends on it (else it is kept as a plain table: it may be the
-- user's, read by applications or other views). A backing view that still exists is kept. Returns
-- what became of the table, for the message.
CREATE OR REPLACE FUNCTION _tviews_forget(p_meta pg_tview_meta, p_reason text)
RETURNS text SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
DECLARE
    v_table text := pg_catalog.format('%I.%I', p_meta.schema_name, 'tv_' || p_meta.entity_name);
    v_fate  text;
BEGIN
    PERFORM _tviews_require_owner(p_meta, 'clean up');
    PERFORM _tviews_drop_generated(p_meta.entity_name);
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid = p_meta.tview_oid) THEN
        v_fate := 'gone';
    ELSIF NOT p_meta.table_created THEN
        v_fate := pg_catalog.format('%s is kept as a plain table (it was yours)', v_table);
    ELSIF EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                   WHERE d.refclassid = 'pg_catalog.pg_class'::regclass AND d.refobjid = p_meta.tview_oid AND d.deptype = 'n') THEN
        v_fate := pg_catalog.format('%s is kept as a plain table because other objects (views, foreign keys) depend on it', v_table);
    ELSE
        EXECUTE pg_catalog.format('DROP TABLE %s', v_table);
        v_fate := pg_catalog.format('%s was dropped (tviews had created it)', v_table);
    END IF;
    DELETE FROM pg_tview_queue q WHERE q.entity_name = p_meta.entity_name;
    DELETE FROM pg_tview_meta m WHERE m.entity_name = p_meta.entity_name;
    INSERT INTO pg_tview_meta_audit (entity_name, operation, old_definition, old_fk_columns, details)
    VALUES (p_meta.entity_name, 'cleanup', p_meta.definition, p_meta.fk_columns,
            pg_catalog.jsonb_build_object('reason', p_reason, 'table', v_fate,
                'view_kept', EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid = p_meta.view_oid)));
    RETURN v_fate;
END
$fn$;

-- Whether an error means "this definition can no longer be registered" (a relation, column or
-- function it names is gone, or lineage can't be derived any more), as opposed to a transient or
-- permission error after which nothing must be removed.
CREATE OR REPLACE FUNCTION _tviews_definition_broken(p_sqlstate text)
RETURNS boolean SET search_path FROM CURRENT
LANGUAGE sql IMMUTABLE AS $fn$
    SELECT (pg_catalog.left(p_sqlstate, 2) = '42' AND p_sqlstate <> '42501') OR p_sqlstate IN ('0A000', '54001')
$fn$;

-- Repairs one registration with the given problem (from _tviews_diagnose). outcome is 'repaired'
-- (re-registered), 'removed' (registration dropped, see _tviews_forget) or 'failed' (nothing changed);
-- message says what was done or why not, and what to do.
CREATE OR REPLACE FUNCTION _tviews_repair(p_entity text, p_problem text, OUT outcome text, OUT message text)
SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
DECLARE
    v_meta  pg_tview_meta;
    v_table text;
    v_view  regclass;
    v_sql   text;
    v_from  text;
    v_state text;
    v_error text;
    v_hint  text;
    v_fate  text;
BEGIN
    SELECT * INTO STRICT v_meta FROM pg_tview_meta m WHERE m.entity_name = p_entity;
    v_table := pg_catalog.format('%I.%I', v_meta.schema_name, 'tv_' || v_meta.entity_name);
    BEGIN
        IF p_problem = 'table' THEN
            PERFORM _tviews_forget(v_meta, 'table dropped');
            outcome := 'removed';
            message := 'registration removed, with its triggers and generated functions'
                    || CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid = v_meta.view_oid)
                            THEN pg_catalog.format(' (view %s kept)', _tviews_qname(v_meta.view_oid)) ELSE '' END
                    || pg_catalog.format('; pg_tviews_create(%L, select_sql) registers it again', v_meta.entity_name);
            RETURN;
        END IF;
        IF p_problem = 'view' THEN
            v_view := pg_catalog.to_regclass(pg_catalog.format('%I.%I', v_meta.schema_name, 'v_' || v_meta.entity_name));
            IF v_view IS NOT NULL AND (SELECT c.relkind FROM pg_catalog.pg_class c WHERE c.oid = v_view) = 'v' THEN
                -- dropped and created again (a migration replacing the view): follow the new one
                v_sql := pg_catalog.rtrim(pg_catalog.pg_get_viewdef(v_view), E'; \n');
                v_from := 'view ' || _tviews_qname(v_view) || ', which exists again';
            ELSE
                v_sql := v_meta.definition;
                v_from := 'its registered definition, view created again';
            END IF;
        ELSE
            -- The view as it is now: the registered text while PostgreSQL still stores the same view,
            -- else the view's current definition (after a column rename it names the new column).
            v_sql := CASE WHEN v_meta.normalized_definition = pg_catalog.pg_get_viewdef(v_meta.view_oid) THEN v_meta.definition
                          ELSE pg_catalog.rtrim(pg_catalog.pg_get_viewdef(v_meta.view_oid), E'; \n') END;
            v_from := 'view ' || _tviews_qname(v_meta.view_oid) || ' as it is now';
        END IF;
        PERFORM _tviews_register(v_meta.schema_name || '.' || v_meta.entity_name, v_sql, v_meta.options, v_meta.fk_columns,
                                 v_meta.default_view, 'repair', true);
        outcome := 'repaired';
        message := pg_catalog.format('repaired: re-registered from %s; lineage, code and triggers regenerated, %s exact', v_from, v_table);
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_error = MESSAGE_TEXT, v_hint = PG_EXCEPTION_HINT;
        IF p_problem = 'view' AND _tviews_definition_broken(v_state) THEN
            -- The view is gone for good (a table it read was dropped): stop maintaining it, so that the
            -- triggers left on the other tables it read can't fail their writes.
            BEGIN
                v_fate := _tviews_forget(v_meta, 'view dropped: ' || v_error);
                outcome := 'removed';
                message := pg_catalog.format('it cannot be registered again (%s), so the registration was removed, with its triggers and generated functions; '
                                             '%s; pg_tviews_create(%L, select_sql) registers it again',
                                             v_error, v_fate, v_meta.entity_name);
                RETURN;
            EXCEPTION WHEN OTHERS THEN
                GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_error = MESSAGE_TEXT, v_hint = PG_EXCEPTION_HINT;
            END;
        END IF;
        outcome := 'failed';
        message := pg_catalog.format('not repaired: %s%s', v_error, CASE WHEN v_hint <> '' THEN ' (' || v_hint || ')' ELSE '' END)
                || CASE WHEN p_problem IN ('table', 'view')
                        THEN pg_catalog.format('; pg_tviews_drop(%L, if_exists => true) removes the registration', v_meta.entity_name)
                        ELSE pg_catalog.format('; fix the cause and run pg_tviews_health_check() again, or re-register with pg_tviews_create(%L, select_sql)', v_meta.entity_name)
                   END;
    END;
END
$fn$;

-- Diagnoses and repairs the registrations of one schema (NULL: all), readers after what they read.
-- p_all: also regenerate registrations whose code is stale or whose sources changed ('code',
-- 'changed'); otherwise only those whose table or view is gone (what auto-convert can't do itself).
-- One row per registration that had a problem; nothing is repaired in a read-only transaction.
CREATE OR REPLACE FUNCTION _tviews_repair_registrations(p_schema name, p_all boolean)
RETURNS TABLE (entity text, problem text, diagnosis text, outcome text, message text) SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
DECLARE
    v_meta   pg_tview_meta;
    v_diag   record;
    v_repair record;
BEGIN
    FOR v_meta IN
        SELECT m.* FROM _tviews_dependency_order() o JOIN pg_tview_meta m ON m.entity_name = o.entity_name
         WHERE p_schema IS NULL OR m.schema_name = p_schema
         ORDER BY o.depth, o.entity_name
    LOOP
        -- Conversions call this on every run: without p_all, two catalog lookups per registration.
        CONTINUE WHEN NOT p_all AND EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid = v_meta.tview_oid)
                                AND EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid = v_meta.view_oid);
        v_diag := _tviews_diagnose(v_meta);
        CONTINUE WHEN v_diag.problem IS NULL OR NOT (p_all OR v_diag.problem IN ('table', 'view'));
        entity := v_meta.entity_name;
        problem := v_diag.problem;
        diagnosis := v_diag.message;
        IF pg_catalog.current_setting('transaction_read_only') = 'on' THEN
            outcome := 'failed';
            message := 'not repaired: read-only transaction';
        ELSE
            v_repair := _tviews_repair(v_meta.entity_name, v_diag.problem);
            outcome := v_repair.outcome;
            message := v_repair.message;
        END IF;
        RETURN NEXT;
    END LOOP;
END
$fn$;

-- For generated trigger code, on its slow path only: called when the view v_<entity> no longer
-- resolves by name. True when the registered view is gone (DROP TABLE ... CASCADE of a table it read,
-- DROP VIEW): the triggers left on the other tables then have nothing to maintain and must let their
-- writes through, until the health check or a conversion repairs or removes the registration. A view
-- that still exists under another name (or schema) is not gone: the code names the old one, so the
-- write fails here with a message saying what to do, instead of silently leaving the TVIEW stale.
CREATE OR REPLACE FUNCTION _tviews_view_dropped(p_entity text)
RETURNS boolean SET search_path FROM CURRENT
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    v_meta pg_tview_meta;
BEGIN
    SELECT * INTO v_meta FROM pg_tview_meta m WHERE m.entity_name = p_entity;
    IF NOT FOUND OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid = v_meta.view_oid) THEN
        RETURN true;
    END IF;
    RAISE EXCEPTION 'tviews: the view of TVIEW % was renamed to %; its maintenance code names %.%',
                    p_entity, _tviews_qname(v_meta.view_oid), pg_catalog.quote_ident(v_meta.schema_name),
                    pg_catalog.quote_ident('v_' || p_entity)
        USING ERRCODE = '55000',
              HINT = 'Rename it back, or run SELECT * FROM pg_tviews_health_check() (or your migration tool''s conversion), which regenerates the code.';
END
$fn$;

-- The internals above are the runtime's own: not executable by PUBLIC.
REVOKE ALL ON FUNCTION
    _tviews_name_resolves(p_name text),
    _tviews_diagnose(p_meta pg_tview_meta, OUT problem text, OUT message text),
    _tviews_forget(p_meta pg_tview_meta, p_reason text),
    _tviews_definition_broken(p_sqlstate text),
    _tviews_repair(p_entity text, p_problem text, OUT outcome text, OUT message text),
    _tviews_repair_registrations(p_schema name, p_all boolean),
    _tviews_view_dropped(p_entity text)
FROM PUBLIC;

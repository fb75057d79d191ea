-- Conversion: turning every tv_<entity> table of a schema into a TVIEW, as the integration guide
-- does after each schema build. Re-running it is cheap and changes nothing when nothing changed.

-- The basic view auto-convert generates when the user wrote no v_<entity>: shaped to the tv_
-- table: pk_<entity>, the columns tv_ shares with tb_, and data = a JSONB object of tb_'s columns.
-- NULL when tb_<entity> lacks what it needs (the reason is in skip_reason).
CREATE OR REPLACE FUNCTION _tviews_default_select(p_schema name, p_entity text, OUT select_sql text, OUT skip_reason text)
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    v_base   regclass := pg_catalog.to_regclass(pg_catalog.format('%I.%I', p_schema, 'tb_' || p_entity));
    v_table  regclass := pg_catalog.to_regclass(pg_catalog.format('%I.%I', p_schema, 'tv_' || p_entity));
    v_key    name := ('pk_' || p_entity)::name;
    v_select text[] := '{}';
    v_col    record;
    v_object text;
BEGIN
    IF v_base IS NULL THEN
        skip_reason := pg_catalog.format('no view %I.%I and no table %I.%I to generate one from', p_schema, 'v_' || p_entity, p_schema, 'tb_' || p_entity);
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM _tviews_columns(v_base) c WHERE c.attname = v_key) THEN
        skip_reason := pg_catalog.format('%s has no %I column', v_base, v_key);
        RETURN;
    END IF;
    SELECT CASE WHEN pg_catalog.count(*) <= 50
                THEN 'jsonb_build_object(' || pg_catalog.string_agg(pg_catalog.format(E'\n        %L, t.%I', c.attname, c.attname), ',') || E'\n    )'
                ELSE 'to_jsonb(t.*)' END
      INTO v_object FROM _tviews_columns(v_base) c;
    FOR v_col IN SELECT c.attname FROM _tviews_columns(v_table) c LOOP
        IF EXISTS (SELECT 1 FROM _tviews_columns(v_base) b WHERE b.attname = v_col.attname) THEN
            v_select := v_select || pg_catalog.format('t.%I', v_col.attname);
        ELSIF v_col.attname = 'data' THEN
            v_select := v_select || (v_object || ' AS data');
        END IF;
    END LOOP;
    select_sql := pg_catalog.format(E'SELECT %s\n  FROM %I.%I t', pg_catalog.array_to_string(v_select, E',\n       '), p_schema, 'tb_' || p_entity);
END
$fn$;

-- What auto-convert would do for each tv_ table of a schema, without doing it.
CREATE OR REPLACE FUNCTION _tviews_convert_candidates(p_schema name)
RETURNS TABLE (entity text, base_table text, backing_view text, select_sql text, default_view boolean, skip_reason text)
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    v_t       record;
    v_meta    pg_tview_meta;
    v_view    regclass;
    v_default record;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n WHERE n.nspname = p_schema) THEN
        RAISE EXCEPTION 'tviews: schema % does not exist', pg_catalog.quote_ident(p_schema)
            USING ERRCODE = '3F000', HINT = 'Name an existing schema (auto-convert looks for tv_* tables in it).';
    END IF;
    FOR v_t IN
        SELECT c.oid::regclass AS rel, pg_catalog.substr(c.relname, 4) AS entity
          FROM pg_catalog.pg_class c
         WHERE c.relnamespace = p_schema::regnamespace AND c.relkind IN ('r', 'p') AND c.relname LIKE 'tv\_%'
           AND NOT c.relispartition
         ORDER BY c.relname
    LOOP
        entity := v_t.entity;
        base_table := CASE WHEN pg_catalog.to_regclass(pg_catalog.format('%I.%I', p_schema, 'tb_' || v_t.entity)) IS NOT NULL
                           THEN pg_catalog.format('%I.%I', p_schema, 'tb_' || v_t.entity) END;
        backing_view := pg_catalog.format('%I.%I', p_schema, 'v_' || v_t.entity);
        select_sql := NULL; default_view := false; skip_reason := NULL;
        SELECT * INTO v_meta FROM pg_tview_meta m WHERE m.entity_name = v_t.entity;
        v_view := pg_catalog.to_regclass(backing_view);
        IF v_t.entity !~ '^[A-Za-z_][A-Za-z0-9_]*$' OR pg_catalog.length(v_t.entity) > 40 THEN
            skip_reason := pg_catalog.format('%s is not a usable entity name (letters, digits, underscore; at most 40)', pg_catalog.quote_literal(v_t.entity));
        ELSIF v_meta.entity_name IS NOT NULL AND v_meta.schema_name <> p_schema THEN
            skip_reason := pg_catalog.format('entity %s is already registered in schema %I', v_t.entity, v_meta.schema_name);
        ELSIF NOT EXISTS (SELECT 1 FROM _tviews_columns(v_t.rel) c WHERE c.attname = 'pk_' || v_t.entity) THEN
            skip_reason := pg_catalog.format('%s has no %I column', v_t.rel, 'pk_' || v_t.entity);
        ELSIF v_view IS NOT NULL AND NOT (v_meta.entity_name IS NOT NULL AND v_meta.default_view
                                          AND v_meta.normalized_definition = pg_catalog.pg_get_viewdef(v_view)) THEN
            -- The user's own view: registered as it is (its original text when unchanged).
            select_sql := CASE WHEN v_meta.normalized_definition = pg_catalog.pg_get_viewdef(v_view) THEN v_meta.definition
                               ELSE pg_catalog.rtrim(pg_catalog.pg_get_viewdef(v_view), E'; \n') END;
        ELSE
            v_default := _tviews_default_select(p_schema, v_t.entity);
            select_sql := v_default.select_sql;
            skip_reason := v_default.skip_reason;
            default_view := true;
        END IF;
        RETURN NEXT;
    END LOOP;
END
$fn$;

CREATE OR REPLACE FUNCTION pg_tviews_auto_convert_plan(schema text DEFAULT 'public')
RETURNS TABLE (entity text, base_table text, backing_view text, select_sql text, action text)
LANGUAGE sql STABLE AS $fn$
-- Shows, per tv_ table, what pg_tviews_auto_convert would register; changes nothing.
    SELECT c.entity, c.base_table, c.backing_view, c.select_sql,
           CASE WHEN c.skip_reason IS NOT NULL THEN 'skip: ' || c.skip_reason
                WHEN NOT EXISTS (SELECT 1 FROM pg_tview_meta m WHERE m.entity_name = c.entity) THEN 'create'
                WHEN c.default_view THEN 'create or replace with the generated view'
                ELSE 'create or replace with the existing view' END
      FROM _tviews_convert_candidates(schema::name) c
$fn$;

CREATE OR REPLACE FUNCTION pg_tviews_auto_convert(schema text DEFAULT 'public')
RETURNS TABLE (entity text, status text, message text)
LANGUAGE plpgsql AS $fn$
-- Registers every tv_ table of a schema, each in its own subtransaction: one failure is reported
-- as ERROR and does not undo the others. Status: CREATED, UNCHANGED, REPLACED, SKIPPED, ERROR.
DECLARE
    v_c       record;
    v_result  text;
    v_started timestamptz;
    v_detail  text;
    v_hint    text;
    v_rows    bigint;
    v_fixed   jsonb := '{}';
    v_fix     record;
BEGIN
    -- Registrations whose table or view was dropped underneath them (ddl.sql) are repaired or removed
    -- first, so that none is left half-working; what happened leads the entity's line.
    FOR v_fix IN SELECT * FROM _tviews_repair_registrations(schema::name, false) LOOP
        v_fixed := v_fixed || pg_catalog.jsonb_build_object(v_fix.entity, pg_catalog.jsonb_build_object(
                       'outcome', v_fix.outcome,
                       'message', v_fix.diagnosis || '; ' || v_fix.message));
    END LOOP;
    FOR v_c IN SELECT * FROM _tviews_convert_candidates(schema::name) LOOP
        entity := v_c.entity;
        v_started := pg_catalog.clock_timestamp();
        IF v_c.skip_reason IS NOT NULL THEN
            status := 'SKIPPED';
            message := v_c.skip_reason;
        ELSE
            BEGIN
                v_result := _tviews_register(schema || '.' || v_c.entity, v_c.select_sql, COALESCE(
                                (SELECT m.options FROM pg_tview_meta m WHERE m.entity_name = v_c.entity), '{}'),
                                NULL, v_c.default_view, 'convert');
                status := CASE v_result WHEN 'created' THEN 'CREATED' WHEN 'unchanged' THEN 'UNCHANGED' ELSE 'REPLACED' END;
                message := pg_catalog.format('%s %I.%I from %s %s', v_result, schema, 'tv_' || v_c.entity,
                               CASE WHEN v_c.default_view THEN 'generated view' ELSE 'view' END, v_c.backing_view);
                IF v_result <> 'unchanged' THEN
                    EXECUTE pg_catalog.format('SELECT pg_catalog.count(*) FROM %I.%I', schema, 'tv_' || v_c.entity) INTO v_rows;
                    message := message || pg_catalog.format(' (%s rows)', v_rows);
                END IF;
                message := message || pg_catalog.format(' in %s ms',
                               pg_catalog.round((EXTRACT(epoch FROM pg_catalog.clock_timestamp() - v_started) * 1000)::numeric, 1));
            EXCEPTION WHEN OTHERS THEN
                GET STACKED DIAGNOSTICS v_detail = PG_EXCEPTION_DETAIL, v_hint = PG_EXCEPTION_HINT;
                status := 'ERROR';
                message := SQLERRM || CASE WHEN v_detail <> '' THEN ' (' || v_detail || ')' ELSE '' END
                                   || CASE WHEN v_hint <> '' THEN ' HINT: ' || v_hint ELSE '' END;
            END;
        END IF;
        IF v_fixed ? v_c.entity THEN
            status := CASE WHEN v_fixed->v_c.entity->>'outcome' = 'failed' THEN 'ERROR'
                           WHEN v_fixed->v_c.entity->>'outcome' = 'repaired' AND status = 'UNCHANGED' THEN 'REPLACED'
                           ELSE status END;
            message := (v_fixed->v_c.entity->>'message') || '; then: ' || message;
            v_fixed := v_fixed - v_c.entity;
        END IF;
        RETURN NEXT;
    END LOOP;
    -- Repaired or removed registrations that have no tv_ table any more
    FOR entity, status, message IN
        SELECT f.key, CASE WHEN f.value->>'outcome' = 'failed' THEN 'ERROR' ELSE 'SKIPPED' END, f.value->>'message'
          FROM pg_catalog.jsonb_each(v_fixed) f ORDER BY f.key
    LOOP
        RETURN NEXT;
    END LOOP;
END
$fn$;

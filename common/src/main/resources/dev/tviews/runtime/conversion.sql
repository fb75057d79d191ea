-- Conversion: turning the tv_<entity> tables of one or more schemas into TVIEWs, as the integration
-- guide does after each schema build. This is the project's one conversion engine: psql, the Flyway
-- callback, the Liquibase change and the CLI all call pg_tviews_auto_convert (or its _plan) with the
-- same jsonb options and only format the rows it returns. One call reads the catalog once for all of
-- its schemas, so converting N tv_ tables costs one call that grows linearly with N. Re-running it is
-- cheap and changes nothing when nothing changed.
--
-- Options (all optional), the same for pg_tviews_auto_convert and pg_tviews_auto_convert_plan:
--   schemas   ["a", "b"]        several schemas instead of the first argument (which is then NULL)
--   include   ["post*", "u?er"] glob patterns; with a dot ("blog.post*") matched against schema.entity
--   exclude   ["audit_*"]       the same; exclude wins over include
--   entities  {"post": {"select": "SELECT ...", "fk_columns": ["fk_user"], "options": {...}, "mode": "async"},
--              "blog.tag": {...}}  per-entity overrides; a key with a dot names the schema
--   dry_run   true              convert, report, and roll every change back

-- The basic view auto-convert generates when the user wrote no v_<entity>: shaped to the tv_
-- table: pk_<entity>, the columns tv_ shares with tb_, and data = a JSONB object of tb_'s columns.
-- NULL when tb_<entity> lacks what it needs (the reason is in skip_reason).
CREATE OR REPLACE FUNCTION _tviews_default_select(p_schema name, p_entity text, OUT select_sql text, OUT skip_reason text)
SET search_path FROM CURRENT
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

-- Auto-convert's options, read and checked once per call: every caller passes the same jsonb, so the
-- checks and their messages live here and nowhere else. Returns the schemas to convert (each one
-- checked to exist), the include/exclude patterns, the per-entity overrides and the dry-run flag.
CREATE OR REPLACE FUNCTION _tviews_convert_settings(p_schema text, p_options jsonb,
    OUT schemas name[], OUT include text[], OUT exclude text[], OUT entities jsonb, OUT dry_run boolean)
SET search_path FROM CURRENT
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    v_options jsonb := COALESCE(p_options, '{}');
    v_key     text;
    v_value   jsonb;
    v_setting text;
    v_bad     text;
BEGIN
    IF pg_catalog.jsonb_typeof(v_options) <> 'object' THEN
        RAISE EXCEPTION 'tviews: auto-convert options must be a JSON object, not %', v_options
            USING ERRCODE = '22023', HINT = 'Pass e.g. ''{"include": ["post*"]}''::jsonb, or no options at all.';
    END IF;
    FOR v_key, v_value IN SELECT o.key, o.value FROM pg_catalog.jsonb_each(v_options) o LOOP
        IF v_key IN ('schemas', 'include', 'exclude') THEN
            IF pg_catalog.jsonb_typeof(v_value) <> 'array'
               OR EXISTS (SELECT 1 FROM pg_catalog.jsonb_array_elements(v_value) e WHERE pg_catalog.jsonb_typeof(e) <> 'string') THEN
                RAISE EXCEPTION 'tviews: auto-convert option % must be an array of strings, not %', v_key, v_value
                    USING ERRCODE = '22023', HINT = pg_catalog.format('Write it as "%s": ["..."].', v_key);
            END IF;
        ELSIF v_key = 'entities' THEN
            IF pg_catalog.jsonb_typeof(v_value) <> 'object' THEN
                RAISE EXCEPTION 'tviews: auto-convert option entities must be an object, not %', v_value
                    USING ERRCODE = '22023', HINT = 'Write it as "entities": {"post": {"fk_columns": ["fk_user"]}}.';
            END IF;
        ELSIF v_key = 'dry_run' THEN
            IF pg_catalog.jsonb_typeof(v_value) <> 'boolean' THEN
                RAISE EXCEPTION 'tviews: auto-convert option dry_run must be true or false, not %', v_value
                    USING ERRCODE = '22023';
            END IF;
        ELSE
            RAISE EXCEPTION 'tviews: unknown auto-convert option %', pg_catalog.quote_literal(v_key)
                USING ERRCODE = '22023', HINT = 'The options are schemas, include, exclude, entities and dry_run.';
        END IF;
    END LOOP;

    include := ARRAY(SELECT pg_catalog.jsonb_array_elements_text(COALESCE(v_options->'include', '[]')));
    exclude := ARRAY(SELECT pg_catalog.jsonb_array_elements_text(COALESCE(v_options->'exclude', '[]')));
    SELECT pg_catalog.string_agg(pg_catalog.quote_literal(p), ', ') INTO v_bad
      FROM pg_catalog.unnest(include || exclude) p
     WHERE p !~ '^[A-Za-z0-9_*?]+(\.[A-Za-z0-9_*?]+)?$';
    IF v_bad IS NOT NULL THEN
        RAISE EXCEPTION 'tviews: % is not an entity pattern', v_bad
            USING ERRCODE = '22023',
                  HINT = 'Patterns are letters, digits, underscores, * (any run) and ? (one character), with at most one dot to match schema.entity.';
    END IF;

    IF v_options ? 'schemas' THEN
        IF p_schema IS NOT NULL THEN
            RAISE EXCEPTION 'tviews: the schemas to convert are given twice, as the argument % and as options.schemas',
                    pg_catalog.quote_literal(p_schema)
                USING ERRCODE = '22023', HINT = 'Pass NULL as the first argument, or leave schemas out of the options.';
        END IF;
        -- In the order given, each once: the first schema is where unqualified overrides go.
        schemas := ARRAY(SELECT s.name::name FROM pg_catalog.jsonb_array_elements_text(v_options->'schemas') WITH ORDINALITY s(name, i)
                          GROUP BY s.name ORDER BY pg_catalog.min(s.i));
        IF pg_catalog.cardinality(schemas) = 0 THEN
            RAISE EXCEPTION 'tviews: options.schemas names no schema'
                USING ERRCODE = '22023', HINT = 'Name at least one schema, or leave schemas out to convert public.';
        END IF;
    ELSE
        schemas := ARRAY[COALESCE(p_schema, 'public')::name];
    END IF;
    SELECT pg_catalog.string_agg(pg_catalog.quote_ident(s), ', ') INTO v_bad
      FROM pg_catalog.unnest(schemas) s
     WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n WHERE n.nspname = s);
    IF v_bad IS NOT NULL THEN
        RAISE EXCEPTION 'tviews: schema % does not exist', v_bad
            USING ERRCODE = '3F000', HINT = 'Name an existing schema (auto-convert looks for tv_* tables in it).';
    END IF;

    entities := COALESCE(v_options->'entities', '{}');
    FOR v_key, v_value IN SELECT o.key, o.value FROM pg_catalog.jsonb_each(entities) o LOOP
        IF pg_catalog.jsonb_typeof(v_value) <> 'object' THEN
            RAISE EXCEPTION 'tviews: entities.% must be an object, not %', v_key, v_value
                USING ERRCODE = '22023', HINT = 'Write it as {"select": "...", "fk_columns": [...], "options": {...}, "mode": "..."}.';
        END IF;
        FOR v_setting IN SELECT k FROM pg_catalog.jsonb_object_keys(v_value) k LOOP
            IF v_setting NOT IN ('select', 'fk_columns', 'options', 'mode')
               OR pg_catalog.jsonb_typeof(v_value->v_setting) <> (CASE v_setting WHEN 'fk_columns' THEN 'array'
                                                                              WHEN 'options' THEN 'object' ELSE 'string' END) THEN
                RAISE EXCEPTION 'tviews: entities.%.% is not a setting auto-convert understands (%)', v_key, v_setting, v_value->v_setting
                    USING ERRCODE = '22023',
                          HINT = 'An entity takes select (text), fk_columns (array of column names), options (object) and mode (text).';
            END IF;
        END LOOP;
    END LOOP;
    dry_run := COALESCE((v_options->>'dry_run')::boolean, false);
END
$fn$;

-- Why include/exclude leave an entity out, or NULL when they keep it. A pattern with a dot is
-- matched against schema.entity, others against the entity name; exclude wins over include.
CREATE OR REPLACE FUNCTION _tviews_convert_excluded(p_schema name, p_entity text, p_include text[], p_exclude text[])
RETURNS text SET search_path FROM CURRENT
LANGUAGE sql IMMUTABLE AS $fn$
    WITH patterns AS (
        SELECT p.pattern, p.kind, p.i,
               CASE WHEN pg_catalog.strpos(p.pattern, '.') > 0 THEN p_schema || '.' || p_entity ELSE p_entity END
                 ~ ('^' || pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(p.pattern, '.', '\.'), '*', '.*'), '?', '.') || '$') AS hit
          FROM (SELECT e.pattern, 'exclude' AS kind, e.i FROM pg_catalog.unnest(p_exclude) WITH ORDINALITY e(pattern, i)
                UNION ALL
                SELECT n.pattern, 'include', n.i FROM pg_catalog.unnest(p_include) WITH ORDINALITY n(pattern, i)) p
    )
    SELECT COALESCE(
        (SELECT 'excluded by pattern ' || x.pattern || ' (exclude)' FROM patterns x WHERE x.kind = 'exclude' AND x.hit ORDER BY x.i LIMIT 1),
        CASE WHEN pg_catalog.cardinality(p_include) > 0 AND NOT EXISTS (SELECT 1 FROM patterns x WHERE x.kind = 'include' AND x.hit)
             THEN 'matches no include pattern [' || pg_catalog.array_to_string(p_include, ', ') || ']' END)
$fn$;

-- What auto-convert does for each entity of a call, in the order it does it, without doing it. One
-- pass over pg_class finds the tv_ tables of every schema of the call (so the cost is linear in their
-- number). action is
--   select   register the entity's configured select (its tv_ table is created when missing)
--   convert  register the user's v_<entity>, or the generated view when default_view
--   skip     leave it alone (reason says why: include/exclude, a name or table it can't use)
--   error    a configured entity that can't be placed (reason says how to fix it)
CREATE OR REPLACE FUNCTION _tviews_convert_work(p_schemas name[], p_include text[], p_exclude text[], p_entities jsonb)
RETURNS TABLE (schema_name name, entity text, action text, select_sql text, default_view boolean, options jsonb,
               fk_columns text[], base_table text, backing_view text, reason text)
SET search_path FROM CURRENT
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    v_key        text;
    v_config     jsonb;
    v_placed     jsonb := '{}';
    v_meta       pg_tview_meta;
    v_t          record;
    v_view       regclass;
    v_default    record;
    v_schemas    text := '[' || pg_catalog.array_to_string(p_schemas, ', ') || ']';
BEGIN
    -- 1. Configured entities: each goes to the schema its key names, else to the first schema that
    --    has its tv_ table, else (with a select, which creates the table) to the first schema.
    FOR v_key, v_config IN SELECT o.key, o.value FROM pg_catalog.jsonb_each(p_entities) o ORDER BY o.key LOOP
        schema_name := NULL;
        entity := v_key;
        IF pg_catalog.strpos(v_key, '.') > 0 THEN
            schema_name := pg_catalog.split_part(v_key, '.', 1);
            entity := pg_catalog.substr(v_key, pg_catalog.strpos(v_key, '.') + 1);
            IF NOT schema_name = ANY (p_schemas) THEN
                action := 'error';
                reason := pg_catalog.format('entities.%s is configured, but schema %s is not converted (schemas: %s)',
                                            v_key, schema_name, v_schemas);
                RETURN NEXT;
                CONTINUE;
            END IF;
        ELSE
            SELECT s.name INTO schema_name FROM pg_catalog.unnest(p_schemas) WITH ORDINALITY s(name, i)
             WHERE pg_catalog.to_regclass(pg_catalog.format('%I.%I', s.name, 'tv_' || v_key)) IS NOT NULL
             ORDER BY s.i LIMIT 1;
            IF schema_name IS NULL AND v_config ? 'select' THEN
                schema_name := p_schemas[1];
            ELSIF schema_name IS NULL THEN
                schema_name := p_schemas[1];
                action := 'error';
                reason := pg_catalog.format('entities.%s is configured, but no schema of %s has a table tv_%s; fix the name, '
                                            'or give it a select so that tviews creates the table', v_key, v_schemas, v_key);
                RETURN NEXT;
                CONTINUE;
            END IF;
        END IF;
        v_placed := v_placed || pg_catalog.jsonb_build_object(schema_name || '.' || entity, v_config);
    END LOOP;

    -- 2. Entities with a select of their own, registered first so auto-convert can't claim them.
    FOR v_key, v_config IN SELECT o.key, o.value FROM pg_catalog.jsonb_each(v_placed) o WHERE o.value ? 'select' ORDER BY o.key LOOP
        schema_name := pg_catalog.split_part(v_key, '.', 1);
        entity := pg_catalog.substr(v_key, pg_catalog.strpos(v_key, '.') + 1);
        reason := _tviews_convert_excluded(schema_name, entity, p_include, p_exclude);
        action := CASE WHEN reason IS NULL THEN 'select' ELSE 'skip' END;
        select_sql := v_config->>'select';
        default_view := false;
        options := _tviews_convert_entity_options(v_config, NULL);
        fk_columns := CASE WHEN v_config ? 'fk_columns' THEN ARRAY(SELECT pg_catalog.jsonb_array_elements_text(v_config->'fk_columns')) END;
        base_table := NULL;
        backing_view := 'the configured select';
        RETURN NEXT;
    END LOOP;

    -- 3. Every tv_ table of every schema, in one pass over pg_class.
    FOR v_t IN
        SELECT c.oid::regclass AS rel, n.nspname AS schema_name, pg_catalog.substr(c.relname, 4) AS entity
          FROM pg_catalog.unnest(p_schemas) WITH ORDINALITY s(name, i)
          JOIN pg_catalog.pg_namespace n ON n.nspname = s.name
          JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid
         WHERE c.relkind IN ('r', 'p') AND c.relname LIKE 'tv\_%' AND NOT c.relispartition
         ORDER BY s.i, c.relname
    LOOP
        v_config := v_placed->(v_t.schema_name || '.' || v_t.entity);
        CONTINUE WHEN v_config ? 'select';
        schema_name := v_t.schema_name;
        entity := v_t.entity;
        base_table := CASE WHEN pg_catalog.to_regclass(pg_catalog.format('%I.%I', v_t.schema_name, 'tb_' || v_t.entity)) IS NOT NULL
                           THEN pg_catalog.format('%I.%I', v_t.schema_name, 'tb_' || v_t.entity) END;
        backing_view := pg_catalog.format('%I.%I', v_t.schema_name, 'v_' || v_t.entity);
        select_sql := NULL; default_view := false;
        SELECT * INTO v_meta FROM pg_tview_meta m WHERE m.entity_name = v_t.entity;
        options := _tviews_convert_entity_options(v_config, v_meta.options);
        fk_columns := CASE WHEN v_config ? 'fk_columns' THEN ARRAY(SELECT pg_catalog.jsonb_array_elements_text(v_config->'fk_columns')) END;
        v_view := pg_catalog.to_regclass(backing_view);
        reason := _tviews_convert_excluded(v_t.schema_name, v_t.entity, p_include, p_exclude);
        IF reason IS NOT NULL THEN
            NULL;
        ELSIF v_t.entity !~ '^[A-Za-z_][A-Za-z0-9_]*$' OR pg_catalog.octet_length(v_t.entity) > 60 THEN
            reason := pg_catalog.format('%s is not a usable entity name (letters, digits, underscore; at most 60 bytes, as naming.sql allows)', pg_catalog.quote_literal(v_t.entity));
        ELSIF v_meta.entity_name IS NOT NULL AND v_meta.schema_name <> v_t.schema_name THEN
            reason := pg_catalog.format('entity %s is already registered in schema %I', v_t.entity, v_meta.schema_name);
        ELSIF NOT EXISTS (SELECT 1 FROM _tviews_columns(v_t.rel) c WHERE c.attname = 'pk_' || v_t.entity) THEN
            reason := pg_catalog.format('%s has no %I column', v_t.rel, 'pk_' || v_t.entity);
        ELSIF v_view IS NOT NULL AND NOT (v_meta.entity_name IS NOT NULL AND v_meta.default_view
                                          AND v_meta.normalized_definition = pg_catalog.pg_get_viewdef(v_view)) THEN
            -- The user's own view: registered as it is (its original text when unchanged).
            select_sql := CASE WHEN v_meta.normalized_definition = pg_catalog.pg_get_viewdef(v_view) THEN v_meta.definition
                               ELSE pg_catalog.rtrim(pg_catalog.pg_get_viewdef(v_view), E'; \n') END;
        ELSE
            v_default := _tviews_default_select(v_t.schema_name, v_t.entity);
            select_sql := v_default.select_sql;
            reason := v_default.skip_reason;
            default_view := true;
        END IF;
        action := CASE WHEN reason IS NULL THEN 'convert' ELSE 'skip' END;
        RETURN NEXT;
    END LOOP;
END
$fn$;

-- The registration options of a converted entity: the configured ones (mode on top) when the
-- entity has some, else those it is registered with, so a re-run keeps what pg_tviews_create_or_replace set.
CREATE OR REPLACE FUNCTION _tviews_convert_entity_options(p_config jsonb, p_registered jsonb)
RETURNS jsonb SET search_path FROM CURRENT
LANGUAGE sql IMMUTABLE AS $fn$
    SELECT CASE WHEN p_config ? 'options' OR p_config ? 'mode'
                THEN COALESCE(p_config->'options', '{}')
                     || CASE WHEN p_config ? 'mode' THEN pg_catalog.jsonb_build_object('mode', p_config->'mode') ELSE '{}' END
                ELSE COALESCE(p_registered, '{}') END
$fn$;

CREATE OR REPLACE FUNCTION pg_tviews_auto_convert_plan(schema text DEFAULT NULL, options jsonb DEFAULT '{}')
RETURNS TABLE (entity text, base_table text, backing_view text, select_sql text, action text, schema_name text) SET search_path FROM CURRENT
LANGUAGE plpgsql STABLE AS $fn$
-- Shows, per entity, what pg_tviews_auto_convert(schema, options) would register; changes nothing.
-- Takes the same options (schemas, include, exclude, entities; dry_run is meaningless here).
DECLARE
    v_settings record := _tviews_convert_settings(schema, options);
BEGIN
    RETURN QUERY
    SELECT w.entity, w.base_table, w.backing_view, w.select_sql,
           CASE WHEN w.action IN ('skip', 'error') THEN w.action || ': ' || w.reason
                WHEN NOT EXISTS (SELECT 1 FROM pg_tview_meta m WHERE m.entity_name = w.entity) THEN 'create'
                WHEN w.action = 'select' THEN 'create or replace with the configured select'
                WHEN w.default_view THEN 'create or replace with the generated view'
                ELSE 'create or replace with the existing view' END,
           w.schema_name::text
      FROM _tviews_convert_work(v_settings.schemas, v_settings.include, v_settings.exclude, v_settings.entities) w;
END
$fn$;

-- The conversion itself, without the dry-run wrapper: see pg_tviews_auto_convert.
CREATE OR REPLACE FUNCTION _tviews_convert_run(p_schemas name[], p_include text[], p_exclude text[], p_entities jsonb)
RETURNS TABLE (entity text, status text, message text, schema_name text, duration_ms numeric) SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
DECLARE
    v_w       record;
    v_result  text;
    v_started timestamptz;
    v_detail  text;
    v_hint    text;
    v_rows    bigint;
    v_fixed   jsonb := '{}';
    v_fix     record;
    v_schema  name;
    v_key     text;
BEGIN
    -- Registrations whose table or view was dropped underneath them (ddl.sql) are repaired or removed
    -- first, so that none is left half-working; what happened leads the entity's line.
    FOREACH v_schema IN ARRAY p_schemas LOOP
        FOR v_fix IN SELECT * FROM _tviews_repair_registrations(v_schema, false) LOOP
            v_fixed := v_fixed || pg_catalog.jsonb_build_object(v_schema || '.' || v_fix.entity, pg_catalog.jsonb_build_object(
                           'outcome', v_fix.outcome,
                           'message', v_fix.diagnosis || '; ' || v_fix.message));
        END LOOP;
    END LOOP;
    FOR v_w IN SELECT * FROM _tviews_convert_work(p_schemas, p_include, p_exclude, p_entities) LOOP
        entity := v_w.entity;
        schema_name := v_w.schema_name;
        v_key := v_w.schema_name || '.' || v_w.entity;
        v_started := pg_catalog.clock_timestamp();
        IF v_w.action IN ('skip', 'error') THEN
            status := CASE v_w.action WHEN 'skip' THEN 'SKIPPED' ELSE 'ERROR' END;
            message := v_w.reason;
        ELSE
            -- Each entity in a subtransaction of its own: a failure is reported as ERROR and undoes
            -- only that entity, never the others.
            BEGIN
                v_result := _tviews_register(v_key, v_w.select_sql, v_w.options, v_w.fk_columns, v_w.default_view, 'convert');
                status := CASE v_result WHEN 'created' THEN 'CREATED' WHEN 'unchanged' THEN 'UNCHANGED' ELSE 'REPLACED' END;
                message := pg_catalog.format('%s %I.%I from %s', v_result, v_w.schema_name, 'tv_' || v_w.entity,
                               CASE WHEN v_w.action = 'select' THEN v_w.backing_view
                                    WHEN v_w.default_view THEN 'generated view ' || v_w.backing_view
                                    ELSE 'view ' || v_w.backing_view END);
                IF v_result <> 'unchanged' THEN
                    EXECUTE pg_catalog.format('SELECT pg_catalog.count(*) FROM %I.%I', v_w.schema_name, 'tv_' || v_w.entity) INTO v_rows;
                    message := message || pg_catalog.format(' (%s rows)', v_rows);
                END IF;
                IF v_w.fk_columns IS NOT NULL THEN
                    message := message || pg_catalog.format('; fk_columns [%s]', pg_catalog.array_to_string(v_w.fk_columns, ', '));
                END IF;
            EXCEPTION WHEN OTHERS THEN
                GET STACKED DIAGNOSTICS v_detail = PG_EXCEPTION_DETAIL, v_hint = PG_EXCEPTION_HINT;
                status := 'ERROR';
                message := CASE WHEN v_w.action = 'select' THEN 'the configured select failed: ' ELSE '' END
                           || SQLERRM || CASE WHEN v_detail <> '' THEN ' (' || v_detail || ')' ELSE '' END
                           || CASE WHEN v_hint <> '' THEN ' HINT: ' || v_hint ELSE '' END;
            END;
        END IF;
        IF v_fixed ? v_key THEN
            status := CASE WHEN v_fixed->v_key->>'outcome' = 'failed' THEN 'ERROR'
                           WHEN v_fixed->v_key->>'outcome' = 'repaired' AND status = 'UNCHANGED' THEN 'REPLACED'
                           ELSE status END;
            message := (v_fixed->v_key->>'message') || '; then: ' || message;
            v_fixed := v_fixed - v_key;
        END IF;
        duration_ms := pg_catalog.round((EXTRACT(epoch FROM pg_catalog.clock_timestamp() - v_started) * 1000)::numeric, 1);
        IF status IN ('CREATED', 'REPLACED', 'UNCHANGED') THEN
            message := message || pg_catalog.format(' in %s ms', duration_ms);
        END IF;
        RETURN NEXT;
    END LOOP;
    -- Repaired or removed registrations that have no tv_ table any more
    FOR schema_name, entity, status, message IN
        SELECT pg_catalog.split_part(f.key, '.', 1), pg_catalog.substr(f.key, pg_catalog.strpos(f.key, '.') + 1),
               CASE WHEN f.value->>'outcome' = 'failed' THEN 'ERROR' ELSE 'SKIPPED' END, f.value->>'message'
          FROM pg_catalog.jsonb_each(v_fixed) f ORDER BY f.key
    LOOP
        duration_ms := 0;
        RETURN NEXT;
    END LOOP;
END
$fn$;

CREATE OR REPLACE FUNCTION pg_tviews_auto_convert(schema text DEFAULT NULL, options jsonb DEFAULT '{}')
RETURNS TABLE (entity text, status text, message text, schema_name text, duration_ms numeric) SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
-- Registers every tv_ table of a schema (default public; options.schemas for several), with the
-- options described at the top of this file. One row per entity, in the order they were done;
-- status CREATED, UNCHANGED, REPLACED, SKIPPED (message says why) or ERROR (the error, its hint).
-- Each entity is converted in its own subtransaction: one failure does not undo the others; what
-- to do about failures (fail the migration, warn) is the caller's policy.
DECLARE
    v_settings record := _tviews_convert_settings(schema, options);
BEGIN
    -- Conversions from psql, migration tools and the CLI queue here instead of racing on the same
    -- registrations (Java callers take the same lock before installing the runtime).
    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('tviews convert'));
    IF NOT v_settings.dry_run THEN
        RETURN QUERY SELECT * FROM _tviews_convert_run(v_settings.schemas, v_settings.include, v_settings.exclude, v_settings.entities);
        RETURN;
    END IF;
    -- A dry run converts for real, so the report is exactly what a real run would say, then raises
    -- to roll the subtransaction back; the rows already returned are kept.
    BEGIN
        RETURN QUERY SELECT r.entity, r.status, 'dry run, rolled back: ' || r.message, r.schema_name, r.duration_ms
                       FROM _tviews_convert_run(v_settings.schemas, v_settings.include, v_settings.exclude, v_settings.entities) r;
        RAISE EXCEPTION 'tviews: dry run' USING ERRCODE = 'TVDRY';
    EXCEPTION WHEN SQLSTATE 'TVDRY' THEN
        NULL;
    END;
END
$fn$;

-- The internals above are the runtime's own: not executable by PUBLIC.
REVOKE ALL ON FUNCTION
    _tviews_default_select(p_schema name, p_entity text, OUT select_sql text, OUT skip_reason text),
    _tviews_convert_settings(p_schema text, p_options jsonb, OUT schemas name[], OUT include text[], OUT exclude text[], OUT entities jsonb, OUT dry_run boolean),
    _tviews_convert_excluded(p_schema name, p_entity text, p_include text[], p_exclude text[]),
    _tviews_convert_work(p_schemas name[], p_include text[], p_exclude text[], p_entities jsonb),
    _tviews_convert_entity_options(p_config jsonb, p_registered jsonb),
    _tviews_convert_run(p_schemas name[], p_include text[], p_exclude text[], p_entities jsonb)
FROM PUBLIC;

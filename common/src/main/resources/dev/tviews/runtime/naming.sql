-- Naming: turning user input into identifiers, and the names of generated objects.
-- Every name that reaches dynamic SQL passes through here and is later quoted with %I.

-- Splits 'post', 'tv_post' or 'schema.tv_post' into (schema, entity). Refuses anything that is not a
-- plain identifier, so that names can never carry SQL.
CREATE OR REPLACE FUNCTION _tviews_parse_entity(p_name text, p_default_schema name DEFAULT NULL,
                                                OUT schema_name name, OUT entity text)
SET search_path FROM CURRENT
LANGUAGE plpgsql STABLE AS $fn$
-- Accepts lower-case or quoted-safe identifiers only: letters, digits, underscore.
DECLARE
    v_parts text[];
BEGIN
    IF p_name IS NULL OR p_name = '' THEN
        RAISE EXCEPTION 'tviews: entity name is empty'
            USING ERRCODE = '42602', HINT = 'Pass the entity as ''post'', ''tv_post'' or ''schema.tv_post''.';
    END IF;
    v_parts := pg_catalog.string_to_array(p_name, '.');
    IF pg_catalog.array_length(v_parts, 1) > 2
       OR EXISTS (SELECT 1 FROM pg_catalog.unnest(v_parts) p WHERE p !~ '^[A-Za-z_][A-Za-z0-9_]*$') THEN
        RAISE EXCEPTION 'tviews: invalid entity name %', pg_catalog.quote_literal(p_name)
            USING ERRCODE = '42602',
                  HINT = 'Entity names are plain identifiers (letters, digits, underscore), optionally schema-qualified: ''post'', ''tv_post'', ''app.tv_post''.';
    END IF;
    IF pg_catalog.array_length(v_parts, 1) = 2 THEN
        schema_name := v_parts[1];
        entity := v_parts[2];
    ELSE
        -- Unqualified entities live in the runtime's schema (runtime functions pin search_path,
        -- so the caller's current schema is not visible here).
        schema_name := COALESCE(p_default_schema, (SELECT r.schema_name FROM pg_tview_runtime r));
        entity := v_parts[1];
    END IF;
    IF entity LIKE 'tv\_%' THEN
        entity := pg_catalog.substr(entity, 4);
    END IF;
    IF entity = '' THEN
        RAISE EXCEPTION 'tviews: invalid entity name %', pg_catalog.quote_literal(p_name) USING ERRCODE = '42602';
    END IF;
    -- tv_<entity> must fit PostgreSQL's 63-byte names (generated function names are shortened).
    IF pg_catalog.octet_length(entity) > 60 THEN
        RAISE EXCEPTION 'tviews: entity name % is longer than 60 bytes', pg_catalog.quote_literal(entity)
            USING ERRCODE = '42622', HINT = 'The table is named tv_<entity>, and PostgreSQL names stop at 63 bytes.';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n WHERE n.nspname = schema_name) THEN
        RAISE EXCEPTION 'tviews: schema % does not exist', pg_catalog.quote_ident(schema_name)
            USING ERRCODE = '3F000', HINT = 'Create the schema first, or name an existing one.';
    END IF;
END
$fn$;

-- Finds a registration by any accepted spelling; raises 42704 when there is none (unless p_missing_ok).
CREATE OR REPLACE FUNCTION _tviews_find(p_name text, p_missing_ok boolean DEFAULT false)
RETURNS pg_tview_meta SET search_path FROM CURRENT
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    v_parsed record;
    v_meta   pg_tview_meta;
BEGIN
    v_parsed := _tviews_parse_entity(p_name);
    SELECT * INTO v_meta FROM pg_tview_meta m WHERE m.entity_name = v_parsed.entity;
    IF NOT FOUND AND NOT p_missing_ok THEN
        RAISE EXCEPTION 'tviews: TVIEW % is not registered', pg_catalog.quote_literal(v_parsed.entity)
            USING ERRCODE = '42704',
                  HINT = 'SELECT entity_name FROM pg_tview_meta lists the registered TVIEWs; pg_tviews_create(entity, select_sql) registers one.';
    END IF;
    RETURN v_meta;
END
$fn$;

-- Raises tviews' own 42501 when the caller may not run the runtime's internals (the installing role
-- and its members may): public entry points call it first, so that other roles learn what to do
-- instead of reading "permission denied for function _tviews_...". The one internal PUBLIC may run.
CREATE OR REPLACE FUNCTION _tviews_require_runtime_rights(p_action text)
RETURNS void SET search_path FROM CURRENT
LANGUAGE plpgsql STABLE AS $fn$
BEGIN
    IF NOT pg_catalog.has_function_privilege('_tviews_find(text, boolean)', 'EXECUTE') THEN
        RAISE EXCEPTION 'tviews: % may not %', current_user, p_action
            USING ERRCODE = '42501',
                  HINT = 'Run this as the role that installed the tviews runtime (it owns the TVIEWs), or as a member of it; '
                         'monitoring (pg_tviews_verify, pg_tviews_health_check, pg_tviews_show_cascade_path) needs only GRANT tviews_monitor.';
    END IF;
END
$fn$;

-- Raises 42501 unless the current role may act as the owner of the TVIEW's table.
CREATE OR REPLACE FUNCTION _tviews_require_owner(p_meta pg_tview_meta, p_action text)
RETURNS void SET search_path FROM CURRENT
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    v_owner name;
BEGIN
    SELECT pg_catalog.pg_get_userbyid(c.relowner) INTO v_owner
      FROM pg_catalog.pg_class c WHERE c.oid = p_meta.tview_oid;
    IF v_owner IS NOT NULL AND NOT pg_catalog.pg_has_role(current_user, v_owner, 'USAGE') THEN
        RAISE EXCEPTION 'tviews: must be owner of % (owned by %) to % it', p_meta.tview_oid, v_owner, p_action
            USING ERRCODE = '42501', HINT = pg_catalog.format('Run this as %s, or ask them to GRANT %s TO %s.',
                                                              v_owner, v_owner, current_user);
    END IF;
END
$fn$;

-- The name of a generated function or trigger of an entity; kind is e.g. 'refresh', 'rebuild',
-- 's3_upd'. Names that would pass 63 bytes keep the entity's first 30 characters and a hash of it.
CREATE OR REPLACE FUNCTION _tviews_function_name(p_entity text, p_kind text)
RETURNS name SET search_path FROM CURRENT
LANGUAGE sql IMMUTABLE AS $fn$
    SELECT CASE WHEN pg_catalog.octet_length(pg_catalog.format('tviews_%s_%s', p_entity, p_kind)) <= 63
                THEN pg_catalog.format('tviews_%s_%s', p_entity, p_kind)
                ELSE pg_catalog.format('tviews_%s_%s_%s', pg_catalog.left(p_entity, 30), pg_catalog.left(pg_catalog.md5(p_entity), 8), p_kind)
           END::name
$fn$;

-- A relation's schema-qualified, quoted name, whatever search_path is: generated code runs with
-- search_path = pg_catalog, pg_temp, where regclass's own output would not resolve.
CREATE OR REPLACE FUNCTION _tviews_qname(p_rel regclass)
RETURNS text SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
    SELECT pg_catalog.format('%I.%I', n.nspname, c.relname)
      FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE c.oid = p_rel
$fn$;

-- The internals above are the runtime's own: not executable by PUBLIC.
REVOKE ALL ON FUNCTION
    _tviews_parse_entity(p_name text, p_default_schema name, OUT schema_name name, OUT entity text),
    _tviews_find(p_name text, p_missing_ok boolean),
    _tviews_require_owner(p_meta pg_tview_meta, p_action text),
    _tviews_function_name(p_entity text, p_kind text),
    _tviews_qname(p_rel regclass)
FROM PUBLIC;

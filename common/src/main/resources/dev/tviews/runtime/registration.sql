-- Registration: pg_tviews_create / pg_tviews_create_or_replace / pg_tviews_drop, and the trigger
-- that re-derives a TVIEW when a user edits pg_tview_meta.fk_columns. What it does to the tv_ table
-- itself (create, adopt, first build, key) is in tv_tables.sql.
-- A refused call changes nothing: every check raises before the first change, and a failure after
-- it aborts the statement (and with it everything this call did).

-- Checks that select_sql is exactly one SELECT (no second statement, no DML): PostgreSQL refuses to
-- open a cursor over several statements or over a non-query, which is exactly the test needed.
-- Unqualified names resolve with p_path, the search_path the backing view is created with.
CREATE OR REPLACE FUNCTION _tviews_check_select(p_select_sql text, p_path text)
RETURNS text SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
DECLARE
    v_sql    text;
    v_cursor refcursor;
    v_path   text := pg_catalog.current_setting('search_path');
BEGIN
    v_sql := pg_catalog.rtrim(COALESCE(p_select_sql, ''), E'; \t\r\n');
    IF pg_catalog.btrim(v_sql, E' \t\r\n') = '' THEN
        RAISE EXCEPTION 'tviews: the SELECT is empty' USING ERRCODE = '42601',
            HINT = 'Pass one SELECT that outputs the key column, e.g. SELECT pk_post, jsonb_build_object(...) AS data FROM tb_post.';
    END IF;
    PERFORM pg_catalog.set_config('search_path', p_path, true);
    BEGIN
        OPEN v_cursor FOR EXECUTE 'SELECT * FROM (' || v_sql || E'\n) AS tviews_check LIMIT 0';
        CLOSE v_cursor;
    EXCEPTION
        WHEN syntax_error OR feature_not_supported OR invalid_cursor_definition OR wrong_object_type THEN
            RAISE EXCEPTION 'tviews: the definition must be exactly one SELECT: %', SQLERRM
                USING ERRCODE = '42601',
                      HINT = 'Pass a single SELECT statement (no trailing statements, no INSERT/UPDATE/DELETE).';
    END;
    PERFORM pg_catalog.set_config('search_path', v_path, true);
    RETURN v_sql;
END
$fn$;

-- Allowed options: {"full_refresh": ["schema.table", ...], "mode": "sync" | "async", "refresh": "incremental" | "full",
-- "isolation": "read committed" | "any"}.
-- An async TVIEW's writers only enqueue the keys they affect; pg_tviews_process_queue refreshes them
-- later. "refresh": "full" maintains the whole TVIEW by rebuilding it after every statement that
-- writes a table it reads, which also accepts definitions that incremental refresh refuses.
-- "isolation": "any" lets REPEATABLE READ and SERIALIZABLE transactions write the tables the TVIEW
-- reads (they get 40001 where their snapshot would leave a row stale); its writers stamp what they
-- refresh, which costs every write to it an upsert (concurrency.sql). The default, "read
-- committed", refuses them (0A000).
CREATE OR REPLACE FUNCTION _tviews_check_options(p_options jsonb)
RETURNS jsonb SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
DECLARE
    v_key   text;
    v_rel   text;
    v_found boolean;
BEGIN
    IF p_options IS NULL THEN
        RETURN '{}';
    END IF;
    IF pg_catalog.jsonb_typeof(p_options) <> 'object' THEN
        RAISE EXCEPTION 'tviews: options must be a JSON object, got %', p_options USING ERRCODE = '22023';
    END IF;
    FOR v_key IN SELECT pg_catalog.jsonb_object_keys(p_options) LOOP
        IF v_key NOT IN ('full_refresh', 'mode', 'refresh', 'isolation') THEN
            RAISE EXCEPTION 'tviews: unknown option "%"', v_key USING ERRCODE = '22023',
                HINT = 'Known options: full_refresh (array of relations refreshed in full when they change), mode ("sync" or "async"), refresh ("incremental" or "full"), isolation ("read committed" or "any").';
        END IF;
    END LOOP;
    IF p_options ? 'isolation' AND (pg_catalog.jsonb_typeof(p_options->'isolation') <> 'string' OR p_options->>'isolation' NOT IN ('read committed', 'any')) THEN
        RAISE EXCEPTION 'tviews: option isolation must be "read committed" or "any", got %', p_options->'isolation' USING ERRCODE = '22023',
            HINT = '"read committed" (the default) maintains the TVIEW in READ COMMITTED transactions and refuses the others; "any" also in REPEATABLE READ and SERIALIZABLE ones, which get 40001 where their snapshot would leave a row stale.';
    END IF;
    IF p_options ? 'mode' AND (pg_catalog.jsonb_typeof(p_options->'mode') <> 'string' OR p_options->>'mode' NOT IN ('sync', 'async')) THEN
        RAISE EXCEPTION 'tviews: option mode must be "sync" or "async", got %', p_options->'mode' USING ERRCODE = '22023',
            HINT = '"sync" (the default) refreshes in the writing statement; "async" only enqueues the keys, and pg_tviews_process_queue() refreshes them.';
    END IF;
    IF p_options ? 'refresh' AND (pg_catalog.jsonb_typeof(p_options->'refresh') <> 'string' OR p_options->>'refresh' NOT IN ('incremental', 'full')) THEN
        RAISE EXCEPTION 'tviews: option refresh must be "incremental" or "full", got %', p_options->'refresh' USING ERRCODE = '22023',
            HINT = '"incremental" (the default) refreshes the keys a statement affects; "full" rebuilds the whole TVIEW after every statement that writes a table it reads.';
    END IF;
    IF p_options ? 'full_refresh' THEN
        IF pg_catalog.jsonb_typeof(p_options->'full_refresh') <> 'array' THEN
            RAISE EXCEPTION 'tviews: option full_refresh must be an array of relation names' USING ERRCODE = '22023';
        END IF;
        FOR v_rel IN SELECT pg_catalog.jsonb_array_elements_text(p_options->'full_refresh') LOOP
            BEGIN
                v_found := pg_catalog.to_regclass(v_rel) IS NOT NULL;
            EXCEPTION WHEN invalid_name THEN
                v_found := false;  -- before PostgreSQL 16, to_regclass raises on a malformed name
            END;
            IF NOT v_found THEN
                RAISE EXCEPTION 'tviews: option full_refresh names % which does not exist', v_rel USING ERRCODE = '22023',
                    HINT = 'Name existing tables, schema-qualified: {"full_refresh": ["public.tb_x"]}.';
            END IF;
        END LOOP;
    END IF;
    RETURN p_options;
END
$fn$;

-- The views a view reads, at any depth.
CREATE OR REPLACE FUNCTION _tviews_nested_views(p_view regclass)
RETURNS TABLE (view_oid regclass) SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
    WITH RECURSIVE views(view_oid) AS (
        SELECT p_view::oid
        UNION
        SELECT d.refobjid
          FROM views v
          JOIN pg_catalog.pg_rewrite r ON r.ev_class = v.view_oid AND r.rulename = '_RETURN'
          JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.objid = r.oid
                                     AND d.refclassid = 'pg_catalog.pg_class'::regclass
          JOIN pg_catalog.pg_class c ON c.oid = d.refobjid AND c.relkind = 'v' AND c.oid <> v.view_oid
    )
    SELECT v.view_oid::regclass FROM views v WHERE v.view_oid <> p_view::oid
$fn$;

-- What registrations are compared on to answer "unchanged": the definition, the options, the shape
-- of the TVIEW table, the view as PostgreSQL stores it, every relation read (columns and keys), the
-- presence of the generated code, and the runtime version that generated it. Relations by name, not
-- OID: a database restored from pg_dump has new OIDs but the same registrations.
CREATE OR REPLACE FUNCTION _tviews_fingerprint(p_entity text)
RETURNS text SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
    SELECT pg_catalog.md5(pg_catalog.concat_ws('|',
        (SELECT version FROM pg_tview_runtime),
        m.definition, m.options::text, m.fk_columns::text,
        pg_catalog.pg_get_viewdef(m.view_oid),
        -- views the view reads: CREATE OR REPLACE VIEW of one changes what the TVIEW must follow
        (SELECT pg_catalog.string_agg(_tviews_qname(v.view_oid) || '=' || pg_catalog.pg_get_viewdef(v.view_oid), ',' ORDER BY 1)
           FROM _tviews_nested_views(m.view_oid) v),
        (SELECT pg_catalog.string_agg(c.attname || ':' || c.typ, ',') FROM _tviews_columns(m.tview_oid) c),
        -- partitions and inheritance children: ATTACH / DETACH / a new child changes what the view reads
        (SELECT pg_catalog.string_agg(_tviews_qname(w.rel), ',' ORDER BY 1)
           FROM pg_tview_source s, _tviews_write_paths(s.source_oid) w WHERE s.entity_name = m.entity_name AND w.depth > 0),
        (SELECT pg_catalog.string_agg(_tviews_qname(s.source_oid) || '[' ||
                    (SELECT pg_catalog.string_agg(c.attname || ':' || c.typ, ',') FROM _tviews_columns(s.source_oid) c) || '|' ||
                    COALESCE((SELECT pg_catalog.string_agg(pg_catalog.pg_get_constraintdef(k.oid), ',' ORDER BY k.conname)
                                FROM pg_catalog.pg_constraint k WHERE k.conrelid = s.source_oid AND k.contype IN ('f', 'p', 'u')), '') || ']',
                    ',' ORDER BY s.ordinal)
           FROM pg_tview_source s WHERE s.entity_name = m.entity_name),
        (SELECT pg_catalog.count(*) FROM pg_catalog.unnest(m.generated_functions) f WHERE pg_catalog.to_regprocedure(f) IS NULL),
        (SELECT pg_catalog.count(*) FROM pg_catalog.pg_trigger t
          WHERE t.tgfoid IN (SELECT pg_catalog.to_regprocedure(f) FROM pg_catalog.unnest(m.generated_functions) f))))
      FROM pg_tview_meta m
     WHERE m.entity_name = p_entity
$fn$;

-- Creates or replaces the backing view v_<entity>. Unqualified names in the SELECT resolve with
-- p_path (the registering session's search_path, as CREATE VIEW would).
CREATE OR REPLACE FUNCTION _tviews_define_view(p_schema name, p_entity text, p_sql text, p_path text)
RETURNS regclass SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
DECLARE
    v_name     text := 'v_' || p_entity;
    v_path     text := pg_catalog.current_setting('search_path');
    v_existing "char";
BEGIN
    SELECT c.relkind INTO v_existing FROM pg_catalog.pg_class c
     WHERE c.relname = v_name AND c.relnamespace = p_schema::regnamespace;
    IF v_existing IS NOT NULL AND v_existing <> 'v' THEN
        RAISE EXCEPTION 'tviews: %.% exists and is not a view', pg_catalog.quote_ident(p_schema), pg_catalog.quote_ident(v_name)
            USING ERRCODE = '42P07', HINT = 'Rename or drop it: tviews keeps the backing view of an entity in v_<entity>.';
    END IF;
    PERFORM pg_catalog.set_config('search_path', p_path, true);
    BEGIN
        EXECUTE pg_catalog.format('CREATE OR REPLACE VIEW %I.%I AS %s', p_schema, v_name, p_sql);
    EXCEPTION WHEN invalid_table_definition OR datatype_mismatch OR feature_not_supported THEN
        -- CREATE OR REPLACE cannot drop, rename or retype columns: replace the view instead.
        EXECUTE pg_catalog.format('DROP VIEW %I.%I', p_schema, v_name);
        EXECUTE pg_catalog.format('CREATE VIEW %I.%I AS %s', p_schema, v_name, p_sql);
    END;
    PERFORM pg_catalog.set_config('search_path', v_path, true);
    RETURN pg_catalog.format('%I.%I', p_schema, v_name)::regclass;
END
$fn$;

-- The registration itself. p_origin says who asked (create, convert, fk_columns) for the audit.
-- p_search_path: the caller's search_path for names in the definition (NULL: the one it was
-- registered with, else the TVIEW's schema); p_default_schema: where an unqualified entity goes.
CREATE OR REPLACE FUNCTION _tviews_register(p_entity text, p_select_sql text, p_options jsonb,
                                            p_fk_columns text[], p_default_view boolean, p_origin text,
                                            p_force boolean DEFAULT false, p_search_path text DEFAULT NULL,
                                            p_default_schema name DEFAULT NULL)
RETURNS text SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
DECLARE
    v_parsed     record;
    v_schema     name;
    v_entity     text;
    v_sql        text;
    v_options    jsonb;
    v_old        pg_tview_meta;
    v_view       regclass;
    v_table      regclass;
    v_key        name;
    v_key_type   oid;
    v_lineage    jsonb;
    v_readers    text[];
    v_reader     pg_tview_meta;
    v_extras     text[];
    v_stmt       text;
    v_path       text;
    v_saved_path text;
    v_whole      boolean;
    v_rel        record;
    v_reads      text[] := '{}';
    v_mapping    text;
    v_ordinal    int := 0;
    v_created    boolean;
    v_built      boolean;
    v_rebuild    boolean := false;
    v_status     text;
    v_full       text[];
BEGIN
    v_parsed := _tviews_parse_entity(p_entity, p_default_schema);
    v_schema := v_parsed.schema_name;
    v_entity := v_parsed.entity;
    SELECT * INTO v_old FROM pg_tview_meta m WHERE m.entity_name = v_entity;
    IF v_old.entity_name IS NOT NULL AND pg_catalog.strpos(p_entity, '.') = 0 THEN
        v_schema := v_old.schema_name;  -- an unqualified name of a registered TVIEW means that TVIEW
    END IF;
    -- the TVIEW's schema first (as before 0.3.0), then the caller's search_path (as CREATE VIEW)
    v_path := COALESCE(pg_catalog.quote_ident(v_schema) || ', ' || p_search_path, v_old.search_path,
                       pg_catalog.format('%I, pg_catalog', v_schema));
    -- as PostgreSQL normalizes it (SET validates the list; generated code is created with it)
    v_saved_path := pg_catalog.current_setting('search_path');
    PERFORM pg_catalog.set_config('search_path', v_path, true);
    v_path := pg_catalog.current_setting('search_path');
    PERFORM pg_catalog.set_config('search_path', v_saved_path, true);
    v_sql := _tviews_check_select(p_select_sql, v_path);
    v_options := _tviews_check_options(p_options);
    IF v_old.entity_name IS NOT NULL THEN
        IF v_old.schema_name <> v_schema THEN
            RAISE EXCEPTION 'tviews: entity % is already registered in schema %', v_entity, v_old.schema_name
                USING ERRCODE = '42P07', HINT = 'Entity names are unique across schemas; drop the other one first or choose another name.';
        END IF;
        PERFORM _tviews_require_owner(v_old, 'replace');
        IF NOT p_force AND v_old.definition = v_sql AND v_old.options = v_options
           AND v_old.search_path IS NOT DISTINCT FROM v_path
           AND v_old.fk_columns = COALESCE(p_fk_columns, v_old.fk_columns)
           AND v_old.default_view = p_default_view
           AND v_old.fingerprint = _tviews_fingerprint(v_entity) THEN
            RETURN 'unchanged';
        END IF;
    END IF;
    PERFORM pg_catalog.set_config('tviews.internal', 'on', true);

    v_view := _tviews_define_view(v_schema, v_entity, v_sql, v_path);
    -- The key: pk_<entity>, else (as the native extension does) the first column named pk_*.
    SELECT a.attname, a.atttypid INTO v_key, v_key_type FROM pg_catalog.pg_attribute a
     WHERE a.attrelid = v_view AND a.attnum > 0 AND NOT a.attisdropped AND a.attname LIKE 'pk\_%'
     ORDER BY a.attname = 'pk_' || v_entity DESC, a.attnum
     LIMIT 1;
    IF v_key_type IS NULL THEN
        RAISE EXCEPTION 'tviews: the SELECT for % has no key column (pk_%)', v_entity, v_entity
            USING ERRCODE = '42601', HINT = pg_catalog.format('Output the integer key of each row as %I.', 'pk_' || v_entity);
    END IF;
    IF v_old.entity_name IS NOT NULL AND v_old.key_column <> v_key AND NOT v_old.table_created THEN
        RAISE EXCEPTION 'tviews: the key of % would change from % to %', v_entity, v_old.key_column, v_key
            USING ERRCODE = '42P10', HINT = 'Keep the key column, or drop the TVIEW and create it again.';
    END IF;

    IF v_key_type NOT IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype) THEN
        RAISE EXCEPTION 'tviews: key column % of % is %, not an integer', v_key, v_entity, v_key_type::regtype
            USING ERRCODE = '42804', HINT = 'Use the integer primary key (pk_<entity>) as key; expose uuids as ordinary columns.';
    END IF;

    -- Lineage, and what cannot be kept exact incrementally (refused before anything is built).
    v_lineage := _tviews_lineage(v_view, v_key);
    v_whole := COALESCE(v_options->>'refresh' = 'full', false);
    IF pg_catalog.jsonb_array_length(v_lineage->'unmaintainable') > 0 THEN
        RAISE EXCEPTION 'tviews: % cannot be maintained: it reads %', v_entity,
                        (SELECT pg_catalog.string_agg(r, '; ') FROM pg_catalog.jsonb_array_elements_text(v_lineage->'unmaintainable') r)
            USING ERRCODE = '0A000',
                  HINT = 'TVIEWs read tables (and other TVIEWs): read the tables behind it instead. Not even {"refresh": "full"} helps, since no write to it fires a trigger.';
    END IF;
    IF pg_catalog.jsonb_array_length(v_lineage->'refusals') > 0 AND NOT v_whole THEN
        RAISE EXCEPTION 'tviews: % cannot be maintained incrementally: it uses %', v_entity,
                        (SELECT pg_catalog.string_agg(r, '; ') FROM pg_catalog.jsonb_array_elements_text(v_lineage->'refusals') r)
            USING ERRCODE = '0A000',
                  HINT = 'Remove that from the definition (compute it when reading tv_' || v_entity || ' instead), or rebuild the whole TVIEW after every write to a table it reads: options {"refresh": "full"}.';
    END IF;
    IF (v_lineage->>'key_nullable')::boolean THEN
        RAISE EXCEPTION 'tviews: key % of % can be NULL, and a row with a NULL key cannot be kept in tv_%', v_key, v_entity, v_entity
            USING ERRCODE = '0A000',
                  HINT = pg_catalog.format('Take %I from a NOT NULL column of a table that is not on the nullable side of an outer join, or add WHERE %I IS NOT NULL.', v_key, v_key);
    END IF;

    -- TVIEWs read by this one must not (transitively) read this one. Checked before anything is
    -- rebuilt, so that a cycle is reported as one (and not as whatever the rebuild trips over).
    v_reads := ARRAY(SELECT DISTINCT m.entity_name FROM pg_catalog.jsonb_array_elements(v_lineage->'relations') r
                       JOIN pg_tview_meta m ON m.tview_oid = (r->>'rel')::oid ORDER BY 1);
    IF EXISTS (
        WITH RECURSIVE up(entity, depth) AS (
            SELECT r, 1 FROM pg_catalog.unnest(v_reads) r
            UNION
            SELECT x, up.depth + 1 FROM up JOIN pg_tview_meta m ON m.entity_name = up.entity, pg_catalog.unnest(m.reads_tviews) x
             WHERE up.depth < _tviews_max_depth()
        ) SELECT 1 FROM up WHERE up.entity = v_entity) THEN
        RAISE EXCEPTION 'tviews: registering % would make a cycle: it reads a TVIEW that reads it', v_entity
            USING ERRCODE = '42P17', HINT = 'TVIEWs may read other TVIEWs only in one direction.';
    END IF;

    -- A table created by an earlier registration is rebuilt when the view's columns changed. The
    -- TVIEWs that read it are set aside (their code and views), and registered again after it, in
    -- dependency order; its grants and extra indexes are kept.
    IF v_old.entity_name IS NOT NULL AND v_old.table_created AND
       (SELECT pg_catalog.string_agg(c.attname || ':' || c.typ, ',') FROM _tviews_columns(v_view) c) IS DISTINCT FROM
       (SELECT pg_catalog.string_agg(c.attname || ':' || c.typ, ',') FROM _tviews_columns(v_old.tview_oid) c) THEN
        v_readers := ARRAY(
            WITH RECURSIVE r(entity, depth) AS (
                SELECT m.entity_name, 1 FROM pg_tview_meta m WHERE v_entity = ANY (m.reads_tviews)
                UNION
                SELECT m.entity_name, r.depth + 1 FROM r JOIN pg_tview_meta m ON r.entity = ANY (m.reads_tviews) WHERE r.depth < _tviews_max_depth()
            )
            SELECT r.entity FROM r GROUP BY r.entity ORDER BY pg_catalog.max(r.depth), r.entity);
        FOR v_reader IN SELECT m.* FROM pg_tview_meta m, pg_catalog.unnest(v_readers) WITH ORDINALITY AS x(e, n)
                         WHERE m.entity_name = x.e ORDER BY x.n DESC LOOP
            PERFORM _tviews_drop_generated(v_reader.entity_name);
            IF EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid = v_reader.view_oid) THEN
                EXECUTE pg_catalog.format('DROP VIEW %s', _tviews_qname(v_reader.view_oid));
            END IF;
        END LOOP;
        v_extras := _tviews_table_extras(v_old.tview_oid, v_key);
        PERFORM _tviews_drop_generated(v_entity);
        v_rebuild := true;
    END IF;
    v_built := _tviews_first_build(v_schema, v_entity, v_view, v_lineage, v_options, v_path, v_rebuild);
    IF v_built THEN
        v_created := true;
    ELSE
        v_created := _tviews_prepare_table(v_schema, v_entity, v_view, v_key, v_rebuild);
    END IF;
    FOREACH v_stmt IN ARRAY COALESCE(v_extras, '{}') LOOP
        BEGIN
            EXECUTE v_stmt;
        EXCEPTION WHEN undefined_column OR undefined_object OR datatype_mismatch OR undefined_function THEN
            RAISE WARNING 'tviews: % not kept on the rebuilt tv_%: %', v_stmt, v_entity, SQLERRM;
        END;
    END LOOP;
    v_table := pg_catalog.format('%I.%I', v_schema, 'tv_' || v_entity)::regclass;

    v_full := ARRAY(SELECT pg_catalog.to_regclass(x)::text FROM pg_catalog.jsonb_array_elements_text(COALESCE(v_options->'full_refresh', '[]')) x);

    IF v_old.entity_name IS NULL THEN
        INSERT INTO pg_tview_meta (entity_name, schema_name, tview_oid, view_oid, definition, normalized_definition, key_column,
                                   fk_columns, options, default_view, table_created, search_path)
        VALUES (v_entity, v_schema, v_table, v_view, v_sql, pg_catalog.pg_get_viewdef(v_view), v_key,
                COALESCE(p_fk_columns, '{}'), v_options, p_default_view, v_created, v_path);
    ELSE
        UPDATE pg_tview_meta
           SET tview_oid = v_table, view_oid = v_view, definition = v_sql, normalized_definition = pg_catalog.pg_get_viewdef(v_view),
               fk_columns = COALESCE(p_fk_columns, fk_columns), options = v_options, default_view = p_default_view,
               table_created = table_created OR v_created, updated_at = pg_catalog.now(), search_path = v_path
         WHERE entity_name = v_entity;
        DELETE FROM pg_tview_source WHERE entity_name = v_entity;
    END IF;
    UPDATE pg_tview_meta SET key_source = (v_lineage->>'key_rel')::oid, key_source_column = v_lineage->>'key_col', key_column = v_key
     WHERE entity_name = v_entity;

    FOR v_rel IN SELECT (r->>'rel')::oid::regclass AS rel, r->'walks' AS walks, r->>'reason' AS reason, r->>'refresh_mode' AS mode,
                        ARRAY(SELECT pg_catalog.jsonb_array_elements_text(r->'columns_read'))::name[] AS columns_read
                   FROM pg_catalog.jsonb_array_elements(v_lineage->'relations') r LOOP
        IF v_rel.rel = v_table THEN
            RAISE EXCEPTION 'tviews: the view of % reads its own table %', v_entity, v_table
                USING ERRCODE = '42P17', HINT = 'A TVIEW cannot read itself.';
        END IF;
        v_ordinal := v_ordinal + 1;
        IF v_whole OR v_rel.rel::text = ANY (v_full) THEN
            v_rel.mode := 'full';
            v_rel.reason := CASE WHEN v_whole THEN 'option refresh: full' ELSE 'option full_refresh names it' END;
        END IF;
        v_mapping := CASE WHEN v_rel.mode = 'incremental' THEN _tviews_key_mapping(v_rel.walks, v_lineage->>'key_col') END;
        INSERT INTO pg_tview_source (entity_name, source_oid, ordinal, columns_read, refresh_mode, key_mapping, walks, reason)
        VALUES (v_entity, v_rel.rel, v_ordinal, v_rel.columns_read, v_rel.mode, v_mapping,
                CASE WHEN v_rel.mode = 'incremental' THEN v_rel.walks END, v_rel.reason);
    END LOOP;

    UPDATE pg_tview_meta SET reads_tviews = v_reads WHERE entity_name = v_entity;

    PERFORM _tviews_generate(v_entity);
    -- A TVIEW this one is the first to read now causes cascades: its code is generated again, to
    -- defer them (cascade.sql). One its owner's role can't regenerate keeps cascading on the spot.
    FOR v_reader IN SELECT m.* FROM pg_tview_meta m
                     WHERE m.entity_name = ANY (v_reads)
                       AND NOT EXISTS (SELECT 1 FROM pg_tview_source s WHERE s.source_oid = m.tview_oid AND s.entity_name <> v_entity) LOOP
        BEGIN
            PERFORM _tviews_generate(v_reader.entity_name);
        EXCEPTION WHEN insufficient_privilege THEN
            NULL;
        END;
    END LOOP;
    IF NOT v_built THEN
        EXECUTE pg_catalog.format('SELECT %I.%I()', v_schema, _tviews_function_name(v_entity, 'rebuild'));
    END IF;
    IF v_created THEN
        PERFORM _tviews_add_key(v_entity, (SELECT m.tview_oid FROM pg_tview_meta m WHERE m.entity_name = v_entity), v_key);
    END IF;
    UPDATE pg_tview_meta SET fingerprint = _tviews_fingerprint(v_entity) WHERE entity_name = v_entity;

    FOREACH v_stmt IN ARRAY COALESCE(v_readers, '{}') LOOP
        PERFORM _tviews_register(m.schema_name || '.' || m.entity_name, m.definition, m.options, m.fk_columns, m.default_view,
                                 'reader of ' || v_entity, true)
           FROM pg_tview_meta m WHERE m.entity_name = v_stmt;
    END LOOP;

    v_status := CASE WHEN v_old.entity_name IS NULL THEN 'created' WHEN v_rebuild THEN 'rebuilt' ELSE 'replaced' END;
    INSERT INTO pg_tview_meta_audit (entity_name, operation, old_definition, new_definition, old_fk_columns, new_fk_columns, details)
    VALUES (v_entity, p_origin || ':' || v_status, v_old.definition, v_sql, v_old.fk_columns,
            (SELECT fk_columns FROM pg_tview_meta WHERE entity_name = v_entity),
            pg_catalog.jsonb_build_object('options', v_options, 'default_view', p_default_view, 'table_created', v_created));
    PERFORM pg_catalog.set_config('tviews.internal', '', true);
    RETURN v_status;
END
$fn$;

-- The two registration entry points resolve the definition's names as CREATE VIEW does, with the
-- CALLER's search_path (after the TVIEW's schema), and put an unqualified entity in the caller's
-- current schema. So they are the runtime functions defined without SET search_path FROM CURRENT:
-- they call pg_catalog functions and the runtime's internals by qualified names, the runtime's
-- schema written into them here.
DO $entry_points$
DECLARE
    v_runtime name := pg_catalog.current_setting('tviews.install_schema');
BEGIN
    EXECUTE pg_catalog.format($sql$
CREATE OR REPLACE FUNCTION %1$I.pg_tviews_create_or_replace(entity text, select_sql text, options jsonb DEFAULT '{}')
RETURNS text
LANGUAGE plpgsql AS $fn$
-- Registers a TVIEW, or replaces its definition; returns created | unchanged | replaced | rebuilt.
-- Cheap when nothing changed, so tools may call it after every migration.
BEGIN
    IF NOT pg_catalog.has_function_privilege(%2$L, 'EXECUTE') THEN
        RAISE EXCEPTION 'tviews: %% may not register TVIEWs', current_user
            USING ERRCODE = '42501',
                  HINT = 'Register TVIEWs as the role that installed the tviews runtime (it owns their code), or as a member of it.';
    END IF;
    RETURN %1$I._tviews_register(entity, select_sql, options, NULL, false, 'create', false,
                                 pg_catalog.current_setting('search_path'), pg_catalog.current_schema());
END
$fn$;

CREATE OR REPLACE FUNCTION %1$I.pg_tviews_create(entity text, select_sql text)
RETURNS text
LANGUAGE plpgsql AS $fn$
-- The integration guide's entry point: same as pg_tviews_create_or_replace without options.
BEGIN
    RETURN %1$I.pg_tviews_create_or_replace(entity, select_sql, '{}');
END
$fn$;
$sql$, v_runtime,
        pg_catalog.format('%I._tviews_register(text, text, jsonb, text[], boolean, text, boolean, text, name)', v_runtime));
END
$entry_points$;

CREATE OR REPLACE FUNCTION pg_tviews_drop(entity text, if_exists boolean DEFAULT false, "cascade" boolean DEFAULT false)
RETURNS void SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
-- Removes a TVIEW's maintenance, backing view and registration. The tv_ table is dropped if tviews
-- created it, and kept as a plain table if it was the user's. TVIEWs that read this one block the
-- drop unless cascade.
DECLARE
    v_meta       pg_tview_meta;
    v_dependents text[];
    v_dep        text;
BEGIN
    PERFORM _tviews_require_runtime_rights('drop TVIEWs');
    v_meta := _tviews_find(entity, if_exists);
    IF v_meta.entity_name IS NULL THEN
        RAISE NOTICE 'tviews: TVIEW % is not registered, skipping', entity;
        RETURN;
    END IF;
    PERFORM _tviews_require_owner(v_meta, 'drop');
    v_dependents := ARRAY(SELECT m.entity_name FROM pg_tview_meta m WHERE v_meta.entity_name = ANY (m.reads_tviews) ORDER BY 1);
    IF pg_catalog.cardinality(v_dependents) > 0 THEN
        IF NOT "cascade" THEN
            RAISE EXCEPTION 'tviews: cannot drop TVIEW % because TVIEW(s) % read it', v_meta.entity_name, v_dependents
                USING ERRCODE = '2BP01', HINT = 'Drop those first, or call pg_tviews_drop(entity, cascade => true).';
        END IF;
        FOREACH v_dep IN ARRAY v_dependents LOOP
            PERFORM pg_tviews_drop(v_dep, true, true);
        END LOOP;
    END IF;
    PERFORM _tviews_drop_generated(v_meta.entity_name);
    -- By OID: a view dropped underneath (DROP TABLE ... CASCADE) prints as a bare number, which
    -- to_regclass accepts unchecked from PostgreSQL 16 on.
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid = v_meta.view_oid) THEN
        EXECUTE pg_catalog.format('DROP VIEW %s', _tviews_qname(v_meta.view_oid));
    END IF;
    IF v_meta.table_created AND EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid = v_meta.tview_oid) THEN
        EXECUTE pg_catalog.format('DROP TABLE %s', v_meta.tview_oid);
    END IF;
    DELETE FROM pg_tview_meta WHERE entity_name = v_meta.entity_name;
    INSERT INTO pg_tview_meta_audit (entity_name, operation, old_definition, old_fk_columns, details)
    VALUES (v_meta.entity_name, 'drop', v_meta.definition, v_meta.fk_columns,
            pg_catalog.jsonb_build_object('table_dropped', v_meta.table_created, 'cascade', "cascade"));
END
$fn$;

-- UPDATE pg_tview_meta SET fk_columns = ... (as the guide does) re-derives lineage and maintenance.
CREATE OR REPLACE FUNCTION _tviews_meta_fk_columns_changed()
RETURNS trigger SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
DECLARE
    v_col    text;
    v_column text;
BEGIN
    FOREACH v_col IN ARRAY COALESCE(NEW.fk_columns, '{}') LOOP
        v_column := pg_catalog.split_part(v_col, '=', 1);
        IF v_column !~ '^[A-Za-z_][A-Za-z0-9_]*$' OR (v_col LIKE '%=%' AND pg_catalog.split_part(v_col, '=', 2) !~ '^[A-Za-z_][A-Za-z0-9_]*$') THEN
            RAISE EXCEPTION 'tviews: invalid fk_columns entry %', pg_catalog.quote_literal(v_col) USING ERRCODE = '22023',
                HINT = 'Entries are column names (fk_user) or column=entity links (author=user).';
        END IF;
        IF NOT EXISTS (SELECT 1 FROM _tviews_columns(NEW.tview_oid) c WHERE c.attname = v_column)
           AND NOT EXISTS (SELECT 1 FROM _tviews_columns(NEW.key_source) c WHERE c.attname = v_column) THEN
            RAISE EXCEPTION 'tviews: fk_columns entry % names no column of % or %', pg_catalog.quote_literal(v_col), NEW.tview_oid, NEW.key_source
                USING ERRCODE = '42703', HINT = 'Name a column of the TVIEW table or of the table its key comes from.';
        END IF;
    END LOOP;
    PERFORM _tviews_register(NEW.schema_name || '.' || NEW.entity_name, NEW.definition, NEW.options, NEW.fk_columns,
                             NEW.default_view, 'fk_columns', true);
    -- _tviews_register read the row after this edit: record what fk_columns were before it.
    UPDATE pg_tview_meta_audit a SET old_fk_columns = OLD.fk_columns
     WHERE a.audit_id = (SELECT pg_catalog.max(x.audit_id) FROM pg_tview_meta_audit x WHERE x.entity_name = NEW.entity_name);
    RETURN NULL;
END
$fn$;

DO $$ BEGIN
    -- Recreated on every install so its definition follows the runtime version.
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_trigger t WHERE t.tgname = 'tviews_fk_columns_changed' AND t.tgrelid = 'pg_tview_meta'::regclass) THEN
        DROP TRIGGER tviews_fk_columns_changed ON pg_tview_meta;
    END IF;
END $$;
CREATE TRIGGER tviews_fk_columns_changed
    AFTER UPDATE OF fk_columns ON pg_tview_meta
    FOR EACH ROW WHEN (OLD.fk_columns IS DISTINCT FROM NEW.fk_columns)
    EXECUTE FUNCTION _tviews_meta_fk_columns_changed();

-- The internals above are the runtime's own: not executable by PUBLIC.
REVOKE ALL ON FUNCTION
    _tviews_check_select(p_select_sql text, p_path text),
    _tviews_check_options(p_options jsonb),
    _tviews_nested_views(p_view regclass),
    _tviews_fingerprint(p_entity text),
    _tviews_define_view(p_schema name, p_entity text, p_sql text, p_path text),
    _tviews_register(p_entity text, p_select_sql text, p_options jsonb, p_fk_columns text[], p_default_view boolean, p_origin text, p_force boolean, p_search_path text, p_default_schema name),
    _tviews_meta_fk_columns_changed()
FROM PUBLIC;

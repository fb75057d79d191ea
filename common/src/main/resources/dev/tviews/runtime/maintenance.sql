-- Maintenance: the per-TVIEW code generated at registration. Generated functions hold static SQL
-- (PostgreSQL caches its plans; EXECUTE would re-plan every statement), qualify every name, pin
-- search_path, and run SECURITY DEFINER as the TVIEW's owner, so a role that may only write tb_*
-- keeps tv_* exact without any right on it. None of them is executable by PUBLIC.
--
-- Per TVIEW <e>:
--   tviews_<e>_refresh(keys bigint[])  recompute the rows of these keys (set-based)
--   tviews_<e>_rebuild()               recompute every row (TRUNCATE, full-refresh relations)
--   tviews_<e>_s<n>_{ins,upd,del,trunc}() one statement-level trigger function per event and per
--                                       relation the view reads; the triggers carry transition
--                                       tables, so each statement costs one call, whatever its size.
--   triggers tviews_<rank>_<e>_{ins,upd,del,trunc} on each relation read and on each of its partitions
--                                       and inheritance children; <rank> (two digits, concurrency.sql)
--                                       makes TVIEWs lower in the lock order fire first.

-- Raised by generated refreshes when the view yields a key more than once: tv_<entity> holds one
-- row per key, and silently keeping one of the rows would make the TVIEW differ from its view.
CREATE OR REPLACE FUNCTION _tviews_key_repeats(p_entity text, p_key bigint)
RETURNS boolean SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION 'tviews: the view of TVIEW % yields key % more than once, and tv_% holds one row per key', p_entity, p_key, p_entity
        USING ERRCODE = '23505',
              HINT = 'The statement was undone. Make the key unique in the view: aggregate what a join multiplies (jsonb_agg ... GROUP BY the key), or join on a unique column.';
END
$fn$;

-- Raises the error that says which key of a TVIEW's view repeats or is NULL, if one does.
CREATE OR REPLACE FUNCTION _tviews_check_keys(p_entity text)
RETURNS void SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
DECLARE
    v_meta pg_tview_meta := _tviews_find(p_entity);
    v_key  bigint;
BEGIN
    EXECUTE pg_catalog.format('SELECT %1$I FROM %2$s GROUP BY %1$I HAVING pg_catalog.count(*) > 1 LIMIT 1',
                              v_meta.key_column, _tviews_qname(v_meta.view_oid)) INTO v_key;
    IF v_key IS NOT NULL THEN
        PERFORM _tviews_key_repeats(v_meta.entity_name, v_key);
    END IF;
    EXECUTE pg_catalog.format('SELECT pg_catalog.count(*) FROM %2$s WHERE %1$I IS NULL', v_meta.key_column, _tviews_qname(v_meta.view_oid)) INTO v_key;
    IF v_key > 0 THEN
        RAISE EXCEPTION 'tviews: the view of TVIEW % yields % row(s) whose key % is NULL, and tv_% cannot hold them', v_meta.entity_name, v_key, v_meta.key_column, v_meta.entity_name
            USING ERRCODE = '23502', HINT = pg_catalog.format('Filter them out (WHERE %I IS NOT NULL) or take the key from a NOT NULL column.', v_meta.key_column);
    END IF;
END
$fn$;

-- Whether "=" on a type (and collation) holds only between values that print the same: integers,
-- booleans, uuids, dates and timestamps, text under a deterministic collation.
CREATE OR REPLACE FUNCTION _tviews_equality_is_identity(p_type oid, p_collation oid)
RETURNS boolean SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
    SELECT p_type IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype, 'bool'::regtype, 'uuid'::regtype, 'oid'::regtype,
                      'date'::regtype, 'timestamp'::regtype, 'bytea'::regtype)
        OR (p_type IN ('text'::regtype, 'varchar'::regtype, 'name'::regtype)
            AND COALESCE((SELECT k.collisdeterministic FROM pg_catalog.pg_collation k WHERE k.oid = p_collation), true))
$fn$;


-- Columns of a relation, in order, for code generation.
CREATE OR REPLACE FUNCTION _tviews_columns(p_rel regclass)
RETURNS TABLE (attname name, atttypid oid, typ text) SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
    SELECT a.attname, a.atttypid, pg_catalog.format_type(a.atttypid, a.atttypmod)
      FROM pg_catalog.pg_attribute a
     WHERE a.attrelid = p_rel AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY a.attnum
$fn$;

-- The tables a write to a source can go through: the source, and its partitions and inheritance
-- children at any depth (each needs the TVIEW's triggers).
CREATE OR REPLACE FUNCTION _tviews_write_paths(p_source regclass)
RETURNS TABLE (rel regclass, depth int) SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
    WITH RECURSIVE t(rel, depth) AS (
        SELECT p_source::oid, 0
        UNION ALL
        SELECT i.inhrelid, t.depth + 1 FROM t JOIN pg_catalog.pg_inherits i ON i.inhparent = t.rel WHERE t.depth < 32
    )
    SELECT t.rel::regclass, t.depth FROM t ORDER BY t.depth, t.rel
$fn$;

-- Drops every trigger and function generated for a TVIEW (before regenerating it or dropping it).
CREATE OR REPLACE FUNCTION _tviews_drop_generated(p_entity text)
RETURNS void SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
DECLARE
    v_fn  text;
    v_trg record;
BEGIN
    FOR v_trg IN
        SELECT t.tgname, t.tgrelid::regclass AS rel
          FROM pg_catalog.pg_trigger t
          JOIN pg_tview_meta m ON m.entity_name = p_entity
         WHERE t.tgfoid IN (SELECT pg_catalog.to_regprocedure(f) FROM pg_catalog.unnest(m.generated_functions) f)
    LOOP
        -- CREATE TRIGGER needs only the TRIGGER privilege, DROP TRIGGER the table's owner: say so
        -- instead of PostgreSQL's bare "must be owner of table".
        IF NOT pg_catalog.pg_has_role((SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = v_trg.rel), 'USAGE') THEN
            RAISE EXCEPTION 'tviews: the triggers of TVIEW % on % can only be dropped by the owner of %', p_entity,
                            _tviews_qname(v_trg.rel), _tviews_qname(v_trg.rel)
                USING ERRCODE = '42501',
                      HINT = pg_catalog.format('Drop, replace or upgrade TVIEW %s as a role that owns %s (or is a member of its owner), '
                                               'or let the role that registers TVIEWs own the tables they read.', p_entity, _tviews_qname(v_trg.rel));
        END IF;
        EXECUTE pg_catalog.format('DROP TRIGGER %I ON %s', v_trg.tgname, v_trg.rel);
    END LOOP;
    FOR v_fn IN SELECT f FROM pg_tview_meta m, pg_catalog.unnest(m.generated_functions) f WHERE m.entity_name = p_entity LOOP
        IF pg_catalog.to_regprocedure(v_fn) IS NOT NULL THEN
            EXECUTE pg_catalog.format('DROP FUNCTION %s', v_fn::regprocedure);
        END IF;
    END LOOP;
    UPDATE pg_tview_meta SET generated_functions = '{}' WHERE entity_name = p_entity;
    PERFORM _tviews_prune_drains();
END
$fn$;

-- The CREATE FUNCTION statement of a generated function: PL/pgSQL, SECURITY DEFINER (it runs as
-- the TVIEW's owner), the fixed settings, the generated-by header and a line saying what it does.
CREATE OR REPLACE FUNCTION _tviews_function_sql(p_signature text, p_returns text, p_settings text, p_header text,
                                                p_purpose text, p_body text)
RETURNS text SET search_path FROM CURRENT
LANGUAGE sql IMMUTABLE AS $fn$
    SELECT pg_catalog.format(E'CREATE FUNCTION %s RETURNS %s\n'
                             'LANGUAGE plpgsql SECURITY DEFINER%s AS $tviews$\n%s\n'
                             '-- %s\n%s\n$tviews$',
                             p_signature, p_returns, p_settings, p_header, p_purpose, p_body)
$fn$;

-- The statements that create all code of one TVIEW from its registration and lineage, and the
-- functions they create.
CREATE OR REPLACE FUNCTION _tviews_generated_code(p_entity text, OUT statements text[], OUT functions text[])
SET search_path FROM CURRENT
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    v_meta      pg_tview_meta;
    v_schema    name;
    v_src       record;
    v_ev        text;
    v_fn        text;
    v_declare   text;
    v_body      text;
    v_cols      text;
    v_changed   text;
    v_has_key   boolean;
    v_functions text[] := '{}';
    v_header    text;
    v_settings  text;
    v_rank      int;
    v_runtime   name;
    v_walk_locks    text;
    v_carried_locks text;
    v_refresh_code  text;
    v_deferral      text;
    v_runtime_owner name;
    v_carried_all   jsonb;
    v_carried       jsonb;
    v_mapping       text;
    v_distinct      text;
    -- for mappings whose keys may repeat: the general path wants them distinct
    v_make_distinct text := E'        p_keys := ARRAY(SELECT DISTINCT k FROM pg_catalog.unnest(p_keys) AS k);\n';
    v_dispatch      text;
    v_single        record;
    -- registered for writers at any isolation level: its writers stamp (concurrency.sql)
    v_any           boolean;
    v_stamp_kind    text;
BEGIN
    statements := '{}';
    SELECT * INTO STRICT v_meta FROM pg_tview_meta WHERE entity_name = p_entity;
    v_schema := v_meta.schema_name;
    SELECT r.schema_name INTO v_runtime FROM pg_tview_runtime r;
    v_any := COALESCE(v_meta.options->>'isolation' = 'any', false);
    -- a rebuild stamps the TVIEW's kind: every key may have changed
    v_stamp_kind := CASE WHEN v_any THEN E'\n    ' || pg_catalog.replace(_tviews_stamp_code(v_runtime, pg_catalog.format('SELECT %s::bigint', _tviews_key_lock_kind(v_meta.tview_oid))),
                                                                  E'\n', E'\n    ')
                         ELSE '' END;
    v_settings := _tviews_fixed_settings(COALESCE(v_meta.search_path, pg_catalog.quote_ident(v_schema)),
                                         _tviews_settings_read_by(v_meta.view_oid));
    v_header := pg_catalog.format(E'-- Generated by tviews %s for TVIEW %s (view %s). Regenerated on every\n'
                                  '-- re-registration and upgrade: change the view, not this function.',
                                  (SELECT version FROM pg_tview_runtime), _tviews_qname(v_meta.tview_oid), _tviews_qname(v_meta.view_oid));

    -- refresh(keys) and rebuild(). The triggers run the same code as refresh(keys) inline: a call
    -- of a SECURITY DEFINER function with a pinned search_path costs more than the refresh itself.
    -- the TVIEW's rank in the lock order across TVIEWs (concurrency.sql)
    SELECT o.depth INTO v_rank FROM _tviews_dependency_order() o WHERE o.entity_name = p_entity;
    v_rank := COALESCE(v_rank, 0);
    -- (a block of its own: the triggers run it inside their own code)
    v_refresh_code := E'DECLARE\n    v_rows bigint;\n    v_present bigint[];\n    v_setting text;\nBEGIN\n'
                      || _tviews_key_lock_code(v_runtime, _tviews_key_lock_kind(v_meta.tview_oid), v_rank, _tviews_snapshot_guard_sql(v_meta),
                                               p_entity, v_any)
                      || E'\n' || _tviews_refresh_statement(v_meta, true) || E'\nEND;';
    v_fn := pg_catalog.format('%I.%I', v_schema, _tviews_function_name(p_entity, 'refresh'));
    statements := statements || _tviews_function_sql(v_fn || '(p_keys bigint[])', 'void', v_settings, v_header,
        'Recomputes the rows of the given keys from the view, after locking the keys (concurrency.sql).',
        v_refresh_code);
    v_functions := v_functions || (v_fn || '(bigint[])');

    v_fn := pg_catalog.format('%I.%I', v_schema, _tviews_function_name(p_entity, 'rebuild'));
    statements := statements || _tviews_function_sql(v_fn || '()', 'void', v_settings, v_header,
        'Recomputes every row from the view (TRUNCATE of a source, full-refresh relations).',
        pg_catalog.format(E'BEGIN\n    PERFORM %I._tviews_lock_keys(%s, NULL, %s);%s%s\nEND', v_runtime, _tviews_key_lock_kind(v_meta.tview_oid),
                          v_rank, v_stamp_kind, _tviews_refresh_statement(v_meta, false)));
    v_functions := v_functions || (v_fn || '()');

    -- one trigger function per relation read and per event
    FOR v_src IN SELECT * FROM pg_tview_source s WHERE s.entity_name = p_entity ORDER BY s.ordinal LOOP
        -- a trigger on another TVIEW's table runs inside that TVIEW's refresh: a cascade (cascade.sql)
        v_deferral := CASE WHEN EXISTS (SELECT 1 FROM pg_tview_meta m WHERE m.tview_oid = v_src.source_oid)
                           THEN 'cascade' ELSE 'base' END;
        -- Changed rows are told apart by what a client reads: values whose "=" is not identity
        -- (1.0 and 1.00, -0 and 0, jsonb numbers, nondeterministic collations) compare as text.
        -- A collatable value keeps its collation through ::text, and under a nondeterministic one
        -- 'a' and 'A' would still be equal: such a column adds its text in "C" (tviews_image_<n>),
        -- which only the comparison reads; walks and locks go on reading the column itself, whose
        -- equality is the view's.
        SELECT pg_catalog.string_agg(
                   CASE WHEN _tviews_equality_is_identity(c.atttypid, a.attcollation)
                        THEN pg_catalog.quote_ident(c.attname)
                        WHEN a.attcollation <> 0
                        THEN pg_catalog.format('%1$I::text AS %1$I, %1$I::text COLLATE pg_catalog."C" AS %2$I', c.attname,
                                               'tviews_image_' || a.attnum)
                        ELSE pg_catalog.format('%1$I::text AS %1$I', c.attname) END, ', ')
          INTO v_cols
          FROM _tviews_columns(v_src.source_oid) c
          JOIN pg_catalog.pg_attribute a ON a.attrelid = v_src.source_oid AND a.attname = c.attname
         WHERE c.attname = ANY (v_src.columns_read)
            -- the primary key keeps rows apart: without it, a row moving to a parent that another
            -- changed row left would cancel out in the EXCEPT below
            OR c.attname IN (SELECT a.attname FROM pg_catalog.pg_index i
                               JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                              WHERE i.indrelid = v_src.source_oid AND i.indisprimary);
        v_cols := COALESCE(v_cols, 'true AS any_row');
        v_has_key := EXISTS (SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = v_src.source_oid AND i.indisprimary);

        -- the values rows of the source carry and the walks from its rows, read once for its
        -- four events
        SELECT COALESCE(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('value_column', v.value_column, 'lock_id', v.lock_id,
                                                                           'moved_by', v.moved_by) ORDER BY v.n), '[]')
          INTO v_carried_all
          FROM _tviews_carried_values(v_meta, v_src.source_oid) WITH ORDINALITY AS v(value_column, lock_id, moved_by, n);
        v_carried := v_carried_all->0;
        v_walk_locks := CASE WHEN v_src.refresh_mode = 'incremental' THEN _tviews_walk_locks_sql(v_meta, v_src.source_oid) END;

        FOREACH v_ev IN ARRAY ARRAY['ins', 'upd', 'del', 'trunc'] LOOP
            v_fn := pg_catalog.format('%I.%I', v_schema, _tviews_function_name(p_entity, 's' || v_src.ordinal || '_' || v_ev));
            IF v_ev = 'trunc' THEN
                -- No key lock: TRUNCATE holds an ACCESS EXCLUSIVE lock on the source, which every
                -- other evaluation of the view has to wait for (and which waited for every evaluation
                -- in flight), so the rebuild cannot race a refresh; waiting on refreshers' key locks
                -- here would only turn that wait into a deadlock.
                v_declare := '';
                v_body := _tviews_dispatch_code(v_meta, 'NULL',
                                                pg_catalog.format(E'PERFORM %I._tviews_refuse_snapshot_rebuild();%s\n        ', v_runtime,
                                                                  pg_catalog.replace(v_stamp_kind, E'\n', E'\n        '))
                                                || pg_catalog.replace(_tviews_refresh_statement(v_meta, false), E'\n', E'\n        '),
                                                v_rank, 'none');
            ELSIF v_src.refresh_mode = 'full' THEN
                v_declare := '';
                v_body := _tviews_dispatch_code(v_meta, 'NULL', pg_catalog.format('PERFORM %I.%I();', v_schema, _tviews_function_name(p_entity, 'rebuild')),
                                                v_rank, v_deferral);
            ELSE
                v_distinct := '';
                v_changed := CASE v_ev
                    WHEN 'ins' THEN pg_catalog.format('SELECT %s FROM new_rows', v_cols)
                    WHEN 'del' THEN pg_catalog.format('SELECT %s FROM old_rows', v_cols)
                    -- Only rows whose read columns changed matter; both images, so that a row
                    -- moving from one parent to another refreshes both. Without a primary key,
                    -- rows can't be told apart, so every old and new image counts.
                    ELSE CASE WHEN NOT v_has_key THEN pg_catalog.format(E'SELECT %1$s FROM old_rows\n'
                                           '        UNION ALL\n'
                                           '        SELECT %1$s FROM new_rows', v_cols) ELSE pg_catalog.format(E'(SELECT %1$s FROM old_rows EXCEPT SELECT %1$s FROM new_rows)\n'
                                           '        UNION ALL\n'
                                           '        (SELECT %1$s FROM new_rows EXCEPT SELECT %1$s FROM old_rows)', v_cols) END END;
                v_carried_locks := _tviews_carried_locks_sql(v_carried_all, v_ev);
                IF v_walk_locks IS NULL AND v_carried_locks IS NULL THEN
                    -- Nothing to walk through: the keys come straight from the changed rows. (Not
                    -- made distinct here: an updated row gives its key twice, old and new image, and a
                    -- DISTINCT aggregate would cost every statement its sort; see v_distinct.)
                    v_declare := E'DECLARE\n    p_keys bigint[];\n';
                    v_distinct := v_make_distinct;
                    v_body := pg_catalog.format(
                        E'    WITH changed AS (\n        %s\n    )\n'
                        '    SELECT pg_catalog.array_agg(affected.k) INTO p_keys\n'
                        '      FROM (%s) AS affected(k)\n'
                        '     WHERE affected.k IS NOT NULL;\n',
                        v_changed, v_src.key_mapping);
                ELSE
                    -- Map the changed rows to keys, together with the join values that mapping walks
                    -- through (shared) and those the changed rows carry (exclusive). Keys are good
                    -- once every one of those values was locked before the snapshot that found them
                    -- (concurrency.sql); otherwise lock the new ones and map again.
                    v_declare := E'DECLARE\n    p_keys bigint[];\n    v_shared bigint[];\n    v_exclusive bigint[];\n'
                                 '    v_held bigint[] := ''{}'';\n    v_round int := 0;\n';
                    IF v_ev = 'upd' AND v_has_key AND v_walk_locks IS NULL AND pg_catalog.jsonb_array_length(v_carried_all) = 1
                       AND v_src.key_mapping = pg_catalog.format('SELECT (c.%I)::bigint FROM changed c', v_meta.key_source_column) THEN
                        -- An update of the table the keys come from, whose rows carry one looked-up
                        -- value (a child's parent): the same, in one pass over the changed images
                        -- grouped by what tells a moved row (the general form below reads them
                        -- twice, which costs the single-row update a third of its maintenance).
                        -- A key repeats only when its row moved (two groups): a DISTINCT aggregate
                        -- would cost every statement its sort, so the keys are made distinct after,
                        -- on the general path (the single-key path takes one key, however often it
                        -- comes).
                        v_distinct := v_make_distinct;
                        v_mapping := pg_catalog.format(
                            E'        SELECT ''{}''::bigint[],\n'
                            '               COALESCE(pg_catalog.array_agg(%1$s) FILTER (WHERE r.tviews_images = 1 AND r.%5$I IS NOT NULL), ''{}''),\n'
                            '               pg_catalog.array_agg((r.%2$I)::bigint) FILTER (WHERE r.%2$I IS NOT NULL)\n'
                            '          INTO v_shared, v_exclusive, p_keys\n'
                            '          FROM (SELECT %3$s, pg_catalog.count(*) AS tviews_images\n'
                            '                  FROM (%4$s) c\n'
                            '                 GROUP BY %3$s) r;\n',
                            v_carried->>'lock_id', v_meta.key_source_column, v_carried->>'moved_by',
                            pg_catalog.replace(v_changed, E'\n        ', E'\n                        '), v_carried->>'value_column');
                    ELSE
                        v_mapping := pg_catalog.format(
                            E'        WITH changed AS (\n        %1$s\n        )\n'
                            '        SELECT %2$s,\n'
                            '               %3$s,\n'
                            '               (SELECT pg_catalog.array_agg(DISTINCT affected.k)\n'
                            '                  FROM (%4$s) AS affected(k)\n'
                            '                 WHERE affected.k IS NOT NULL)\n'
                            '          INTO v_shared, v_exclusive, p_keys;\n',
                            v_changed, _tviews_lock_array_sql(v_walk_locks), _tviews_lock_array_sql(v_carried_locks),
                            v_src.key_mapping);
                    END IF;
                    v_body := pg_catalog.format(
                        E'    LOOP\n'
                        '%1$s'
                        '        EXIT WHEN v_held OPERATOR(pg_catalog.@>) v_shared AND v_held OPERATOR(pg_catalog.@>) v_exclusive;\n'
                        '        PERFORM %2$I._tviews_take_locks(v_exclusive, v_shared, v_round, %3$s);\n'
                        '%4$s'
                        '        v_held := v_held OPERATOR(pg_catalog.||) v_shared OPERATOR(pg_catalog.||) v_exclusive;\n'
                        '        v_round := v_round + 1;\n'
                        '    END LOOP;\n',
                        v_mapping, v_runtime, v_rank,
                        -- rows inserted, deleted or re-linked: stamp the join values they carry
                        -- (concurrency.sql; under REPEATABLE READ and SERIALIZABLE the runtime did)
                        CASE WHEN v_any THEN pg_catalog.format(
                            E'        IF pg_catalog.cardinality(v_exclusive) > 0\n'
                            '           AND pg_catalog.current_setting(''transaction_isolation'') = ''read committed'' THEN\n'
                            '            %s\n'
                            '        END IF;\n', pg_catalog.replace(_tviews_stamp_code(v_runtime, 'SELECT pg_catalog.unnest(v_exclusive)'),
                                                           E'\n', E'\n            ')) ELSE '' END);
                END IF;
                v_dispatch := _tviews_dispatch_code(v_meta, 'p_keys', pg_catalog.ltrim(pg_catalog.replace(v_refresh_code, E'\n', E'\n            ')),
                                                    v_rank, v_deferral);
                IF v_deferral = 'base' AND v_meta.options->>'mode' IS DISTINCT FROM 'async' THEN
                    v_single := _tviews_single_key_code(v_meta, v_rank);
                    -- (A statement that changed nothing the view reads stops first: the condition of
                    -- the single-key path costs its set-up even when it is false.)
                    v_body := v_body || pg_catalog.format(
                        E'    IF p_keys IS NULL THEN\n        RETURN NULL;\n'
                        '    ELSIF %s THEN\n        %s\n'
                        '    ELSE\n%s%s\n'
                        '    END IF;',
                        v_single.condition, pg_catalog.replace(v_single.statements, E'\n', E'\n        '), v_distinct, v_dispatch);
                ELSE
                    v_body := v_body || pg_catalog.format(E'    IF p_keys IS NOT NULL THEN\n%s%s\n    END IF;', v_distinct, v_dispatch);
                END IF;
            END IF;
            IF v_ev <> 'trunc' AND v_deferral = 'base' AND v_rank > 0 AND v_meta.options->>'mode' IS DISTINCT FROM 'async' THEN
                -- cascades of the statement's earlier triggers that rank below this TVIEW go first,
                -- before this one locks anything (cascade.sql)
                v_body := pg_catalog.format(E'    IF COALESCE(pg_catalog.current_setting(''tviews.pending'', true), '''') <> '''' THEN\n'
                                            '        PERFORM %I._tviews_drain(%s);\n    END IF;\n', v_runtime, v_rank - 1) || v_body;
            END IF;
            -- First thing: is the view still there? DROP TABLE ... CASCADE of a table it reads drops
            -- it and leaves these triggers on the other tables; they must not fail those tables'
            -- writes (ddl.sql decides: skip when the registration is gone, 55000 when renamed).
            v_body := pg_catalog.format(
                E'%sBEGIN\n'
                '    IF pg_catalog.to_regclass(%L) IS NULL AND %I._tviews_view_dropped(%L) THEN\n        RETURN NULL;\n    END IF;\n'
                '%s\n    RETURN NULL;\nEND',
                v_declare, _tviews_qname(v_meta.view_oid), v_runtime, p_entity, v_body);
            statements := statements || _tviews_function_sql(v_fn || '()', 'trigger', v_settings, v_header,
                pg_catalog.format('Keeps %s exact when a statement %s %s.', _tviews_qname(v_meta.tview_oid),
                    CASE v_ev WHEN 'ins' THEN 'inserts into' WHEN 'upd' THEN 'updates' WHEN 'del' THEN 'deletes from' ELSE 'truncates' END,
                    _tviews_qname(v_src.source_oid)),
                v_body);
            v_functions := v_functions || (v_fn || '()');
            -- The same trigger on every partition and inheritance child: a statement that names a
            -- partition or a child fires only that table's statement triggers. Rows keep their
            -- column names across the hierarchy, which is all the function relies on.
            statements := statements || ARRAY(
                SELECT pg_catalog.format('CREATE TRIGGER %I AFTER %s ON %s %s FOR EACH STATEMENT EXECUTE FUNCTION %s()',
                    -- rank first: triggers on one table fire in name order, TVIEWs lower in the lock order first
                    _tviews_function_name(pg_catalog.lpad(v_rank::text, 2, '0') || '_' || p_entity, v_ev),
                    CASE v_ev WHEN 'ins' THEN 'INSERT' WHEN 'upd' THEN 'UPDATE' WHEN 'del' THEN 'DELETE' ELSE 'TRUNCATE' END,
                    _tviews_qname(t.rel),
                    CASE v_ev WHEN 'ins' THEN 'REFERENCING NEW TABLE AS new_rows'
                              WHEN 'upd' THEN 'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows'
                              WHEN 'del' THEN 'REFERENCING OLD TABLE AS old_rows'
                              ELSE '' END,
                    v_fn)
                  FROM _tviews_write_paths(v_src.source_oid) t);
        END LOOP;
    END LOOP;

    -- the last trigger of every statement on a base table refreshes the cascades it deferred
    -- (cascade.sql); only a TVIEW that others read causes cascades
    statements := statements || ARRAY(
        SELECT pg_catalog.format('SELECT %I._tviews_ensure_drain(%L)', v_runtime, _tviews_qname(t.rel))
          FROM pg_tview_source s, _tviews_write_paths(s.source_oid) t
         WHERE s.entity_name = p_entity
           AND NOT EXISTS (SELECT 1 FROM pg_tview_meta m WHERE m.tview_oid = s.source_oid)
           AND EXISTS (SELECT 1 FROM pg_tview_source r WHERE r.source_oid = v_meta.tview_oid)
         ORDER BY s.ordinal, t.depth, t.rel);

    -- (one statement: each costs the registration its own execution)
    statements := statements || pg_catalog.format(E'REVOKE ALL ON FUNCTION\n    %s\nFROM PUBLIC', pg_catalog.array_to_string(v_functions, E',\n    '));
    -- The drain runs as the runtime's owner and calls refresh and rebuild (cascade.sql).
    SELECT pg_catalog.pg_get_userbyid(p.proowner) INTO v_runtime_owner
      FROM pg_catalog.pg_proc p WHERE p.oid = '_tviews_drain(int)'::regprocedure;
    IF v_runtime_owner <> current_user THEN
        statements := statements || pg_catalog.format('GRANT EXECUTE ON FUNCTION %s, %s TO %I', v_functions[1], v_functions[2], v_runtime_owner);
    END IF;
    functions := v_functions;
END
$fn$;

-- Generates (or regenerates) all code of one TVIEW from its registration and lineage.
CREATE OR REPLACE FUNCTION _tviews_generate(p_entity text)
RETURNS void SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
DECLARE
    v_code record;
    v_stmt text;
BEGIN
    PERFORM _tviews_drop_generated(p_entity);
    v_code := _tviews_generated_code(p_entity);
    FOREACH v_stmt IN ARRAY v_code.statements LOOP
        EXECUTE v_stmt;
    END LOOP;
    UPDATE pg_tview_meta SET generated_functions = v_code.functions WHERE entity_name = p_entity;
END
$fn$;

CREATE OR REPLACE FUNCTION pg_tviews_generated_sql(entity text)
RETURNS text SET search_path FROM CURRENT
LANGUAGE plpgsql STABLE AS $fn$
-- The SQL tviews generates for a TVIEW (its refresh, rebuild and trigger functions, and the
-- triggers), as it would run it; nothing is executed.
DECLARE
    v_meta pg_tview_meta;
BEGIN
    PERFORM _tviews_require_runtime_rights('read the code generated for TVIEWs');
    v_meta := _tviews_find(entity);
    RETURN pg_catalog.array_to_string((_tviews_generated_code(v_meta.entity_name)).statements, E';\n\n') || E';\n';
END
$fn$;

-- The internals above are the runtime's own: not executable by PUBLIC.
REVOKE ALL ON FUNCTION
    _tviews_key_repeats(p_entity text, p_key bigint),
    _tviews_check_keys(p_entity text),
    _tviews_equality_is_identity(p_type oid, p_collation oid),
    _tviews_columns(p_rel regclass),
    _tviews_write_paths(p_source regclass),
    _tviews_drop_generated(p_entity text),
    _tviews_function_sql(p_signature text, p_returns text, p_settings text, p_header text, p_purpose text, p_body text),
    _tviews_generated_code(p_entity text, OUT statements text[], OUT functions text[]),
    _tviews_generate(p_entity text)
FROM PUBLIC;

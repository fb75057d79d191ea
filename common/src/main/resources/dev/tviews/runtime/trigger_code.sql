-- Trigger code: the pieces of generated code that maintenance.sql assembles into the refresh, rebuild
-- and trigger functions of a TVIEW: the refresh statements (every key, a few keys, one key), the hand-off
-- to suspension and deferred cascades, the key locks, and the single-key path of triggers on base tables.

-- The parts every upsert of TVIEW rows shares: the view's column list, the same columns read from
-- "fresh f", and what ON CONFLICT does (rewrite only rows whose content differs).
CREATE OR REPLACE FUNCTION _tviews_upsert_parts(p_meta pg_tview_meta, OUT cols text, OUT fresh text, OUT conflict text)
SET search_path FROM CURRENT
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    v_set     text;
    v_differs text;
    v_touch   text := '';
BEGIN
    SELECT pg_catalog.string_agg(pg_catalog.quote_ident(c.attname), ', '),
           pg_catalog.string_agg(pg_catalog.format('f.%I', c.attname), ', '),
           pg_catalog.string_agg(pg_catalog.format('%I = EXCLUDED.%I', c.attname, c.attname), ', ')
               FILTER (WHERE c.attname <> p_meta.key_column),
           -- Row images, not equality: 1.0 and 1.00, -0 and 0, 'a' and 'A' under a nondeterministic
           -- collation are equal to "=" but print differently (REFRESH MATERIALIZED VIEW CONCURRENTLY
           -- compares with *= for the same reason). Any type works, json included. (The function,
           -- not the operator: ROW(...) *<> ROW(...) would compare column by column.)
           pg_catalog.format('pg_catalog.record_image_ne(ROW(%s), ROW(%s))',
               pg_catalog.string_agg(pg_catalog.format('t.%I', c.attname), ', ') FILTER (WHERE c.attname <> p_meta.key_column),
               pg_catalog.string_agg(pg_catalog.format('EXCLUDED.%I', c.attname), ', ') FILTER (WHERE c.attname <> p_meta.key_column))
      INTO cols, fresh, v_set, v_differs
      FROM _tviews_columns(p_meta.view_oid) c;

    -- updated_at (when the table has one and the view doesn't produce it) records content changes.
    IF EXISTS (SELECT 1 FROM _tviews_columns(p_meta.tview_oid) c WHERE c.attname = 'updated_at')
       AND NOT EXISTS (SELECT 1 FROM _tviews_columns(p_meta.view_oid) c WHERE c.attname = 'updated_at') THEN
        v_touch := ', updated_at = pg_catalog.now()';
    END IF;
    conflict := CASE WHEN v_set IS NULL THEN 'NOTHING'
                     ELSE pg_catalog.format(E'UPDATE\n       SET %s%s\n     WHERE %s', v_set, v_touch, v_differs) END;
END
$fn$;

-- The statement that refreshes the one key p_keys[1] (every single-row statement), planned once
-- and kept (a nested loop over the key's rows). It counts the key's rows as it writes them: one
-- row is upserted; none means the view no longer yields the key, so its row is deleted (the rare
-- case pays for its own statement); two or more means the key repeats, which is refused before
-- anything is written. It needs v_rows bigint.
CREATE OR REPLACE FUNCTION _tviews_one_key_refresh_statement(p_meta pg_tview_meta)
RETURNS text SET search_path FROM CURRENT
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    v_parts   record := _tviews_upsert_parts(p_meta);
    v_runtime name := (SELECT r.schema_name FROM pg_tview_runtime r);
BEGIN
    RETURN pg_catalog.format($sql$WITH fresh AS MATERIALIZED (
    SELECT %1$s FROM %2$s v WHERE v.%5$I = p_keys[1]
), written AS (
    INSERT INTO %3$s AS t (%1$s)
    SELECT %4$s FROM fresh f WHERE (SELECT pg_catalog.count(*) FROM fresh) = 1
    ON CONFLICT (%5$I) DO %6$s
)
SELECT pg_catalog.count(*) INTO v_rows FROM fresh;
IF v_rows = 0 THEN
    DELETE FROM %3$s t WHERE t.%5$I = p_keys[1];
ELSIF v_rows > 1 THEN
    PERFORM %7$I._tviews_key_repeats(%8$L, p_keys[1]);
END IF;$sql$,
        v_parts.cols, _tviews_qname(p_meta.view_oid), _tviews_qname(p_meta.tview_oid), v_parts.fresh, p_meta.key_column,
        v_parts.conflict, v_runtime, p_meta.entity_name);
END
$fn$;

-- The body of the refresh (p_keys given) or rebuild (p_keys NULL) statement: one statement that
-- evaluates the view once for the keys, deletes rows the view no longer yields, inserts new rows
-- and rewrites only rows whose content differs.
CREATE OR REPLACE FUNCTION _tviews_refresh_statement(p_meta pg_tview_meta, p_keyed boolean)
RETURNS text SET search_path FROM CURRENT
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    v_parts    record := _tviews_upsert_parts(p_meta);
    v_cols     text := v_parts.cols;
    v_fresh    text := v_parts.fresh;
    v_conflict text := v_parts.conflict;
    v_filter   text := '';
    v_delete   text;
    v_plain    text := '';
    v_upsert   text;
    v_few      text;
    v_runtime  name := (SELECT r.schema_name FROM pg_tview_runtime r);
BEGIN
    IF p_keyed THEN
        v_filter := pg_catalog.format(' WHERE v.%I = ANY (p_keys)', p_meta.key_column);
        v_delete := pg_catalog.format('t.%I = ANY (p_keys) AND ', p_meta.key_column);
    ELSE
        v_delete := '';
    END IF;

    IF NOT p_keyed THEN
        -- An empty table (the first build) needs no comparison: a plain INSERT ... SELECT is as
        -- cheap as CREATE TABLE AS, where the upsert below would materialize every row first.
        -- A key that repeats or is NULL fails that INSERT with a bare 23505/23502: say which TVIEW
        -- and which key instead (the handler's subtransaction is paid only on first builds).
        v_plain := pg_catalog.format(E'\n    IF NOT EXISTS (SELECT 1 FROM %1$s) THEN\n'
                                     '        BEGIN\n'
                                     '            INSERT INTO %1$s (%2$s)\n'
                                     '            SELECT %2$s FROM %3$s;\n'
                                     '        EXCEPTION WHEN unique_violation OR not_null_violation THEN\n'
                                     '            PERFORM %4$I._tviews_check_keys(%5$L);\n'
                                     '            RAISE;\n'
                                     '        END;\n'
                                     '    ELSE',
                                     _tviews_qname(p_meta.tview_oid), v_cols, _tviews_qname(p_meta.view_oid),
                                     v_runtime, p_meta.entity_name);
    END IF;
    -- tviews_n counts the rows of each key: a key that repeats raises (_tviews_key_repeats) instead
    -- of leaving one of its rows out.
    v_upsert := pg_catalog.format($sql$
    WITH fresh AS MATERIALIZED (
        SELECT %1$s, pg_catalog.count(*) OVER (PARTITION BY v.%6$I) AS tviews_n FROM %2$s v%3$s
    ), gone AS (
        DELETE FROM %4$s t
         WHERE %5$sNOT EXISTS (SELECT 1 FROM fresh f WHERE f.%6$I = t.%6$I)
    )
    INSERT INTO %4$s AS t (%1$s)
    SELECT %7$s FROM fresh f
     WHERE CASE WHEN f.tviews_n > 1 THEN %9$I._tviews_key_repeats(%10$L, f.%6$I) ELSE true END
    ON CONFLICT (%6$I) DO %8$s;$sql$,
        v_cols, _tviews_qname(p_meta.view_oid), v_filter, _tviews_qname(p_meta.tview_oid), v_delete, p_meta.key_column, v_fresh,
        v_conflict, v_runtime, p_meta.entity_name);
    IF p_keyed THEN
        -- A few keys (fan-outs, small batches): the same, with every key's rows counted; the keys
        -- the view no longer yields are deleted afterwards, only when there are any.
        v_few := pg_catalog.format($sql$
    WITH fresh AS MATERIALIZED (
        SELECT %1$s, pg_catalog.count(*) OVER (PARTITION BY v.%5$I) AS tviews_n FROM %2$s v WHERE v.%5$I = ANY (p_keys)
    ), written AS (
        INSERT INTO %3$s AS t (%1$s)
        SELECT %4$s FROM fresh f
         WHERE CASE WHEN f.tviews_n > 1 THEN %7$I._tviews_key_repeats(%8$L, f.%5$I) ELSE true END
        ON CONFLICT (%5$I) DO %6$s
    )
    SELECT pg_catalog.array_agg(f.%5$I::bigint) INTO v_present FROM fresh f;
    IF COALESCE(pg_catalog.cardinality(v_present), 0) < pg_catalog.cardinality(p_keys) THEN
        DELETE FROM %3$s t WHERE t.%5$I = ANY (p_keys) AND NOT t.%5$I = ANY (COALESCE(v_present, '{}'));
    END IF;$sql$,
            v_cols, _tviews_qname(p_meta.view_oid), _tviews_qname(p_meta.tview_oid), v_fresh, p_meta.key_column,
            pg_catalog.replace(v_conflict, E'\n', E'\n    '), v_runtime, p_meta.entity_name);
        -- "= p_keys[1]" and "= ANY (p_keys)" are planned once and kept: with "= ANY" the cached
        -- plan assumes ten keys, index probes. Past a few hundred keys (bulk statements, big
        -- fan-outs) the statement is planned for the actual keys every time (EXECUTE): planning is
        -- cheap next to the work, and a plan cached for a handful of keys would walk thousands of
        -- them one index probe at a time.
        RETURN pg_catalog.format(E'    IF pg_catalog.cardinality(p_keys) = 1 THEN%s\n'
                                 '    ELSIF pg_catalog.cardinality(p_keys) <= 256 THEN%s\n'
                                 '    ELSE\n        EXECUTE %s\n        USING p_keys;\n'
                                 '    END IF;',
                                 pg_catalog.replace(E'\n' || _tviews_one_key_refresh_statement(p_meta), E'\n', E'\n        '),
                                 pg_catalog.replace(v_few, E'\n', E'\n    '),
                                 pg_catalog.quote_literal(pg_catalog.rtrim(pg_catalog.replace(v_upsert, '= ANY (p_keys)', '= ANY ($1)'), ';')));
    END IF;
    RETURN v_plain || pg_catalog.replace(v_upsert, E'\n', E'\n    ') || E'\n    END IF;';
END
$fn$;

-- The lines of a trigger function that hand its work on: a TVIEW in async mode only enqueues the
-- keys (p_keys NULL: the whole TVIEW); a sync one refreshes them now, unless the transaction
-- suspended maintenance (bulk mode), in which case they are enqueued for the resume, or unless the
-- refresh must wait for its rank (cascade.sql): p_deferral 'cascade' (a trigger on a TVIEW's table)
-- defers while a base statement's cascade is under way; 'base' (a trigger on a base table) defers
-- and drains up to its rank when work is pending, and otherwise turns deferral on for the
-- cascades its refresh causes (when other TVIEWs read this one); 'none' (TRUNCATE) refreshes on
-- the spot. The TVIEW is named by its table's name, not its OID: a dump and restore keeps names.
CREATE OR REPLACE FUNCTION _tviews_dispatch_code(p_meta pg_tview_meta, p_keys text, p_refresh text, p_rank int, p_deferral text)
RETURNS text SET search_path FROM CURRENT
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    v_runtime name := (SELECT r.schema_name FROM pg_tview_runtime r);
    v_defer   text := pg_catalog.format(E'            PERFORM %I._tviews_defer(%s, %L::regclass, %s);\n',
                                        v_runtime, p_rank, _tviews_qname(p_meta.tview_oid), p_keys);
    v_when    text := '';
    v_before  text := '';
    -- Keys queued by a REPEATABLE READ or SERIALIZABLE transaction were mapped from its snapshot:
    -- they are only good for a TVIEW whose writers stamp (concurrency.sql). (Refreshes check again.)
    v_check   text := pg_catalog.format(E'        IF pg_catalog.current_setting(''transaction_isolation'') <> ''read committed'' THEN\n'
                                        '            PERFORM %I._tviews_snapshot_writer_check(%L, %s);\n'
                                        '        END IF;\n',
                                        v_runtime, p_meta.entity_name, COALESCE(p_meta.options->>'isolation' = 'any', false)::text);
BEGIN
    IF p_meta.options->>'mode' = 'async' THEN
        RETURN v_check || pg_catalog.format('        PERFORM %I._tviews_enqueue(%L, %s, ''async'');', v_runtime, p_meta.entity_name, p_keys);
    END IF;
    IF p_deferral = 'cascade' THEN
        v_when := E'        ELSIF pg_catalog.current_setting(''tviews.defer'', true) = ''on'' THEN\n' || v_defer;
    ELSIF p_deferral = 'base' THEN
        v_when := E'        ELSIF COALESCE(pg_catalog.current_setting(''tviews.pending'', true), '''') <> '''' THEN\n' || v_defer
               || pg_catalog.format(E'            PERFORM %I._tviews_drain(%s);\n', v_runtime, p_rank);
        v_before := COALESCE(E'            PERFORM ' || _tviews_cascade_start(p_meta) || E';\n', '');
    END IF;
    -- the test of _tviews_suspended() (queue.sql), inlined: a call costs more than the test
    RETURN v_check || pg_catalog.format(E'        IF COALESCE(pg_catalog.current_setting(''tviews.suspend_depth'', true), '''') NOT IN ('''', ''0'')\n'
                             '           AND %1$I._tviews_suspension_valid() THEN\n'
                             '            PERFORM %1$I._tviews_enqueue(%2$L, %3$s, ''suspended'');\n'
                             '%5$s'
                             '        ELSE\n'
                             '%6$s'
                             '            %4$s\n'
                             '        END IF;',
                             v_runtime, p_meta.entity_name, p_keys, p_refresh, v_when, v_before);
END
$fn$;

-- An array of the lock ids a query lists (an empty array when there is no query). Not made
-- distinct: _tviews_take_locks takes each id once, and sorting here would cost every statement.
CREATE OR REPLACE FUNCTION _tviews_lock_array_sql(p_query text)
RETURNS text SET search_path FROM CURRENT
LANGUAGE sql IMMUTABLE AS $fn$
    SELECT CASE WHEN p_query IS NULL THEN '''{}''::bigint[]'
                ELSE pg_catalog.format('ARRAY(SELECT w.x FROM (%s) AS w(x) WHERE w.x IS NOT NULL)', p_query) END
$fn$;

-- What a trigger on a base table evaluates before its refresh so that the cascades that refresh
-- causes are deferred (cascade.sql), or NULL: only a TVIEW that others read causes cascades
-- (registering its first reader regenerates it, registration.sql).
CREATE OR REPLACE FUNCTION _tviews_cascade_start(p_meta pg_tview_meta)
RETURNS text SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
    SELECT 'pg_catalog.set_config(''tviews.defer'', ''on'', true)'
     WHERE EXISTS (SELECT 1 FROM pg_tview_source s WHERE s.source_oid = p_meta.tview_oid)
$fn$;

-- The lines that lock the one key p_keys[1] under READ COMMITTED, by simple expressions
-- (PL/pgSQL evaluates those without starting the executor; PERFORM would start it): try the
-- locks, and only when another transaction holds one, wait for it.
CREATE OR REPLACE FUNCTION _tviews_one_key_lock_code(p_kind int)
RETURNS text SET search_path FROM CURRENT
LANGUAGE sql IMMUTABLE AS $fn$
    SELECT pg_catalog.format(E'IF NOT (pg_catalog.pg_try_advisory_xact_lock_shared(%1$s::bigint)\n'
        '        AND pg_catalog.pg_try_advisory_xact_lock(%1$s, pg_catalog.hashint8(p_keys[1]))) THEN\n'
        '    PERFORM pg_catalog.pg_advisory_xact_lock_shared(%1$s::bigint);\n'
        '    PERFORM pg_catalog.pg_advisory_xact_lock(%1$s, pg_catalog.hashint8(p_keys[1]));\n'
        'END IF;', p_kind)
$fn$;

-- The lines of refresh(p_keys) that lock its keys (concurrency.sql). The common case, a few keys
-- under READ COMMITTED, is inlined: plain blocking locks, no call (each call of a runtime function
-- switches search_path, which costs more than the locks). A single key is locked by simple
-- expressions (PL/pgSQL evaluates those without starting the executor; PERFORM would start it):
-- try the locks, and only when another transaction holds one, wait for it.
-- Under REPEATABLE READ and SERIALIZABLE, only a TVIEW registered with {"isolation": "any"} (p_any)
-- is maintained (_tviews_snapshot_writer_check); its keys are locked by the runtime (a wait, or a
-- stamp the snapshot cannot see, raises 40001) and then p_guard runs (_tviews_snapshot_guard_sql).
-- Under READ COMMITTED, such a TVIEW's writers stamp the keys they locked (concurrency.sql).
CREATE OR REPLACE FUNCTION _tviews_key_lock_code(p_runtime name, p_kind int, p_rank int, p_guard text, p_entity text, p_any boolean)
RETURNS text SET search_path FROM CURRENT
LANGUAGE sql IMMUTABLE AS $fn$
    SELECT pg_catalog.format(E'    IF pg_catalog.current_setting(''transaction_isolation'') <> ''read committed'' THEN\n'
        '        PERFORM %1$I._tviews_snapshot_writer_check(%9$L, %10$s);\n'
        '        PERFORM %1$I._tviews_lock_keys(%2$s, p_keys, %3$s);\n'
        '        %6$s\n'
        '    ELSIF pg_catalog.cardinality(p_keys) <= %4$s\n'
        '       AND COALESCE(NULLIF(pg_catalog.current_setting(''tviews.fine_locks'', true), ''''), ''0'')::int < %5$s\n'
        '       AND COALESCE(NULLIF(pg_catalog.current_setting(''tviews.lock_rank'', true), ''''), ''0'')::int <= %3$s THEN\n'
        '%7$s'
        '        v_setting := pg_catalog.set_config(''tviews.fine_locks'', (COALESCE(NULLIF(pg_catalog.current_setting(''tviews.fine_locks'', true), ''''), ''0'')::int\n'
        '                                           + pg_catalog.cardinality(p_keys))::text, true);\n'
        '        IF pg_catalog.cardinality(p_keys) = 1 THEN\n'
        '            %8$s\n'
        '        ELSE\n'
        '            PERFORM pg_catalog.pg_advisory_xact_lock_shared(%2$s::bigint);\n'
        '            PERFORM pg_catalog.pg_advisory_xact_lock(%2$s, s.val)\n'
        '               FROM (SELECT DISTINCT pg_catalog.hashint8(k) AS val FROM pg_catalog.unnest(p_keys) AS k ORDER BY 1) AS s;\n'
        '        END IF;\n'
        '%11$s'
        '    ELSE\n'
        '        PERFORM %1$I._tviews_lock_keys(%2$s, p_keys, %3$s);\n'
        '%11$s'
        '    END IF;', p_runtime, p_kind, p_rank, _tviews_kind_lock_limit(), _tviews_fine_lock_budget() - _tviews_kind_lock_limit(),
        pg_catalog.replace(p_guard, E'\n', E'\n        '),
        -- rank 0 is where every transaction starts: nothing to record
        CASE WHEN p_rank > 0 THEN pg_catalog.format(E'        v_setting := pg_catalog.set_config(''tviews.lock_rank'', ''%s'', true);\n', p_rank) ELSE '' END,
        pg_catalog.replace(_tviews_one_key_lock_code(p_kind), E'\n', E'\n            '),
        p_entity, p_any::text,
        -- the stamps of the two READ COMMITTED branches (under REPEATABLE READ and SERIALIZABLE,
        -- _tviews_lock_keys stamps them)
        CASE WHEN p_any THEN '        ' || pg_catalog.replace(_tviews_stamp_keys_code(p_runtime, p_kind), E'\n', E'\n        ') || E'\n'
             ELSE '' END)
$fn$;

-- The single-key path of a trigger on a base table: when its statement changed one key (given once,
-- or twice by the old and the new image of a row: p_keys need not be distinct here), under
-- READ COMMITTED, with maintenance neither suspended nor waiting on deferred cascades, with no lock
-- of a higher rank taken, and within the fine-lock budget, the key is locked and refreshed at once.
-- It decides as the general path (_tviews_dispatch_code, _tviews_key_lock_code) would for one key,
-- but with two expressions instead of a dozen: every expression costs its set-up on first use in
-- a transaction, and most transactions that write through a pool run one single-row statement.
-- The settings are read together: one concat compared with every value the general path would
-- let through (suspension depth '' or '0', nothing pending, lock rank at most this TVIEW's).
-- The budget counts the lock first; past the budget the general path takes over (and locks the
-- whole kind). Returns the condition, then the statements (a block of their own).
CREATE OR REPLACE FUNCTION _tviews_single_key_code(p_meta pg_tview_meta, p_rank int, OUT condition text, OUT statements text)
SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
    SELECT pg_catalog.format(E'p_keys[1] = ALL (p_keys)\n'
               '       AND pg_catalog.concat(pg_catalog.current_setting(''transaction_isolation''), ''/'',\n'
               '                             pg_catalog.current_setting(''tviews.suspend_depth'', true), ''/'',\n'
               '                             pg_catalog.current_setting(''tviews.pending'', true), ''/'',\n'
               '                             pg_catalog.current_setting(''tviews.lock_rank'', true))\n'
               '           IN (%1$s)\n'
               '       AND pg_catalog.set_config(''tviews.fine_locks'', (COALESCE(NULLIF(pg_catalog.current_setting(''tviews.fine_locks'', true), ''''), ''0'')::int + 1)::text, true)::int\n'
               '           <= %2$s',
               (SELECT pg_catalog.string_agg(pg_catalog.quote_literal('read committed/' || d.depth || '//' || r.rank), ', ' ORDER BY d.depth, r.rank)
                  FROM (VALUES (''), ('0')) AS d(depth),
                       (SELECT '' UNION ALL SELECT g::text FROM pg_catalog.generate_series(0, p_rank) AS g) AS r(rank)),
               _tviews_fine_lock_budget() - _tviews_kind_lock_limit()),
           pg_catalog.format(E'DECLARE\n    v_rows bigint;\n%sBEGIN\n%s%s    %s\n%s    %s\nEND;',
               CASE WHEN p_rank > 0 OR _tviews_cascade_start(p_meta) IS NOT NULL THEN E'    v_setting text;\n' ELSE '' END,
               CASE WHEN p_rank > 0 THEN pg_catalog.format(E'    v_setting := pg_catalog.set_config(''tviews.lock_rank'', ''%s'', true);\n', p_rank) ELSE '' END,
               COALESCE(E'    v_setting := ' || _tviews_cascade_start(p_meta) || E';\n', ''),
               pg_catalog.replace(_tviews_one_key_lock_code(_tviews_key_lock_kind(p_meta.tview_oid)), E'\n', E'\n    '),
               -- a TVIEW registered with {"isolation": "any"} stamps the key it locked (concurrency.sql)
               CASE WHEN p_meta.options->>'isolation' = 'any'
                    THEN '    ' || pg_catalog.replace(_tviews_stamp_keys_code((SELECT r.schema_name FROM pg_tview_runtime r),
                                                                    _tviews_key_lock_kind(p_meta.tview_oid)), E'\n', E'\n    ') || E'\n'
                    ELSE '' END,
               pg_catalog.replace(_tviews_one_key_refresh_statement(p_meta), E'\n', E'\n    '))
$fn$;

-- The internals above are the runtime's own: not executable by PUBLIC.
REVOKE ALL ON FUNCTION
    _tviews_upsert_parts(p_meta pg_tview_meta, OUT cols text, OUT fresh text, OUT conflict text),
    _tviews_one_key_refresh_statement(p_meta pg_tview_meta),
    _tviews_refresh_statement(p_meta pg_tview_meta, p_keyed boolean),
    _tviews_dispatch_code(p_meta pg_tview_meta, p_keys text, p_refresh text, p_rank integer, p_deferral text),
    _tviews_lock_array_sql(p_query text),
    _tviews_cascade_start(p_meta pg_tview_meta),
    _tviews_one_key_lock_code(p_kind integer),
    _tviews_key_lock_code(p_runtime name, p_kind integer, p_rank integer, p_guard text, p_entity text, p_any boolean),
    _tviews_single_key_code(p_meta pg_tview_meta, p_rank integer, OUT condition text, OUT statements text)
FROM PUBLIC;

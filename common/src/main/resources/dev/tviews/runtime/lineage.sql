-- Lineage: which relations a view reads, which of their columns, where its key comes from, and how
-- a changed row of each relation maps to the TVIEW keys it can affect. Everything here is derived
-- from the view's analysed query as PostgreSQL stores it (pg_rewrite.ev_action: relation OIDs,
-- column numbers, join conditions), never from SQL text, naming conventions or the planner's
-- choices. Views the view reads are expanded as the rewriter would.
--
-- The rule: a changed row maps to keys by walking equality conditions from the place its table is
-- read to the place the key is read. Only conditions that GUARD the rows walked from count: a row
-- of an inner join, a WHERE, the nullable side of an outer join or a correlated subquery reaches the
-- view's output only where the condition holds, so every key it can affect is found by the walk.
-- Any single such chain is complete (all conditions hold at once); the shortest is used. A read
-- that no chain connects to the key (an uncorrelated subquery, a join on an expression, a
-- non-equality), or whose rows depend on other rows (window functions, DISTINCT ON, LIMIT in a
-- subquery, recursive CTEs), refreshes every key: exact, at the cost of a rebuild. What cannot be
-- kept exact at all (volatile functions, time and session values, system columns, catalogs) is
-- refused at registration.

-- Lineage of a view for a TVIEW keyed by p_key: where the key comes from, what must be refused,
-- and for each relation read: the columns read, and either the walks that map its changed rows to
-- keys (refresh_mode incremental) or why a change must refresh every key (full).
CREATE OR REPLACE FUNCTION _tviews_lineage(p_view regclass, p_key name)
RETURNS jsonb SET search_path FROM CURRENT
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    v_state   jsonb := _tviews_lin_state(p_view);
    v_pos     int;
    v_expr    jsonb;
    v_key     jsonb;
    v_key_occ int;
    v_nullable boolean;
    v_refusal text[];
    v_next    jsonb := '{}';
    v_changed boolean := true;
    v_edge    record;
    v_relations jsonb;
    v_occ     int;
    v_path    jsonb;
    v_walks   jsonb := '{}';
    v_cur     int;
    v_steps   int;
BEGIN
    -- the key: an output column that passes a table column through
    SELECT e.i - 1 INTO v_pos FROM pg_catalog.jsonb_array_elements_text(v_state->'top'->'names') WITH ORDINALITY AS e(n, i)
     WHERE e.n = p_key;
    v_expr := v_state->'levels'->0->'exprs'->v_pos;
    IF v_expr->>'_' = 'VAR' THEN
        v_key := _tviews_lin_resolve(v_state, 0, v_expr);
    END IF;
    IF v_state->'top'->>'setop' = 'true' THEN
        RAISE EXCEPTION 'tviews: the definition of % is a set operation (UNION, INTERSECT, EXCEPT): the key % cannot be traced to one table', p_view, p_key
            USING ERRCODE = '0A000',
                  HINT = 'Register one TVIEW per branch, or wrap the branches in a subquery joined to the table the key comes from.';
    END IF;
    IF v_key IS NULL OR (v_key->>1)::int <= 0 THEN
        RAISE EXCEPTION 'tviews: cannot trace key column % of % to a table column', p_key, p_view
            USING ERRCODE = '0A000',
                  HINT = 'Select the key straight from a table column, e.g. SELECT t.pk_x AS pk_entity ... FROM tb_x t, rather than computing it.';
    END IF;
    v_key_occ := (v_key->>0)::int;
    v_nullable := _tviews_lin_var_nullable(v_state, 0, v_expr);

    -- what cannot be maintained incrementally
    v_refusal := ARRAY(SELECT pg_catalog.jsonb_array_elements_text(v_state->'refusals'));
    v_refusal := v_refusal || ARRAY(
        SELECT DISTINCT pg_catalog.format('%s %s(): %s', CASE p.provolatile WHEN 'v' THEN 'the volatile function' ELSE 'the function' END,
                                          p.oid::regproc,
                                          CASE WHEN p.provolatile = 'v' THEN 'it can return something else at every call'
                                               WHEN n.nspname = 'pg_catalog' AND p.proname ~ 'ts'
                                               THEN 'it reads the session''s default_text_search_config (name the configuration: to_tsvector(''english'', ...))'
                                               WHEN n.nspname <> 'pg_catalog' THEN 'it is not IMMUTABLE, so it may read tables or settings that no trigger follows (declare it IMMUTABLE if it only computes from its arguments)'
                                               ELSE 'its value depends on the time or the session, not on the tables' END)
          FROM pg_catalog.jsonb_array_elements_text(v_state->'funcs') f
          JOIN pg_catalog.pg_proc p ON p.oid = f::oid
          JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
         WHERE p.provolatile = 'v'
            OR (p.provolatile = 's' AND n.nspname <> 'pg_catalog' AND p.prokind = 'f')
            OR (n.nspname = 'pg_catalog' AND p.proname IN (
                   'now', 'transaction_timestamp', 'statement_timestamp', 'current_setting', 'current_user', 'session_user',
                   'current_role', 'current_schema', 'current_schemas', 'pg_backend_pid', 'inet_client_addr', 'inet_client_port',
                   'inet_server_addr', 'inet_server_port', 'pg_my_temp_schema', 'pg_trigger_depth', 'current_query',
                   'pg_postmaster_start_time', 'pg_conf_load_time', 'txid_current_if_assigned', 'pg_current_xact_id_if_assigned',
                   'has_table_privilege', 'has_column_privilege', 'pg_has_role', 'to_regclass', 'pg_get_viewdef'))
            -- text search without a named configuration uses the session's default_text_search_config
            OR (n.nspname = 'pg_catalog' AND p.proname IN (
                   'to_tsvector', 'to_tsquery', 'plainto_tsquery', 'phraseto_tsquery', 'websearch_to_tsquery', 'ts_headline',
                   'json_to_tsvector', 'jsonb_to_tsvector', 'get_current_ts_config')
                AND NOT 'pg_catalog.regconfig'::pg_catalog.regtype = ANY (p.proargtypes::pg_catalog.oid[])));
    IF v_state->'top'->>'limit' = 'true' THEN
        v_refusal := v_refusal || 'a top-level LIMIT/OFFSET (which rows are in depends on all the others)'::text;
    END IF;

    -- shortest walks to the key occurrence, breadth first from it over guarded equalities
    v_next := pg_catalog.jsonb_build_object(v_key_occ::text, '[]'::jsonb);
    WHILE v_changed LOOP
        v_changed := false;
        FOR v_edge IN
            SELECT x.src, x.dst, h.hop
              FROM (SELECT (q->'a'->>0)::int AS src, (q->'b'->>0)::int AS dst, (q->'a'->>1)::int AS scol, (q->'b'->>1)::int AS dcol,
                           (q->>'ga')::boolean AS guarded, q->>'op' AS op
                      FROM pg_catalog.jsonb_array_elements(v_state->'eqs') q
                    UNION ALL
                    SELECT (q->'b'->>0)::int, (q->'a'->>0)::int, (q->'b'->>1)::int, (q->'a'->>1)::int, (q->>'gb')::boolean, q->>'op'
                      FROM pg_catalog.jsonb_array_elements(v_state->'eqs') q) x
              JOIN pg_catalog.pg_operator o ON o.oid = x.op::oid AND o.oprname = '=' AND (o.oprcanmerge OR o.oprcanhash)
              CROSS JOIN LATERAL (SELECT pg_catalog.jsonb_build_object(
                         'a', (v_state->'occ'->x.src->>'rel')::oid, 'acol', (SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = (v_state->'occ'->x.src->>'rel')::oid AND a.attnum = x.scol),
                         'b', (v_state->'occ'->x.dst->>'rel')::oid, 'bcol', (SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = (v_state->'occ'->x.dst->>'rel')::oid AND a.attnum = x.dcol)) AS hop) h
             WHERE x.guarded AND x.scol > 0 AND x.dcol > 0 AND x.src <> x.dst
               AND v_next ? x.dst::text AND NOT v_next ? x.src::text
             ORDER BY x.src, pg_catalog.jsonb_array_length(v_next->(x.dst::text)), h.hop::text
        LOOP
            CONTINUE WHEN v_next ? v_edge.src::text;
            v_next := v_next || pg_catalog.jsonb_build_object(v_edge.src::text,
                          pg_catalog.jsonb_build_array(v_edge.hop) || (v_next->(v_edge.dst::text)));
            v_changed := true;
        END LOOP;
    END LOOP;

    SELECT pg_catalog.jsonb_agg(r ORDER BY (r->>'ordinal')::int) INTO v_relations FROM (
        SELECT pg_catalog.jsonb_build_object(
                   'rel', o.rel,
                   'columns_read', ARRAY(SELECT a.attname FROM pg_catalog.pg_attribute a
                                          WHERE a.attrelid = o.rel AND a.attnum > 0 AND NOT a.attisdropped
                                            AND EXISTS (SELECT 1 FROM pg_catalog.jsonb_array_elements(v_state->'reads') rd
                                                         WHERE (rd->>0)::int = ANY (o.occs) AND (rd->>1)::int IN (0, a.attnum))
                                          ORDER BY a.attnum),
                   'refresh_mode', CASE WHEN o.reasons IS NULL THEN 'incremental' ELSE 'full' END,
                   'reason', o.reasons,
                   'walks', CASE WHEN o.reasons IS NULL THEN o.walks END,
                   'ordinal', o.first_occ) AS r
          FROM (SELECT oc.rel, pg_catalog.min(oc.occ) AS first_occ, pg_catalog.array_agg(oc.occ) AS occs,
                       pg_catalog.string_agg(DISTINCT oc.reason, '; ') AS reasons,
                       pg_catalog.jsonb_agg(DISTINCT oc.walk) FILTER (WHERE oc.walk IS NOT NULL) AS walks
                  FROM (SELECT (y->>'rel')::oid AS rel, (j - 1)::int AS occ, v_next->((j - 1)::text) AS walk,
                               COALESCE(y->>'every', CASE WHEN NOT v_next ? (j - 1)::text
                                   THEN 'no chain of equalities ties its rows to the key (an uncorrelated subquery, a join on an expression, a non-equality)' END,
                                   -- PostgreSQL 18: transition tables carry no virtual generated columns
                                   CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a, pg_catalog.jsonb_array_elements(v_state->'reads') rd
                                                      WHERE a.attrelid = (y->>'rel')::oid AND a.attgenerated = 'v' AND NOT a.attisdropped
                                                        AND (rd->>0)::int = j - 1 AND (rd->>1)::int IN (0, a.attnum))
                                        THEN 'it reads a virtual generated column, which the triggers'' transition tables do not carry' END) AS reason
                          FROM pg_catalog.jsonb_array_elements(v_state->'occ') WITH ORDINALITY AS z(y, j)) oc
                 GROUP BY oc.rel) o) s(r);

    SELECT pg_catalog.max(pg_catalog.jsonb_array_length(w)) INTO v_steps
      FROM pg_catalog.jsonb_each(v_next) AS e(k, w);
    IF v_steps > 32 THEN
        RAISE EXCEPTION 'tviews: % joins a table to its key through a chain of % tables; tviews follows chains of at most 32', p_view, v_steps
            USING ERRCODE = '54001', HINT = 'Split the view into TVIEWs that read each other, or maintain it by full refresh: options {"refresh": "full"}.';
    END IF;

    RETURN pg_catalog.jsonb_build_object(
        'key_rel', (v_state->'occ'->v_key_occ->>'rel')::oid,
        'key_col', (SELECT a.attname FROM pg_catalog.pg_attribute a
                     WHERE a.attrelid = (v_state->'occ'->v_key_occ->>'rel')::oid AND a.attnum = (v_key->>1)::int),
        'key_nullable', v_nullable,
        'refusals', pg_catalog.to_jsonb(v_refusal),
        'unmaintainable', v_state->'unmaintainable',
        'views', v_state->'views',
        'relations', COALESCE(v_relations, '[]'));
END
$fn$;

-- The walks of one relation read by a registered view (stored at registration in
-- pg_tview_source.walks), for code generation and locking: each a jsonb array of hops.
CREATE OR REPLACE FUNCTION _tviews_walks(p_view regclass, p_source regclass, p_key_rel regclass, p_fk_columns text[])
RETURNS SETOF jsonb SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
    SELECT w FROM pg_tview_source s
      JOIN pg_tview_meta m ON m.entity_name = s.entity_name,
           pg_catalog.jsonb_array_elements(COALESCE(s.walks, '[]')) AS w
     WHERE m.view_oid = p_view AND s.source_oid = p_source AND s.refresh_mode = 'incremental'
     ORDER BY pg_catalog.jsonb_array_length(w), w::text
$fn$;

-- The FROM clause of one walk starting at the changed rows ("changed c"), and the expression of
-- the key it reaches. p_outer keeps rows whose walk stops early (LEFT JOIN): the value locks below
-- must cover a hop's value even when no row has it yet.
CREATE OR REPLACE FUNCTION _tviews_walk_sql(p_hops jsonb, p_key_col name, p_outer boolean,
                                            OUT from_sql text, OUT key_expr text, OUT hop_values text[])
SET search_path FROM CURRENT
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    v_prev text := 'c';
    v_hop  jsonb;
    v_n    int := pg_catalog.jsonb_array_length(p_hops);
BEGIN
    from_sql := 'changed c';
    hop_values := '{}';
    FOR v_i IN 1 .. v_n LOOP
        v_hop := p_hops->(v_i - 1);
        -- the value this hop looks up: rows of b whose bcol equals it
        hop_values := hop_values || pg_catalog.format('%s.%I', v_prev, v_hop->>'acol');
        IF v_i = v_n AND v_hop->>'bcol' = p_key_col THEN
            -- Last hop lands on the key column itself: its value is already in hand.
            key_expr := pg_catalog.format('%s.%I', v_prev, v_hop->>'acol');
        ELSE
            from_sql := from_sql || pg_catalog.format(E'\n                 %sJOIN %s j%s ON j%s.%I = %s.%I',
                                                      CASE WHEN p_outer THEN 'LEFT ' ELSE '' END,
                                                      _tviews_qname((v_hop->>'b')::oid::regclass), v_i, v_i, v_hop->>'bcol', v_prev, v_hop->>'acol');
            v_prev := 'j' || v_i;
        END IF;
    END LOOP;
    key_expr := COALESCE(key_expr, pg_catalog.format('%s.%I', v_prev, p_key_col));
END
$fn$;


-- The SQL that maps changed rows (visible as "changed") to keys: the union of one query per walk.
CREATE OR REPLACE FUNCTION _tviews_key_mapping(p_walks jsonb, p_key_col name)
RETURNS text SET search_path FROM CURRENT
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    v_hops  jsonb;
    v_walk  record;
    v_sql   text;
    v_parts text[] := '{}';
BEGIN
    FOR v_hops IN SELECT w FROM pg_catalog.jsonb_array_elements(p_walks) AS w ORDER BY pg_catalog.jsonb_array_length(w), w::text LOOP
        v_walk := _tviews_walk_sql(v_hops, p_key_col, false);
        v_sql := pg_catalog.format('SELECT (%s)::bigint FROM %s', v_walk.key_expr, v_walk.from_sql);
        IF NOT v_sql = ANY (v_parts) THEN
            v_parts := v_parts || v_sql;
        END IF;
    END LOOP;
    RETURN NULLIF(pg_catalog.array_to_string(v_parts, E'\n          UNION\n          '), '');
END
$fn$;

-- The internals above are the runtime's own: not executable by PUBLIC.
REVOKE ALL ON FUNCTION
    _tviews_lineage(p_view regclass, p_key name),
    _tviews_walks(p_view regclass, p_source regclass, p_key_rel regclass, p_fk_columns text[]),
    _tviews_walk_sql(p_hops jsonb, p_key_col name, p_outer boolean, OUT from_sql text, OUT key_expr text, OUT hop_values text[]),
    _tviews_key_mapping(p_walks jsonb, p_key_col name)
FROM PUBLIC;

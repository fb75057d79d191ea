-- Lineage: which relations a view reads, which of their columns, where its key comes from, and how
-- a changed row of each relation maps to the TVIEW keys it can affect. Everything here is derived
-- from the catalog (pg_depend, pg_constraint, pg_attribute) and from the planner's own view of the
-- query (EXPLAIN VERBOSE), never from the SQL text or from naming guesses about tables.
--
-- The mapping is deliberately an over-approximation: refreshing a key whose row did not change costs
-- one lookup and writes nothing (maintenance skips identical rows), while missing a key leaves a
-- stale row. So every join path the view could use between two relations is followed.

-- The scans of the planner's plan for SELECT * FROM view: one row per table occurrence, with the
-- alias the planner printed and the columns it outputs. Views inside views are already flattened.
CREATE OR REPLACE FUNCTION _tviews_plan_scans(p_view regclass)
RETURNS TABLE (rel regclass, alias text, outputs text[])
LANGUAGE plpgsql AS $fn$
DECLARE
    v_plan jsonb;
BEGIN
    EXECUTE pg_catalog.format('EXPLAIN (VERBOSE, COSTS OFF, FORMAT JSON) SELECT * FROM %s', p_view) INTO v_plan;
    RETURN QUERY
    SELECT pg_catalog.format('%I.%I', n->>'Schema', n->>'Relation Name')::regclass,
           n->>'Alias',
           ARRAY(SELECT pg_catalog.jsonb_array_elements_text(COALESCE(n->'Output', '[]')))
      FROM pg_catalog.jsonb_path_query(v_plan, 'strict $.**') AS n
     WHERE pg_catalog.jsonb_typeof(n) = 'object' AND n ? 'Relation Name' AND n ? 'Schema';
END
$fn$;

-- Where the key column of a view comes from: the table and column the planner reads it from.
-- A per-user feed whose pk_feed is tb_user.pk_user is found here, whatever the names.
CREATE OR REPLACE FUNCTION _tviews_key_source(p_view regclass, p_key name, OUT rel regclass, OUT col name)
LANGUAGE plpgsql AS $fn$
DECLARE
    v_plan  jsonb;
    v_expr  text;
    v_match text[];
    v_alias text;
    v_node  jsonb;
BEGIN
    -- Plan the whole view (SELECT * keeps it from being wrapped in a subquery scan): the top
    -- node's output list is the view's column list, in order.
    EXECUTE pg_catalog.format('EXPLAIN (VERBOSE, COSTS OFF, FORMAT JSON) SELECT * FROM %s', p_view) INTO v_plan;
    v_expr := v_plan->0->'Plan'->'Output'->>(
        (SELECT a.attnum - 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = p_view AND a.attname = p_key)::int);
    -- The planner prints a plain column as alias.column, quoting either part when needed.
    v_match := pg_catalog.regexp_match(v_expr, '^(?:"((?:[^"]|"")+)"|([^".()]+))\.(?:"((?:[^"]|"")+)"|([^".()]+))$');
    IF v_match IS NULL THEN
        RAISE EXCEPTION 'tviews: cannot trace key column % of % to a table column (it is computed as %)', p_key, p_view, v_expr
            USING ERRCODE = '0A000',
                  HINT = 'Select the key straight from a table column, e.g. SELECT t.pk_x AS pk_entity ... FROM tb_x t.';
    END IF;
    v_alias := COALESCE(pg_catalog.replace(v_match[1], '""', '"'), v_match[2]);
    col := COALESCE(pg_catalog.replace(v_match[3], '""', '"'), v_match[4]);
    SELECT n INTO v_node
      FROM pg_catalog.jsonb_path_query(v_plan, 'strict $.**') AS n
     WHERE pg_catalog.jsonb_typeof(n) = 'object' AND n->>'Alias' = v_alias AND n ? 'Relation Name'
     LIMIT 1;
    IF v_node IS NULL THEN
        RAISE EXCEPTION 'tviews: cannot trace key column % of % to a table: % is not a table scan', p_key, p_view, v_expr
            USING ERRCODE = '0A000',
                  HINT = 'Select the key straight from a table column rather than from a subquery, set operation or function.';
    END IF;
    rel := pg_catalog.format('%I.%I', v_node->>'Schema', v_node->>'Relation Name')::regclass;
END
$fn$;

-- Every relation a view reads, recursively through other views, with the columns it reads
-- (column-level pg_depend entries of the view rules). A whole-row reference (to_jsonb(t)) shows
-- in the plan as alias.*; then every column counts as read.
CREATE OR REPLACE FUNCTION _tviews_read_relations(p_view regclass)
RETURNS TABLE (rel regclass, relkind "char", columns_read name[])
LANGUAGE sql AS $fn$
    WITH RECURSIVE views(view_oid) AS (
        SELECT p_view::oid
        UNION
        SELECT d.refobjid
          FROM views v
          JOIN pg_catalog.pg_rewrite r ON r.ev_class = v.view_oid AND r.rulename = '_RETURN'
          JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.objid = r.oid
                                     AND d.refclassid = 'pg_catalog.pg_class'::regclass
          JOIN pg_catalog.pg_class c ON c.oid = d.refobjid AND c.relkind = 'v' AND c.oid <> v.view_oid
    ),
    deps AS (
        SELECT d.refobjid AS rel_oid, d.refobjsubid AS attnum
          FROM views v
          JOIN pg_catalog.pg_rewrite r ON r.ev_class = v.view_oid AND r.rulename = '_RETURN'
          JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.objid = r.oid
                                     AND d.refclassid = 'pg_catalog.pg_class'::regclass
         WHERE d.refobjid <> v.view_oid
    ),
    whole_row AS (
        SELECT DISTINCT s.rel::oid AS rel_oid
          FROM _tviews_plan_scans(p_view) s
         WHERE EXISTS (SELECT 1 FROM pg_catalog.unnest(s.outputs) o WHERE o LIKE '%.*')
    )
    SELECT c.oid::regclass, c.relkind,
           ARRAY(SELECT a.attname
                   FROM pg_catalog.pg_attribute a
                  WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                    AND (c.oid IN (SELECT rel_oid FROM whole_row)
                         OR a.attnum IN (SELECT d.attnum FROM deps d WHERE d.rel_oid = c.oid))
                  ORDER BY a.attnum)
      FROM pg_catalog.pg_class c
     WHERE c.oid IN (SELECT rel_oid FROM deps) AND c.relkind <> 'v'
     ORDER BY c.oid
$fn$;

-- The entity a column's values belong to: pk_<x> and fk_<x> hold keys of entity <x>, and
-- fk_columns entries of the form '<column>=<entity>' name it for columns that don't follow that
-- convention (plain 'fk_<x>' entries just confirm it).
CREATE OR REPLACE FUNCTION _tviews_column_entity(p_column name, p_fk_columns text[])
RETURNS text
LANGUAGE sql IMMUTABLE AS $fn$
    SELECT COALESCE(
        (SELECT pg_catalog.split_part(f, '=', 2) FROM pg_catalog.unnest(p_fk_columns) f
          WHERE f LIKE '%=%' AND pg_catalog.split_part(f, '=', 1) = p_column LIMIT 1),
        (pg_catalog.regexp_match(p_column, '^(?:pk|fk)_(.+)$'))[1])
$fn$;

-- How rows of the relations a view reads connect: single-column FOREIGN KEY constraints, plus
-- columns that hold keys of the same entity by the pk_/fk_ convention or a declared fk_columns
-- link. Only columns the view actually reads count: a view cannot join through a column it never
-- touches. Each connection is returned in both directions.
CREATE OR REPLACE FUNCTION _tviews_edges(p_view regclass, p_fk_columns text[])
RETURNS TABLE (a regclass, acol name, b regclass, bcol name, why text)
LANGUAGE sql AS $fn$
    WITH rels AS (
        SELECT r.rel, r.columns_read FROM _tviews_read_relations(p_view) r WHERE r.relkind IN ('r', 'p')
    ),
    cols AS (
        SELECT r.rel, c AS col, _tviews_column_entity(c, p_fk_columns) AS entity
          FROM rels r, pg_catalog.unnest(r.columns_read) c
    ),
    one_way AS (
        SELECT k.conrelid::regclass AS a, ka.attname AS acol, k.confrelid::regclass AS b, fa.attname AS bcol,
               'foreign key ' || k.conname AS why
          FROM pg_catalog.pg_constraint k
          JOIN pg_catalog.pg_attribute ka ON ka.attrelid = k.conrelid AND ka.attnum = k.conkey[1]
          JOIN pg_catalog.pg_attribute fa ON fa.attrelid = k.confrelid AND fa.attnum = k.confkey[1]
         WHERE k.contype = 'f' AND pg_catalog.cardinality(k.conkey) = 1
           AND EXISTS (SELECT 1 FROM cols c WHERE c.rel = k.conrelid::regclass AND c.col = ka.attname)
           AND EXISTS (SELECT 1 FROM cols c WHERE c.rel = k.confrelid::regclass AND c.col = fa.attname)
        UNION
        SELECT x.rel, x.col, y.rel, y.col, 'both hold keys of entity ' || x.entity
          FROM cols x JOIN cols y ON x.entity = y.entity
         WHERE (x.rel, x.col) < (y.rel, y.col)
    )
    SELECT a, acol, b, bcol, why FROM one_way
    UNION
    SELECT b, bcol, a, acol, why FROM one_way
$fn$;

-- Every walk from p_source to the key's table along the edges, as a jsonb array of hops
-- {a, acol, b, bcol}, shortest first. A join path in the view's plan passes through each table
-- scan at most once, so a walk visits a relation at most as often as the plan scans it: a comment
-- reaches its own post, not the post's other comments, unless the view joins comments twice.
CREATE OR REPLACE FUNCTION _tviews_walks(p_view regclass, p_source regclass, p_key_rel regclass, p_fk_columns text[])
RETURNS SETOF jsonb
LANGUAGE plpgsql AS $fn$
DECLARE
    v_max_hops int;
    v_edges    jsonb;
    v_scans    jsonb;
BEGIN
    SELECT GREATEST(pg_catalog.count(*) - 1, 0) INTO v_max_hops FROM _tviews_plan_scans(p_view);
    v_max_hops := LEAST(v_max_hops, 6);
    SELECT COALESCE(pg_catalog.jsonb_object_agg(n.rel, n.scans), '{}') INTO v_scans
      FROM (SELECT s.rel::oid::text AS rel, pg_catalog.count(*) AS scans FROM _tviews_plan_scans(p_view) s GROUP BY 1) n;
    SELECT COALESCE(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('a', e.a::oid, 'acol', e.acol, 'b', e.b::oid, 'bcol', e.bcol)), '[]')
      INTO v_edges FROM _tviews_edges(p_view, p_fk_columns) e;
    RETURN QUERY
        WITH RECURSIVE e AS (
            SELECT (x->>'a')::oid AS a, x->>'acol' AS acol, (x->>'b')::oid AS b, x->>'bcol' AS bcol
              FROM pg_catalog.jsonb_array_elements(v_edges) x
        ), w(cur, hops, depth, visited) AS (
            SELECT p_source::oid, '[]'::jsonb, 0, ARRAY[p_source::oid]
            UNION ALL
            SELECT e.b, w.hops || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object('a', e.a, 'acol', e.acol, 'b', e.b, 'bcol', e.bcol)),
                   w.depth + 1, w.visited || e.b
              FROM w JOIN e ON e.a = w.cur
             WHERE w.depth < v_max_hops
               AND (SELECT pg_catalog.count(*) FROM pg_catalog.unnest(w.visited) v WHERE v = e.b)
                   < COALESCE((v_scans->>(e.b::text))::int, 1)
        )
        SELECT w.hops FROM w WHERE w.cur = p_key_rel::oid ORDER BY w.depth, w.hops::text;
END
$fn$;

-- The FROM clause of one walk starting at the changed rows ("changed c"), and the expression of
-- the key it reaches. p_outer keeps rows whose walk stops early (LEFT JOIN): the value locks below
-- must cover a hop's value even when no row has it yet.
CREATE OR REPLACE FUNCTION _tviews_walk_sql(p_hops jsonb, p_key_col name, p_outer boolean,
                                            OUT from_sql text, OUT key_expr text, OUT hop_values text[])
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

-- The SQL that maps changed rows of p_source (visible as "changed") to keys of the TVIEW: the union
-- of one query per walk from p_source to the key's table. NULL when there is no walk at all: the
-- relation's changes can't be mapped to keys.
CREATE OR REPLACE FUNCTION _tviews_key_mapping(p_view regclass, p_source regclass, p_key_rel regclass,
                                               p_key_col name, p_fk_columns text[])
RETURNS text
LANGUAGE plpgsql AS $fn$
DECLARE
    v_hops  jsonb;
    v_walk  record;
    v_sql   text;
    v_parts text[] := '{}';
BEGIN
    FOR v_hops IN SELECT * FROM _tviews_walks(p_view, p_source, p_key_rel, p_fk_columns) LOOP
        v_walk := _tviews_walk_sql(v_hops, p_key_col, false);
        v_sql := pg_catalog.format('SELECT (%s)::bigint FROM %s', v_walk.key_expr, v_walk.from_sql);
        IF NOT v_sql = ANY (v_parts) THEN
            v_parts := v_parts || v_sql;
        END IF;
        IF pg_catalog.cardinality(v_parts) > 64 THEN
            RAISE EXCEPTION 'tviews: too many join paths (more than 64) from % to the key of %', p_source, p_view
                USING ERRCODE = '54001',
                      HINT = 'Simplify the view, or opt this relation into full refresh: options {"full_refresh": ["' || p_source::text || '"]}.';
        END IF;
    END LOOP;
    IF pg_catalog.cardinality(v_parts) = 0 THEN
        RETURN NULL;
    END IF;
    RETURN pg_catalog.array_to_string(v_parts, E'\n          UNION\n          ');
END
$fn$;

-- Orders the plan decides: whether the result of an aggregate that lists or adds up its rows
-- (jsonb_agg, string_agg, sum of floats), of ARRAY(SELECT ...), of LIMIT / DISTINCT ON, or of a
-- window function is decided by the query's ORDER BY, or follows the order the plan gives the rows.
-- A refresh of a few keys plans differently from a read of the whole view (an index scan against a
-- hash join or a sort, and PostgreSQL's sort is not stable), so only a decided order keeps the TVIEW
-- equal to its view; the analysis of querytree.sql (_tviews_lin_expr, _tviews_lin_query) refuses
-- the others with these functions. Installed after querytree.sql, whose helpers they use.

-- The Vars of an expression that belong to the query level p_depth levels up from it (0: its own),
-- as Vars of that level (varlevelsup 0): the columns of that level a value is computed from. A
-- subquery inside the expression is a function of the columns of outer levels it refers to. An
-- aggregate or window function of the expression's own level stands for no column: JSON null (but
-- p_into_windows: a window function stands for the columns of its arguments).
CREATE OR REPLACE FUNCTION _tviews_lin_vars(p_node jsonb, p_depth int, p_into_windows boolean)
RETURNS SETOF jsonb SET search_path FROM CURRENT
LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
    v_child jsonb;
BEGIN
    IF pg_catalog.jsonb_typeof(p_node) = 'object' AND p_node->>'_' = 'VAR' THEN
        IF COALESCE((p_node->>'varlevelsup')::int, 0) = p_depth THEN
            RETURN NEXT p_node || '{"varlevelsup": "0"}';
        END IF;
        RETURN;
    ELSIF pg_catalog.jsonb_typeof(p_node) = 'object' AND p_depth = 0
          AND (p_node->>'_' = 'AGGREF' OR (p_node->>'_' = 'WINDOWFUNC' AND NOT p_into_windows)) THEN
        -- computed from other rows of the level: no column of this row decides it
        RETURN NEXT 'null'::jsonb;
        RETURN;
    END IF;
    FOR v_child IN SELECT e.value FROM pg_catalog.jsonb_each(CASE WHEN pg_catalog.jsonb_typeof(p_node) = 'object' THEN p_node END) e
                   UNION ALL
                   SELECT e.value FROM pg_catalog.jsonb_array_elements(CASE WHEN pg_catalog.jsonb_typeof(p_node) = 'array' THEN p_node END) e LOOP
        CONTINUE WHEN pg_catalog.jsonb_typeof(v_child) NOT IN ('object', 'array');
        RETURN QUERY SELECT * FROM _tviews_lin_vars(v_child, p_depth + CASE WHEN v_child->>'_' = 'QUERY' THEN 1 ELSE 0 END, p_into_windows);
    END LOOP;
END
$fn$;

-- The columns a sort clause sorts on (SortGroupClauses pointing into a target list), resolved; only
-- those that are plain column references.
CREATE OR REPLACE FUNCTION _tviews_lin_sort_columns(p_state jsonb, p_level int, p_targets jsonb, p_clauses jsonb)
RETURNS jsonb SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
    SELECT COALESCE(pg_catalog.jsonb_agg(_tviews_lin_resolve(p_state, p_level, _tviews_lin_strip(t->'expr'))), '[]')
      FROM pg_catalog.jsonb_array_elements(_tviews_lin_list(p_targets)) t
     WHERE _tviews_lin_strip(t->'expr')->>'_' = 'VAR'
       AND (t->>'ressortgroupref')::int IN (SELECT (o->>'tleSortGroupRef')::int FROM pg_catalog.jsonb_array_elements(_tviews_lin_list(p_clauses)) o)
$fn$;

-- The columns the values of a target list (an aggregate's arguments, a level's output) are computed
-- from, resolved; {"sub": level} for a value a derived table or view computes, JSON null for any
-- other value that comes from no table column; sort-only entries left out.
-- p_into_windows: window functions count as their arguments (the rows a window numbers or reads).
-- One of those (a Var of _tviews_lin_vars, or its JSON null), resolved.
CREATE OR REPLACE FUNCTION _tviews_lin_printed_column(p_state jsonb, p_level int, p_var jsonb)
RETURNS jsonb SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
    SELECT CASE WHEN p_var = 'null' THEN p_var
                ELSE COALESCE(_tviews_lin_resolve(p_state, p_level, p_var),
                              (SELECT pg_catalog.jsonb_build_object('sub', (a.rte->>'level')::int)
                                 FROM _tviews_lin_var_at(p_state, p_level, p_var) a WHERE a.rte->>'k' = 'sub'),
                              'null') END
$fn$;

CREATE OR REPLACE FUNCTION _tviews_lin_printed_columns(p_state jsonb, p_level int, p_targets jsonb, p_into_windows boolean)
RETURNS jsonb SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
    SELECT COALESCE(pg_catalog.jsonb_agg(_tviews_lin_printed_column(p_state, p_level, v)), '[]')
      FROM pg_catalog.jsonb_array_elements(_tviews_lin_list(p_targets)) t,
           _tviews_lin_vars(t->'expr', 0, p_into_windows) AS v
     WHERE t->>'resjunk' IS DISTINCT FROM 'true'
$fn$;

-- The key of jsonb_object_agg(k, v) (its arguments p_args) as a sort column, resolved: rows are
-- ordered by it first, since only rows with the same key compete. Empty when the key is no column.
CREATE OR REPLACE FUNCTION _tviews_lin_object_key(p_state jsonb, p_level int, p_args jsonb)
RETURNS jsonb SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
    SELECT CASE WHEN a.k->>'_' = 'VAR' THEN pg_catalog.jsonb_build_array(_tviews_lin_resolve(p_state, p_level, a.k)) ELSE '[]' END
      FROM (SELECT _tviews_lin_strip(_tviews_lin_list(p_args)->0->'expr') AS k) AS a
$fn$;

-- Values that compare equal but print differently: numeric 1.0 and 1.00, float -0 and 0, interval
-- '1 day' and '24 hours', jsonb 1.0 and 1, strings under a nondeterministic collation. Where a query
-- keeps one of several equal values (min and max, GROUP BY, DISTINCT, an aggregate over DISTINCT
-- values), the one it keeps is the one the plan gives first or last, and a refresh of a few keys
-- plans differently from the whole view: such a value is exact only when equal values print alike.

-- Whether values of a type (with its typmod and collation) that compare equal print the same:
-- integers, booleans, uuid, dates and times, bytea, enums; numeric and char(n) only with a typmod
-- (numeric(12,2) gives every value two decimals; char(n) pads); text under a deterministic
-- collation; a domain as its base type.
CREATE OR REPLACE FUNCTION _tviews_lin_type_prints_alike(p_type oid, p_typmod int, p_collation oid)
RETURNS boolean SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
    WITH RECURSIVE t(oid, typmod, depth) AS (
        -- (a domain: its base type, with the domain's typmod where the value has none)
        SELECT p_type, COALESCE(p_typmod, -1), 0
        UNION ALL
        SELECT d.typbasetype, CASE WHEN t.typmod >= 0 THEN t.typmod ELSE d.typtypmod END, t.depth + 1
          FROM t JOIN pg_catalog.pg_type d ON d.oid = t.oid AND d.typtype = 'd'
         WHERE t.depth < 32
    )
    SELECT CASE
        WHEN y.typtype = 'e' THEN true
        WHEN y.oid IN ('int2'::pg_catalog.regtype, 'int4'::pg_catalog.regtype, 'int8'::pg_catalog.regtype, 'oid'::pg_catalog.regtype,
                       'bool'::pg_catalog.regtype, 'uuid'::pg_catalog.regtype, 'date'::pg_catalog.regtype, 'time'::pg_catalog.regtype,
                       'timestamp'::pg_catalog.regtype, 'timestamptz'::pg_catalog.regtype, 'bytea'::pg_catalog.regtype,
                       '"char"'::pg_catalog.regtype) THEN true
        WHEN y.oid = 'numeric'::pg_catalog.regtype THEN t.typmod >= 0
        WHEN y.oid IN ('text'::pg_catalog.regtype, 'varchar'::pg_catalog.regtype, 'name'::pg_catalog.regtype, 'bpchar'::pg_catalog.regtype) THEN
            (y.oid <> 'bpchar'::pg_catalog.regtype OR t.typmod >= 0)
            AND COALESCE((SELECT k.collisdeterministic FROM pg_catalog.pg_collation k WHERE k.oid = p_collation), true)
        ELSE false
    END
      FROM t JOIN pg_catalog.pg_type y ON y.oid = t.oid
     WHERE y.typtype <> 'd'
$fn$;

-- Whether values of an expression (a node of the query tree) that compare equal print the same, by
-- its type, typmod and collation: a column's own; a cast to numeric(p,s) or char(n) and round(x, n)
-- or trunc(x, n) fix the scale; min() and max(), CASE, COALESCE, GREATEST and LEAST return one of
-- their input values; jsonb_build_object, jsonb_build_array and to_jsonb of values that print alike
-- print alike. False for a node whose type is not known here. (Nodes by both names: COLLATE, CASE,
-- COALESCE and MINMAX before PostgreSQL 16.)
CREATE OR REPLACE FUNCTION _tviews_lin_expr_prints_alike(p_node jsonb, p_collation oid DEFAULT NULL)
RETURNS boolean SET search_path FROM CURRENT
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    v_type   oid;
    v_typmod int := -1;
    v_coll   oid;
BEGIN
    CASE p_node->>'_'
        WHEN 'VAR' THEN
            v_type := p_node->>'vartype'; v_typmod := p_node->>'vartypmod'; v_coll := p_node->>'varcollid';
        WHEN 'CONST' THEN
            RETURN true;  -- one value, one spelling
        WHEN 'RELABELTYPE', 'COERCETODOMAIN', 'COERCEVIAIO' THEN
            v_type := p_node->>'resulttype'; v_typmod := COALESCE(p_node->>'resulttypmod', '-1'); v_coll := p_node->>'resultcollid';
        WHEN 'COLLATEEXPR', 'COLLATE' THEN
            RETURN _tviews_lin_expr_prints_alike(p_node->'arg', (p_node->>'collOid')::oid);
        WHEN 'FUNCEXPR' THEN
            v_type := p_node->>'funcresulttype'; v_coll := p_node->>'funccollid';
            -- jsonb built of values that print alike prints alike (keys are text)
            IF EXISTS (SELECT 1 FROM pg_catalog.pg_proc f WHERE f.oid = (p_node->>'funcid')::oid
                          AND f.pronamespace = 'pg_catalog'::pg_catalog.regnamespace
                          AND f.proname IN ('jsonb_build_object', 'jsonb_build_array', 'to_jsonb')) THEN
                RETURN NOT EXISTS (SELECT 1 FROM pg_catalog.jsonb_array_elements(_tviews_lin_list(p_node->'args')) a
                                    WHERE NOT _tviews_lin_expr_prints_alike(_tviews_lin_strip(a)));
            END IF;
            IF pg_catalog.jsonb_array_length(_tviews_lin_list(p_node->'args')) = 2 AND p_node->'args'->1->>'_' = 'CONST'
               AND (EXISTS (SELECT 1 FROM pg_catalog.pg_cast k WHERE k.castfunc = (p_node->>'funcid')::oid AND k.castsource = k.casttarget)
                    OR EXISTS (SELECT 1 FROM pg_catalog.pg_proc f WHERE f.oid = (p_node->>'funcid')::oid AND f.proname IN ('round', 'trunc')
                                  AND f.pronamespace = 'pg_catalog'::pg_catalog.regnamespace AND f.prorettype = 'numeric'::pg_catalog.regtype)) THEN
                v_typmod := 0;  -- a length coercion or a rounding to a constant scale: one spelling per value
            END IF;
        WHEN 'OPEXPR' THEN
            v_type := p_node->>'opresulttype'; v_coll := p_node->>'opcollid';
        WHEN 'AGGREF' THEN
            IF _tviews_lin_picks((p_node->>'aggfnoid')::oid) = 'equal' THEN
                RETURN _tviews_lin_expr_prints_alike(_tviews_lin_list(p_node->'args')->0->'expr', COALESCE(p_collation, (p_node->>'inputcollid')::oid));
            END IF;
            v_type := p_node->>'aggtype'; v_coll := p_node->>'aggcollid';
        WHEN 'WINDOWFUNC' THEN
            v_type := p_node->>'wintype'; v_coll := p_node->>'wincollid';
        WHEN 'CASEEXPR', 'CASE', 'COALESCEEXPR', 'COALESCE', 'MINMAXEXPR', 'MINMAX' THEN
            -- the value of one of its results (CASE) or arguments: as they print (a typmod their
            -- common type lacks included)
            v_coll := COALESCE(p_collation, (p_node->>'casecollid')::oid, (p_node->>'coalescecollid')::oid, (p_node->>'inputcollid')::oid);
            RETURN NOT EXISTS (
                SELECT 1
                  FROM (SELECT w->'result' AS r FROM pg_catalog.jsonb_array_elements(
                                                         CASE WHEN p_node->>'_' IN ('CASEEXPR', 'CASE') THEN _tviews_lin_list(p_node->'args') ELSE '[]' END) w
                        UNION ALL SELECT p_node->'defresult' WHERE p_node->>'_' IN ('CASEEXPR', 'CASE')
                        UNION ALL SELECT a FROM pg_catalog.jsonb_array_elements(
                                                     CASE WHEN p_node->>'_' IN ('CASEEXPR', 'CASE') THEN '[]' ELSE _tviews_lin_list(p_node->'args') END) a) x
                 WHERE pg_catalog.jsonb_typeof(x.r) = 'object' AND NOT _tviews_lin_expr_prints_alike(_tviews_lin_strip(x.r), v_coll));
        ELSE
            RETURN false;
    END CASE;
    RETURN COALESCE(_tviews_lin_type_prints_alike(v_type, v_typmod, COALESCE(p_collation, v_coll)), false);
END
$fn$;

-- Of the aggregates of pg_catalog, those that return the value of one input row: 'equal' (min, max,
-- and percentile_disc and mode over their sorted input: one of the values equal to the result) or
-- 'any' (any_value: the first row the plan gives); NULL for the others.
CREATE OR REPLACE FUNCTION _tviews_lin_picks(p_fn oid)
RETURNS text SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
    SELECT CASE WHEN p.proname IN ('min', 'max', 'percentile_disc', 'mode') THEN 'equal' WHEN p.proname = 'any_value' THEN 'any' END
      FROM pg_catalog.pg_proc p
     WHERE p.oid = p_fn AND p.pronamespace = 'pg_catalog'::pg_catalog.regnamespace AND p.prokind = 'a'
$fn$;

-- The refusal of a value kept among equal ones (p_what: 'max()', 'GROUP BY x', ...) whose equal
-- values can print differently.
CREATE OR REPLACE FUNCTION _tviews_lin_representative_refusal(p_what text, p_fix text)
RETURNS text SET search_path FROM CURRENT
LANGUAGE sql IMMUTABLE AS $fn$
    SELECT pg_catalog.format('%s over values that are equal but print differently (1.0 and 1.00 in numeric, -0 and 0 in floats, '
                             '''1 day'' and ''24 hours'' in intervals, text under a nondeterministic collation): which of them it '
                             'keeps follows the query plan, which differs between the view and a refresh of a few keys (%s)', p_what, p_fix)
$fn$;

-- The output columns of a level that groups (GROUP BY) or removes duplicates (DISTINCT, UNION)
-- print, for each group, the value of one of its rows: refusals ({"att": output column, "refusal":
-- text}) for those whose rows may hold equal values that print differently. A grouped expression
-- is decided by its type (_tviews_lin_expr_prints_alike); other columns (a column of a table pinned
-- down by a grouped key: GROUP BY t.pk_x, t.price) as the rows of a group, or of a DISTINCT group,
-- tie (_tviews_lin_order_decides).
CREATE OR REPLACE FUNCTION _tviews_lin_representative_refusals(p_state jsonb, p_level int, p_query jsonb)
RETURNS jsonb SET search_path FROM CURRENT
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    v_groups   boolean := (p_state->'levels'->p_level->>'groups')::boolean;
    v_clause   jsonb;
    v_refs     int[];
    v_sort     jsonb := '[]';
    v_tle      jsonb;
    v_expr     jsonb;
    v_printed  jsonb;
    v_out      jsonb := '[]';
BEGIN
    IF pg_catalog.jsonb_typeof(p_query->'setOperations') = 'object' THEN
        -- UNION, INTERSECT and EXCEPT without ALL keep one of the rows that are equal: each output
        -- column must print alike by the type the branches share
        IF pg_catalog.jsonb_path_exists(p_query->'setOperations', 'strict $.** ? (@._ == "SETOPERATIONSTMT" && @.all == "false")') THEN
            RETURN (SELECT COALESCE(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('att', t.i, 'refusal', _tviews_lin_representative_refusal(
                               pg_catalog.format('UNION, INTERSECT or EXCEPT (column %s)', t.name), 'cast it to a type with one spelling per value, such as numeric(12,2), or use UNION ALL'))
                           ORDER BY t.i), '[]')
                      FROM (SELECT e.i, e.tle->>'resname' AS name FROM pg_catalog.jsonb_array_elements(_tviews_lin_list(p_query->'targetList')) WITH ORDINALITY AS e(tle, i)
                             WHERE e.tle->>'resjunk' IS DISTINCT FROM 'true') t
                     WHERE NOT COALESCE(_tviews_lin_type_prints_alike((p_query->'setOperations'->'colTypes'->>(t.i::int))::oid,
                                                                      (p_query->'setOperations'->'colTypmods'->>(t.i::int))::int,
                                                                      (p_query->'setOperations'->'colCollations'->>(t.i::int))::oid), false));
        END IF;
        RETURN v_out;
    ELSIF v_groups THEN
        v_clause := _tviews_lin_list(p_query->'groupClause');
    ELSIF p_query->>'hasDistinctOn' IS DISTINCT FROM 'true' AND NOT (p_state->'levels'->p_level->>'aggregates')::boolean THEN
        v_clause := _tviews_lin_list(p_query->'distinctClause');
        v_sort := _tviews_lin_sort_columns(p_state, p_level, p_query->'targetList', v_clause);
    END IF;
    IF COALESCE(v_clause, '[]') = '[]' THEN
        RETURN v_out;
    END IF;
    v_refs := ARRAY(SELECT (g->>'tleSortGroupRef')::int FROM pg_catalog.jsonb_array_elements(v_clause) g);
    FOR v_tle IN SELECT pg_catalog.jsonb_array_elements(_tviews_lin_list(p_query->'targetList')) LOOP
        CONTINUE WHEN v_tle->>'resjunk' = 'true';
        v_expr := _tviews_lin_strip(v_tle->'expr');
        IF (v_tle->>'ressortgroupref')::int = ANY (v_refs) AND v_expr->>'_' <> 'VAR' THEN
            CONTINUE WHEN _tviews_lin_expr_prints_alike(v_expr);
        ELSE
            -- its columns outside aggregates (which print one value per group: their own orders are
            -- checked with them), but those whose equal values print alike anyway; a value that is
            -- no column (a grouped expression, through PostgreSQL 18's group entry) stays JSON null
            SELECT COALESCE(pg_catalog.jsonb_agg(_tviews_lin_printed_column(p_state, p_level, v)), '[]')
              INTO v_printed
              FROM _tviews_lin_vars(v_tle->'expr', 0, false) AS v
             WHERE v <> 'null' AND NOT _tviews_lin_expr_prints_alike(v);
            CONTINUE WHEN _tviews_lin_order_decides(p_state, p_level, v_sort, v_printed, v_groups);
        END IF;
        v_out := v_out || pg_catalog.jsonb_build_object('att', (v_tle->>'resno')::int, 'refusal', _tviews_lin_representative_refusal(
            pg_catalog.format('%s (column %s)', CASE WHEN v_groups THEN 'GROUP BY' ELSE 'DISTINCT' END, v_tle->>'resname'),
            'cast it to a type with one spelling per value, such as numeric(12,2), or group by a key of its table'));
    END LOOP;
    RETURN v_out;
END
$fn$;

-- Whether values of a column (resolved, [occurrence, attnum]) that sort equal print the same, by its
-- type, typmod and collation (_tviews_lin_type_prints_alike).
CREATE OR REPLACE FUNCTION _tviews_lin_prints_as_sorted(p_state jsonb, p_col jsonb)
RETURNS boolean SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
    SELECT COALESCE((SELECT _tviews_lin_type_prints_alike(a.atttypid, a.atttypmod, a.attcollation)
                       FROM pg_catalog.pg_attribute a
                      WHERE a.attrelid = (p_state->'occ'->((p_col->>0)::int)->>'rel')::oid AND a.attnum = (p_col->>1)::int), false)
$fn$;

-- Whether the order of rows sorted by p_sort (resolved columns, [occurrence, attnum]) is decided
-- wherever it shows: rows that tie on the sort must print the same values p_printed (resolved
-- columns; NULL for a value that is no table column, such as a function's output), so that the plan
-- cannot change the result. The rows are those of one group of the level (p_within_group: an
-- aggregate's input), or the level's output rows (LIMIT, DISTINCT ON, ARRAY(SELECT ...)): of a level
-- that groups, its groups, whose order is decided when the sort covers every column grouped by; of
-- a level that aggregates without GROUP BY, its one row. Otherwise a printed column is the same for
-- rows that tie when:
--   its table is pinned down: a unique NOT NULL key of it is sorted on, grouped by (within a group)
--     or equal (a join or WHERE condition) to columns of tables already pinned down or of the
--     enclosing query's row (tables of the level's FROM, through derived tables and views);
--   it is a column of the enclosing query's row, fixed while the level is evaluated;
--   it is sorted on, and its type prints values that sort equal the same (integers, text under a
--     deterministic collation, uuid, dates, timestamps; not numeric: 1.0 = 1.00).
CREATE OR REPLACE FUNCTION _tviews_lin_order_decides(p_state jsonb, p_level int, p_sort jsonb, p_printed jsonb, p_within_group boolean)
RETURNS boolean SET search_path FROM CURRENT
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    v_grouped jsonb := p_state->'levels'->p_level->'grouped';
    v_known   jsonb := COALESCE(p_sort, '[]') || CASE WHEN p_within_group THEN v_grouped ELSE '[]' END;
    v_levels  int[];
    v_fixed   int[];
    v_left    int[];
    v_pinned  int[];
    v_printed jsonb[];
    v_col     jsonb;
    v_sub     int;
    v_rest    jsonb[] := '{}';
BEGIN
    IF NOT p_within_group AND (p_state->'levels'->p_level->>'groups')::boolean THEN
        -- groups differ in a column grouped by: decided when the sort covers them all, or when every
        -- value printed is a grouped column sorted on, which tied groups print alike
        RETURN ((SELECT pg_catalog.bool_and(g <> 'null' AND g IN (SELECT pg_catalog.jsonb_array_elements(v_known)))
                   FROM pg_catalog.jsonb_array_elements(v_grouped) g)
                AND pg_catalog.jsonb_array_length(v_grouped) = (p_state->'levels'->p_level->>'group_count')::int)
            OR NOT EXISTS (SELECT 1 FROM pg_catalog.jsonb_array_elements(COALESCE(p_printed, '[]')) AS p(col)
                            WHERE p.col = 'null' OR p.col NOT IN (SELECT pg_catalog.jsonb_array_elements(v_known))
                               OR p.col NOT IN (SELECT pg_catalog.jsonb_array_elements(v_grouped))
                               OR NOT _tviews_lin_prints_as_sorted(p_state, p.col));
    ELSIF NOT p_within_group AND (p_state->'levels'->p_level->>'aggregates')::boolean THEN
        RETURN true;
    END IF;
    WITH RECURSIVE l(i) AS (
        SELECT p_level
        UNION
        SELECT (r.v->>'level')::int FROM l, pg_catalog.jsonb_each(p_state->'levels'->l.i->'rtes') AS r(k, v) WHERE r.v->>'k' = 'sub')
    SELECT pg_catalog.array_agg(l.i) INTO v_levels FROM l;
    -- the enclosing levels: one row of theirs is fixed while this level is evaluated
    WITH RECURSIVE u(i) AS (
        SELECT (p_state->'levels'->p_level->>'parent')::int
        UNION ALL
        SELECT (p_state->'levels'->u.i->>'parent')::int FROM u WHERE u.i IS NOT NULL)
    SELECT COALESCE(pg_catalog.array_agg(u.i), '{}') INTO v_fixed FROM u WHERE u.i IS NOT NULL;
    v_left := ARRAY(SELECT (z.j - 1)::int FROM pg_catalog.jsonb_array_elements(p_state->'occ') WITH ORDINALITY AS z(y, j)
                     WHERE (z.y->>'level')::int = ANY (v_levels));
    LOOP
        v_pinned := ARRAY(
            SELECT o.occ FROM pg_catalog.unnest(v_left) AS o(occ)
             WHERE EXISTS (
                 SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
                  WHERE i.indrelid = (p_state->'occ'->o.occ->>'rel')::oid AND i.indisunique AND i.indimmediate
                    AND i.indpred IS NULL AND i.indexprs IS NULL
                    -- (an inheritance parent's index does not cover its children's rows)
                    AND NOT (c.relkind = 'r' AND c.relhassubclass)
                    AND NOT EXISTS (
                        SELECT 1 FROM pg_catalog.unnest(i.indkey::int2[]) WITH ORDINALITY AS k(att, n)
                          JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.att
                         WHERE k.n <= i.indnkeyatts
                           AND (NOT a.attnotnull
                                -- (element by element: @> would find [1, 1] in [1, 3])
                                OR NOT (pg_catalog.jsonb_build_array(o.occ, k.att) IN (SELECT pg_catalog.jsonb_array_elements(v_known))
                                        OR EXISTS (
                                            SELECT 1 FROM pg_catalog.jsonb_array_elements(p_state->'eqs') q
                                              JOIN pg_catalog.pg_operator op ON op.oid = (q->>'op')::oid AND op.oprname = '='
                                                                              AND (op.oprcanmerge OR op.oprcanhash)
                                             CROSS JOIN LATERAL (VALUES (q->'a', q->'b'), (q->'b', q->'a')) AS e(mine, other)
                                             WHERE e.mine = pg_catalog.jsonb_build_array(o.occ, k.att)
                                               AND (e.other IN (SELECT pg_catalog.jsonb_array_elements(v_known))
                                                    OR ((e.other->>0)::int <> ALL (v_left)
                                                        AND (p_state->'occ'->((e.other->>0)::int)->>'level')::int
                                                            = ANY (v_levels || v_fixed)))))))));
        EXIT WHEN pg_catalog.cardinality(v_pinned) = 0;
        v_left := ARRAY(SELECT x FROM pg_catalog.unnest(v_left) AS x WHERE x <> ALL (v_pinned));
    END LOOP;
    -- a value computed by a derived table or view (a count, a window function): the same for rows that
    -- tie when its row is: its groups' columns are (or it has one row), or else all its tables are pinned
    v_printed := ARRAY(SELECT p.col FROM pg_catalog.jsonb_array_elements(COALESCE(p_printed, '[]')) AS p(col) WHERE p.col ? 'sub');
    FOREACH v_col IN ARRAY v_printed LOOP
        v_sub := (v_col->>'sub')::int;
        IF (p_state->'levels'->v_sub->>'groups')::boolean THEN
            v_rest := v_rest || ARRAY(SELECT g FROM pg_catalog.jsonb_array_elements(p_state->'levels'->v_sub->'grouped') g);
            CONTINUE WHEN pg_catalog.jsonb_array_length(p_state->'levels'->v_sub->'grouped') = (p_state->'levels'->v_sub->>'group_count')::int;
            RETURN false;
        ELSIF NOT (p_state->'levels'->v_sub->>'aggregates')::boolean AND EXISTS (
            WITH RECURSIVE l(i) AS (
                SELECT v_sub
                UNION
                SELECT (r.v->>'level')::int FROM l, pg_catalog.jsonb_each(p_state->'levels'->l.i->'rtes') AS r(k, v) WHERE r.v->>'k' = 'sub')
            SELECT 1 FROM l, pg_catalog.unnest(v_left) AS o(occ) WHERE (p_state->'occ'->o.occ->>'level')::int = l.i) THEN
            RETURN false;
        END IF;
    END LOOP;
    RETURN NOT EXISTS (
        SELECT 1 FROM (SELECT p.col FROM pg_catalog.jsonb_array_elements(COALESCE(p_printed, '[]')) AS p(col) WHERE NOT p.col ? 'sub'
                       UNION ALL SELECT r FROM pg_catalog.unnest(v_rest) AS r) AS p(col)
         WHERE p.col IS NULL OR p.col = 'null'
            OR NOT ((p.col->>0)::int <> ALL (v_left) AND (p_state->'occ'->((p.col->>0)::int)->>'level')::int = ANY (v_levels)
                    OR (p_state->'occ'->((p.col->>0)::int)->>'level')::int = ANY (v_fixed)
                    OR (p.col IN (SELECT pg_catalog.jsonb_array_elements(v_known)) AND _tviews_lin_prints_as_sorted(p_state, p.col))));
END
$fn$;

-- How the result of an aggregate or window function depends on the order of its rows: 'lists' (its
-- elements come in that order: jsonb_agg, string_agg, ...), 'rounds' (sums, averages and other
-- statistics of floating-point values, which round differently when added in another order),
-- 'places' (it numbers rows or reads another row: row_number, lag, first_value, ...), 'keys' (an
-- object of key/value pairs that keeps the value of a repeated key that comes last: jsonb_object_agg);
-- NULL when it does not (count, sums of integers or numeric, min, max, rank). Aggregates and window
-- functions of other schemas (your own, an extension's) may depend on it in any way: they count as
-- 'lists' and 'places'.
CREATE OR REPLACE FUNCTION _tviews_lin_order_sensitivity(p_fn oid)
RETURNS text SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
    SELECT CASE WHEN p.proname IN ('array_agg', 'string_agg', 'json_agg', 'jsonb_agg', 'json_agg_strict', 'jsonb_agg_strict', 'xmlagg',
                                   'json_object_agg', 'json_object_agg_strict', 'json_object_agg_unique', 'json_object_agg_unique_strict')
                THEN 'lists'
                WHEN p.proname IN ('sum', 'avg', 'stddev', 'stddev_pop', 'stddev_samp', 'variance', 'var_pop', 'var_samp', 'corr',
                                   'covar_pop', 'covar_samp', 'regr_avgx', 'regr_avgy', 'regr_intercept', 'regr_r2', 'regr_slope',
                                   'regr_sxx', 'regr_sxy', 'regr_syy')
                     AND p.proargtypes::pg_catalog.oid[] && ARRAY['pg_catalog.float4'::pg_catalog.regtype::pg_catalog.oid,
                                                                  'pg_catalog.float8'::pg_catalog.regtype::pg_catalog.oid]
                THEN 'rounds'
                WHEN p.proname IN ('row_number', 'ntile', 'lag', 'lead', 'first_value', 'last_value', 'nth_value') THEN 'places'
                -- (the _unique forms raise on a repeated key instead, whatever the order)
                WHEN p.proname IN ('jsonb_object_agg', 'jsonb_object_agg_strict') THEN 'keys'
           END
      FROM pg_catalog.pg_proc p
     WHERE p.oid = p_fn AND p.pronamespace = 'pg_catalog'::pg_catalog.regnamespace
    UNION ALL
    SELECT CASE p.prokind WHEN 'a' THEN 'lists' WHEN 'w' THEN 'places' END
      FROM pg_catalog.pg_proc p
     WHERE p.oid = p_fn AND p.pronamespace <> 'pg_catalog'::pg_catalog.regnamespace
$fn$;

-- The refusal of an aggregate or window function (p_fn, p_what after its name), or of ARRAY(SELECT
-- ...), LIMIT or DISTINCT ON (p_what), whose result would follow the order the plan gives its rows.
CREATE OR REPLACE FUNCTION _tviews_lin_order_refusal(p_fn oid, p_what text, p_ordered boolean)
RETURNS text SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
    SELECT CASE WHEN _tviews_lin_order_sensitivity(p_fn) = 'keys' THEN
               pg_catalog.format('%s()%s whose key can repeat with different values: it keeps the value that comes last in the order '
                                 'of the query plan, which differs between the view and a refresh of a few keys (use a key that is '
                                 'unique in each group, such as a table''s primary key, or %s)',
                                 p.proname, p_what, CASE WHEN p_ordered THEN 'end its ORDER BY with a key of each table it reads'
                                                         ELSE 'add an ORDER BY that ends with a key of each table it reads' END)
                WHEN _tviews_lin_order_sensitivity(p_fn) = 'rounds' THEN
               pg_catalog.format('%s()%s over floating-point values %s: it adds them up in the order of the query plan, which differs '
                                 'between the view and a refresh of a few keys, and rounds differently (use numeric: %s(x::numeric))',
                                 p.proname, p_what, CASE WHEN p_ordered THEN 'whose ORDER BY can tie between different rows' ELSE 'without ORDER BY' END,
                                 p.proname)
           ELSE
               pg_catalog.format('%s %s: %s in the order of the query plan, which differs between the view and a refresh of a '
                                 'few keys (%s ORDER BY with a key of each table it reads, e.g. ORDER BY c.created_at, c.pk_comment)',
                                 COALESCE(p.proname || '()', '') || p_what,
                                 CASE WHEN p_ordered THEN 'whose ORDER BY can tie between different rows' ELSE 'without ORDER BY' END,
                                 CASE WHEN p_ordered THEN 'rows that tie come out' ELSE 'its rows come' END,
                                 CASE WHEN p_ordered THEN 'end the' ELSE 'add an' END)
           END
      FROM (SELECT NULL) AS one
      LEFT JOIN pg_catalog.pg_proc p ON p.oid = p_fn
$fn$;

-- The internals above are the runtime's own: not executable by PUBLIC.
REVOKE ALL ON FUNCTION
    _tviews_lin_vars(p_node jsonb, p_depth integer, p_into_windows boolean),
    _tviews_lin_sort_columns(p_state jsonb, p_level integer, p_targets jsonb, p_clauses jsonb),
    _tviews_lin_printed_column(p_state jsonb, p_level integer, p_var jsonb),
    _tviews_lin_printed_columns(p_state jsonb, p_level integer, p_targets jsonb, p_into_windows boolean),
    _tviews_lin_object_key(p_state jsonb, p_level integer, p_args jsonb),
    _tviews_lin_prints_as_sorted(p_state jsonb, p_col jsonb),
    _tviews_lin_type_prints_alike(p_type oid, p_typmod integer, p_collation oid),
    _tviews_lin_expr_prints_alike(p_node jsonb, p_collation oid),
    _tviews_lin_picks(p_fn oid),
    _tviews_lin_representative_refusal(p_what text, p_fix text),
    _tviews_lin_representative_refusals(p_state jsonb, p_level integer, p_query jsonb),
    _tviews_lin_order_decides(p_state jsonb, p_level integer, p_sort jsonb, p_printed jsonb, p_within_group boolean),
    _tviews_lin_order_sensitivity(p_fn oid),
    _tviews_lin_order_refusal(p_fn oid, p_what text, p_ordered boolean)
FROM PUBLIC;

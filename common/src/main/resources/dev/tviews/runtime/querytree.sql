-- Query trees: the view's rule as PostgreSQL stores it (pg_rewrite.ev_action), read as jsonb, and the
-- analysis of its query levels that lineage.sql turns into walks and refusals. Nothing here looks at
-- SQL text or names: relation OIDs, column numbers and conditions come from the analysed query.

-- A stored query tree (pg_node_tree text, the node format of outfuncs.c) as jsonb: a node
-- {NAME :field value ...} becomes {"_": "NAME", "field": value}, a list (...) an array, <> null,
-- and every scalar a string. One tokenizing regexp and one aggregate: no parsing loop in PL/pgSQL.
-- A comma goes between two consecutive values of a list (a value after a value).
CREATE OR REPLACE FUNCTION _tviews_node_json(p_tree text)
RETURNS jsonb SET search_path FROM CURRENT
LANGUAGE sql IMMUTABLE AS $fn$
    WITH tok AS (
        SELECT m[1] AS t, n
          FROM pg_catalog.regexp_matches(p_tree,
                 '(\{[A-Za-z_0-9]+|\}|\(|\)|:[A-Za-z_0-9]+|"(?:[^"\\]|\\.)*"|-?[0-9]+ \[[^\]]*\]|(?:[^ \t\n\r(){}\\]|\\.)+)', 'g')
               WITH ORDINALITY AS r(m, n)
    ), classified AS (
        SELECT t, n,
               CASE WHEN t LIKE '{%' THEN 'open' WHEN t = '}' THEN 'close' WHEN t = '(' THEN 'lopen'
                    WHEN t = ')' THEN 'lclose' WHEN t ~ '^:[A-Za-z]' THEN 'field' ELSE 'atom' END AS kind
          FROM tok
    ), framed AS (
        SELECT t, n, kind, pg_catalog.lag(kind) OVER (ORDER BY n) AS prev FROM classified
    )
    SELECT pg_catalog.string_agg(
             CASE WHEN kind IN ('open', 'lopen', 'atom') AND prev IN ('atom', 'close', 'lclose') THEN ',' ELSE '' END ||
             CASE kind
                  WHEN 'open' THEN '{"_":' || pg_catalog.to_json(pg_catalog.substr(t, 2))::text
                  WHEN 'close' THEN '}'
                  WHEN 'lopen' THEN '['
                  WHEN 'lclose' THEN ']'
                  WHEN 'field' THEN ',' || pg_catalog.to_json(pg_catalog.substr(t, 2))::text || ':'
                  ELSE CASE WHEN t = '<>' THEN 'null'
                            WHEN t LIKE '"%' THEN pg_catalog.to_json(pg_catalog.regexp_replace(pg_catalog.substr(t, 2, pg_catalog.length(t) - 2), '\\(.)', '\1', 'g'))::text
                            ELSE pg_catalog.to_json(pg_catalog.regexp_replace(t, '\\(.)', '\1', 'g'))::text END
             END, '' ORDER BY n)::jsonb
      FROM framed
$fn$;

-- The analysis walks every query level of the view (views it reads are expanded, as the rewriter
-- would) and records, in one jsonb "state":
--   levels    per query level: its parent, its range table (what each entry resolves to), which
--             entries sit on the nullable side of an outer join, and the columns it outputs;
--   occ       every occurrence of a table (the same table read twice is two occurrences), with
--             the reason its changes must refresh every key, if any;
--   reads     the columns each occurrence reads (attnum 0: the whole row, every column);
--   eqs       the equality conjuncts between two columns, and which side each one guards: a row
--             of a guarded occurrence reaches the view's output only where the equality holds;
--   funcs     functions and operators the definition calls (checked for volatility at the end);
--   refusals  constructs that cannot be maintained incrementally.
-- A changed row maps to keys by walking guarded equalities from its occurrence to the key's.

-- Strips binary-compatible relabelling (varchar to text, domains over their base type).
CREATE OR REPLACE FUNCTION _tviews_lin_strip(p_node jsonb)
RETURNS jsonb SET search_path FROM CURRENT
LANGUAGE sql IMMUTABLE AS $fn$
    WITH RECURSIVE s(n) AS (
        SELECT p_node
        UNION ALL
        SELECT s.n->'arg' FROM s WHERE s.n->>'_' = 'RELABELTYPE'
    )
    SELECT s.n FROM s WHERE s.n->>'_' IS DISTINCT FROM 'RELABELTYPE' LIMIT 1
$fn$;

-- A list field of a node: its elements, or none when the field is empty (<>, JSON null).
CREATE OR REPLACE FUNCTION _tviews_lin_list(p_field jsonb)
RETURNS jsonb SET search_path FROM CURRENT
LANGUAGE sql IMMUTABLE AS $fn$
    SELECT CASE WHEN pg_catalog.jsonb_typeof(p_field) = 'array' THEN p_field ELSE '[]'::jsonb END
$fn$;

-- The level p_up levels above p_level.
CREATE OR REPLACE FUNCTION _tviews_lin_up(p_state jsonb, p_level int, p_up int)
RETURNS int SET search_path FROM CURRENT
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    v_level int := p_level;
BEGIN
    FOR v_i IN 1 .. p_up LOOP
        v_level := (p_state->'levels'->v_level->>'parent')::int;
    END LOOP;
    RETURN v_level;
END
$fn$;

-- Where a Var points: the query level it belongs to (varlevelsup levels up), its range-table
-- entry there and its attribute number.
CREATE OR REPLACE FUNCTION _tviews_lin_var_at(p_state jsonb, p_level int, p_var jsonb,
                                              OUT level int, OUT rte jsonb, OUT att int)
SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
    SELECT l, p_state->'levels'->l->'rtes'->(p_var->>'varno'), (p_var->>'varattno')::int
      FROM _tviews_lin_up(p_state, p_level, COALESCE((p_var->>'varlevelsup')::int, 0)) AS l
$fn$;

-- What a Var refers to: [occurrence, attnum] when it is a column of one table occurrence (through
-- joins, GROUP BY and subquery outputs), NULL when it is computed.
CREATE OR REPLACE FUNCTION _tviews_lin_resolve(p_state jsonb, p_level int, p_var jsonb)
RETURNS jsonb SET search_path FROM CURRENT
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    v_at    record := _tviews_lin_var_at(p_state, p_level, p_var);
    v_inner jsonb;
BEGIN
    IF v_at.rte IS NULL THEN
        RETURN NULL;
    END IF;
    CASE v_at.rte->>'k'
        WHEN 'occ' THEN
            RETURN pg_catalog.jsonb_build_array((v_at.rte->>'occ')::int, v_at.att);
        WHEN 'sub' THEN
            IF v_at.att <= 0 THEN
                RETURN NULL;
            END IF;
            RETURN NULLIF(p_state->'levels'->((v_at.rte->>'level')::int)->'cols'->(v_at.att - 1), 'null');
        WHEN 'join', 'group' THEN
            IF v_at.att <= 0 THEN
                RETURN NULL;
            END IF;
            v_inner := _tviews_lin_strip(v_at.rte->'vars'->(v_at.att - 1));
            IF v_inner->>'_' = 'VAR' THEN
                RETURN _tviews_lin_resolve(p_state, v_at.level, v_inner);
            END IF;
            RETURN NULL;
        ELSE
            RETURN NULL;
    END CASE;
END
$fn$;

-- Whether the Var may be NULL because it comes from the nullable side of an outer join, at its
-- own level or below (through joins, subquery outputs).
CREATE OR REPLACE FUNCTION _tviews_lin_var_nullable(p_state jsonb, p_level int, p_var jsonb)
RETURNS boolean SET search_path FROM CURRENT
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    v_at    record := _tviews_lin_var_at(p_state, p_level, p_var);
    v_inner jsonb;
    v_sub   jsonb;
BEGIN
    -- WHERE x IS NOT NULL, or a strict comparison in WHERE, settles it at this level
    IF (p_state->'levels'->v_at.level->'notnull') @> pg_catalog.jsonb_build_array(_tviews_lin_resolve(p_state, p_level, p_var)) THEN
        RETURN false;
    END IF;
    IF (p_state->'levels'->v_at.level->'nullable') @> pg_catalog.to_jsonb((p_var->>'varno')::int) THEN
        RETURN true;
    END IF;
    CASE v_at.rte->>'k'
        WHEN 'occ' THEN
            RETURN NOT COALESCE((SELECT a.attnotnull FROM pg_catalog.pg_attribute a
                                  WHERE a.attrelid = (p_state->'occ'->((v_at.rte->>'occ')::int)->>'rel')::oid AND a.attnum = v_at.att), false);
        WHEN 'sub' THEN
            v_sub := p_state->'levels'->((v_at.rte->>'level')::int);
            v_inner := _tviews_lin_strip(v_sub->'exprs'->(v_at.att - 1));
            IF v_inner->>'_' = 'VAR' AND COALESCE((v_inner->>'varlevelsup')::int, 0) = 0 THEN
                RETURN _tviews_lin_var_nullable(p_state, (v_at.rte->>'level')::int, v_inner);
            END IF;
            RETURN true;
        WHEN 'join', 'group' THEN
            v_inner := _tviews_lin_strip(v_at.rte->'vars'->(v_at.att - 1));
            IF v_inner->>'_' = 'VAR' THEN
                RETURN _tviews_lin_var_nullable(p_state, v_at.level, v_inner);
            END IF;
            RETURN true;
        ELSE
            RETURN true;
    END CASE;
END
$fn$;

-- Records a read of a Var (and refuses system columns).
CREATE OR REPLACE FUNCTION _tviews_lin_var(p_state jsonb, p_level int, p_var jsonb)
RETURNS jsonb SET search_path FROM CURRENT
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    v_at    record := _tviews_lin_var_at(p_state, p_level, p_var);
    v_ref   jsonb;
    v_alias jsonb;
BEGIN
    IF v_at.rte IS NULL THEN
        RETURN p_state;
    END IF;
    IF v_at.rte->>'k' = 'occ' THEN
        -- tableoid (-6) is the same for every reader; the other system columns are not data
        IF v_at.att < 0 AND v_at.att <> -6 THEN
            p_state := pg_catalog.jsonb_set(p_state, '{refusals}', (p_state->'refusals') || pg_catalog.jsonb_build_array(
                pg_catalog.format('the system column %s of %s (system columns change with every write and are not part of the row''s content)',
                    CASE v_at.att WHEN -1 THEN 'ctid' WHEN -2 THEN 'xmin' WHEN -3 THEN 'cmin' WHEN -4 THEN 'xmax' WHEN -5 THEN 'cmax' ELSE v_at.att::text END,
                    (p_state->'occ'->((v_at.rte->>'occ')::int)->>'rel')::oid::regclass)));
            RETURN p_state;
        END IF;
        RETURN pg_catalog.jsonb_set(p_state, '{reads}', (p_state->'reads') || pg_catalog.jsonb_build_array(
            pg_catalog.jsonb_build_array((v_at.rte->>'occ')::int, GREATEST(v_at.att, 0))));
    ELSIF v_at.rte->>'k' = 'sub' THEN
        -- the output columns of derived tables that something reads (GROUP BY and DISTINCT below)
        RETURN pg_catalog.jsonb_set(p_state, '{sub_reads}', (p_state->'sub_reads') || pg_catalog.jsonb_build_array(
            pg_catalog.jsonb_build_array((v_at.rte->>'level')::int, GREATEST(v_at.att, 0))));
    ELSIF v_at.rte->>'k' IN ('join', 'group') THEN
        -- a join column is the column it stands for; the whole row of a join is all of them
        FOR v_alias IN SELECT x FROM pg_catalog.jsonb_array_elements(_tviews_lin_list(v_at.rte->'vars')) WITH ORDINALITY AS e(x, i)
                        WHERE v_at.att = 0 OR e.i = v_at.att LOOP
            p_state := _tviews_lin_expr(p_state, v_at.level, v_alias, NULL);
        END LOOP;
    END IF;
    RETURN p_state;
END
$fn$;

-- Appends an equality between two column references, with the sides it guards.
CREATE OR REPLACE FUNCTION _tviews_lin_add_eq(p_state jsonb, p_a jsonb, p_b jsonb, p_guard_a boolean, p_guard_b boolean, p_opno text)
RETURNS jsonb SET search_path FROM CURRENT
LANGUAGE sql IMMUTABLE AS $fn$
    SELECT CASE WHEN p_a IS NULL OR p_b IS NULL OR p_a = p_b OR NOT (p_guard_a OR p_guard_b) THEN p_state
           ELSE pg_catalog.jsonb_set(p_state, '{eqs}', (p_state->'eqs') || pg_catalog.jsonb_build_array(
                    pg_catalog.jsonb_build_object('a', p_a, 'b', p_b, 'ga', p_guard_a, 'gb', p_guard_b, 'op', p_opno)))
           END
$fn$;

-- Walks an expression: records reads, calls, sublinks; in a conjunct position (p_guard is the set
-- of range-table entries the condition guards, NULL elsewhere) records equalities too.
CREATE OR REPLACE FUNCTION _tviews_lin_expr(p_state jsonb, p_level int, p_node jsonb, p_guard jsonb)
RETURNS jsonb SET search_path FROM CURRENT
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    v_tag   text;
    v_child jsonb;
    v_a     jsonb;
    v_b     jsonb;
    v_sub   int;
    v_key   text;
    v_order text;
    v_pick  text;
BEGIN
    IF p_node IS NULL OR pg_catalog.jsonb_typeof(p_node) NOT IN ('object', 'array') THEN
        RETURN p_state;
    END IF;
    IF pg_catalog.jsonb_typeof(p_node) = 'array' THEN
        -- a list in a condition is an implicit AND
        FOR v_child IN SELECT pg_catalog.jsonb_array_elements(p_node) LOOP
            p_state := _tviews_lin_expr(p_state, p_level, v_child, p_guard);
        END LOOP;
        RETURN p_state;
    END IF;
    v_tag := p_node->>'_';
    -- An aggregate that lists its input in the order it comes (jsonb_agg, string_agg, ...), or adds
    -- up floating-point values (sum, avg, stddev of float8, which round differently in another
    -- order), follows the order of the plan unless its ORDER BY decides between any two rows, and
    -- the plan of a refresh of a few keys (an index scan) is not the plan of the whole view (a hash
    -- join, a sort): the TVIEW's row would print differently from the view's. jsonb_object_agg(k, v)
    -- keeps, of the rows whose keys repeat, the value of the last: its key sorts them first, so rows
    -- with the same key must print the same, or its ORDER BY decide. (ARRAY(SELECT ...): with the
    -- sublinks below.)
    IF v_tag = 'AGGREF' AND _tviews_lin_list(p_node->'aggdistinct') = '[]' THEN
        v_order := _tviews_lin_order_sensitivity((p_node->>'aggfnoid')::oid);
        IF v_order IN ('lists', 'rounds', 'keys')
           AND ((v_order <> 'keys' AND _tviews_lin_list(p_node->'aggorder') = '[]')
                OR COALESCE((p_node->>'agglevelsup')::int, 0) <> 0
                OR NOT _tviews_lin_order_decides(p_state, p_level,
                       CASE WHEN v_order = 'keys' THEN _tviews_lin_object_key(p_state, p_level, p_node->'args') ELSE '[]' END
                       || _tviews_lin_sort_columns(p_state, p_level, p_node->'args', p_node->'aggorder'),
                       _tviews_lin_printed_columns(p_state, p_level, p_node->'args', false), true)) THEN
            p_state := pg_catalog.jsonb_set(p_state, '{refusals}', (p_state->'refusals') || pg_catalog.jsonb_build_array(
                _tviews_lin_order_refusal((p_node->>'aggfnoid')::oid, '', _tviews_lin_list(p_node->'aggorder') <> '[]')));
        END IF;
    END IF;
    -- min() and max() keep one of the values equal to the result, any_value() the first row's, and an
    -- aggregate over DISTINCT values one of each set of equal values (ordering.sql): exact where
    -- those print alike (by type, or as rows of a table the group pins down), or any_value's ORDER BY
    -- decides. (count(DISTINCT ...) prints no value.)
    IF v_tag = 'AGGREF' THEN
        v_pick := _tviews_lin_picks((p_node->>'aggfnoid')::oid);
        IF (v_pick IS NOT NULL
            OR (_tviews_lin_list(p_node->'aggdistinct') <> '[]'
                AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_proc f WHERE f.oid = (p_node->>'aggfnoid')::oid AND f.proname = 'count'
                                   AND f.pronamespace = 'pg_catalog'::pg_catalog.regnamespace)))
           AND NOT ((v_pick IS DISTINCT FROM 'any'
                     AND NOT EXISTS (SELECT 1 FROM pg_catalog.jsonb_array_elements(_tviews_lin_list(p_node->'args')) a
                                      WHERE a->>'resjunk' IS DISTINCT FROM 'true'
                                        AND NOT _tviews_lin_expr_prints_alike(_tviews_lin_strip(a->'expr'), (p_node->>'inputcollid')::oid)))
                    OR (COALESCE((p_node->>'agglevelsup')::int, 0) = 0
                        AND _tviews_lin_order_decides(p_state, p_level,
                                CASE WHEN v_pick = 'any' THEN _tviews_lin_sort_columns(p_state, p_level, p_node->'args', p_node->'aggorder')
                                     ELSE '[]' END,
                                _tviews_lin_printed_columns(p_state, p_level, p_node->'args', false), true))) THEN
            p_state := pg_catalog.jsonb_set(p_state, '{refusals}', (p_state->'refusals') || pg_catalog.jsonb_build_array(
                CASE WHEN v_pick = 'any' THEN
                    'any_value() over rows whose values differ: it returns the value of the row the query plan gives first, which '
                    'differs between the view and a refresh of a few keys (use min() or max(), or add an ORDER BY that ends with a '
                    'key of each table it reads)'
                ELSE _tviews_lin_representative_refusal(
                    (SELECT p.proname || CASE WHEN _tviews_lin_list(p_node->'aggdistinct') <> '[]' THEN '(DISTINCT ...)' ELSE '()' END
                       FROM pg_catalog.pg_proc p WHERE p.oid = (p_node->>'aggfnoid')::oid),
                    'cast its argument to a type with one spelling per value, such as x::numeric(12,2)') END));
        END IF;
    END IF;
    -- min() and max() over a window: one of the equal values of its frame, as above (by type only)
    IF v_tag = 'WINDOWFUNC' AND _tviews_lin_picks((p_node->>'winfnoid')::oid) = 'equal'
       AND EXISTS (SELECT 1 FROM pg_catalog.jsonb_array_elements(_tviews_lin_list(p_node->'args')) a
                    WHERE NOT _tviews_lin_expr_prints_alike(_tviews_lin_strip(a), (p_node->>'inputcollid')::oid)) THEN
        p_state := pg_catalog.jsonb_set(p_state, '{refusals}', (p_state->'refusals') || pg_catalog.jsonb_build_array(
            _tviews_lin_representative_refusal(
                (SELECT p.proname || '() OVER (...)' FROM pg_catalog.pg_proc p WHERE p.oid = (p_node->>'winfnoid')::oid),
                'cast its argument to a type with one spelling per value, such as x::numeric(12,2)')));
    END IF;
    -- A window function that numbers rows or reads another row (row_number, lag, first_value, ...),
    -- lists them (array_agg OVER ...), adds up floating-point values or counts its frame in rows:
    -- rows that tie on the window's PARTITION BY and ORDER BY get what the plan gives them.
    IF v_tag = 'WINDOWFUNC'
       AND (_tviews_lin_order_sensitivity((p_node->>'winfnoid')::oid) IS NOT NULL
            OR (p_state->'levels'->p_level->'windows'->(p_node->>'winref')->>'rows')::boolean)
       AND NOT _tviews_lin_order_decides(p_state, p_level, p_state->'levels'->p_level->'windows'->(p_node->>'winref')->'sort',
               -- first_value, last_value and nth_value over peers give every peer the value of one of
               -- them: decided when the peers hold the same value; the others place each row, so the rows
               -- that tie must print alike
               CASE WHEN NOT (p_state->'levels'->p_level->'windows'->(p_node->>'winref')->>'rows')::boolean
                         AND EXISTS (SELECT 1 FROM pg_catalog.pg_proc p WHERE p.oid = (p_node->>'winfnoid')::oid
                                        AND p.proname IN ('first_value', 'last_value', 'nth_value'))
                    THEN (SELECT COALESCE(pg_catalog.jsonb_agg(COALESCE(_tviews_lin_resolve(p_state, p_level, v), 'null')), '[]')
                            FROM _tviews_lin_vars(p_node->'args', 0, false) AS v)
                    ELSE p_state->'levels'->p_level->'window_printed' END, false) THEN
        p_state := pg_catalog.jsonb_set(p_state, '{refusals}', (p_state->'refusals') || pg_catalog.jsonb_build_array(
            _tviews_lin_order_refusal((p_node->>'winfnoid')::oid, ' OVER (...)',
                                      (p_state->'levels'->p_level->'windows'->(p_node->>'winref')->>'ordered')::boolean)));
    END IF;
    IF v_tag = 'VAR' THEN
        RETURN _tviews_lin_var(p_state, p_level, p_node);
    ELSIF v_tag = 'BOOLEXPR' AND p_node->>'boolop' = 'and' AND p_guard IS NOT NULL THEN
        RETURN _tviews_lin_expr(p_state, p_level, p_node->'args', p_guard);
    ELSIF v_tag = 'SUBLINK' THEN
        p_state := _tviews_lin_query(p_state, p_node->'subselect', p_level, 'sublink', p_state->'levels'->p_level->>'every');
        v_sub := (p_state->>'last')::int;
        -- ARRAY(SELECT ...) lists the rows in the order of the plan, as the aggregates above, unless
        -- it returns one row (an aggregate without GROUP BY)
        IF p_node->>'subLinkType' = '6'
           AND NOT (p_node->'subselect'->>'hasAggs' = 'true' AND _tviews_lin_list(p_node->'subselect'->'groupClause') = '[]')
           AND (_tviews_lin_list(p_node->'subselect'->'sortClause') = '[]'
                OR NOT _tviews_lin_order_decides(p_state, v_sub,
                       _tviews_lin_sort_columns(p_state, v_sub, p_node->'subselect'->'targetList', p_node->'subselect'->'sortClause'),
                       _tviews_lin_printed_columns(p_state, v_sub, p_node->'subselect'->'targetList', false), false)) THEN
            p_state := pg_catalog.jsonb_set(p_state, '{refusals}', (p_state->'refusals') || pg_catalog.jsonb_build_array(
                _tviews_lin_order_refusal(NULL, 'ARRAY(SELECT ...)', _tviews_lin_list(p_node->'subselect'->'sortClause') <> '[]')));
        END IF;
        -- x IN (SELECT y ...) as a condition: a row of y reaches x's row only when y = x
        v_child := p_node->'testexpr';
        IF p_guard IS NOT NULL AND p_node->>'subLinkType' = '2' AND v_child->>'_' = 'OPEXPR'
           AND pg_catalog.jsonb_array_length(v_child->'args') = 2
           AND _tviews_lin_strip(v_child->'args'->0)->>'_' = 'VAR'
           AND _tviews_lin_strip(v_child->'args'->1)->>'_' = 'PARAM' THEN
            v_a := _tviews_lin_resolve(p_state, p_level, _tviews_lin_strip(v_child->'args'->0));
            v_b := NULLIF(p_state->'levels'->v_sub->'cols'->((_tviews_lin_strip(v_child->'args'->1)->>'paramid')::int - 1), 'null');
            p_state := _tviews_lin_add_eq(p_state, v_a, v_b, false, true, v_child->>'opno');
        END IF;
        RETURN _tviews_lin_expr(p_state, p_level, v_child, NULL);
    ELSIF v_tag = 'OPEXPR' AND p_guard IS NOT NULL AND pg_catalog.jsonb_array_length(p_node->'args') = 2
          AND _tviews_lin_strip(p_node->'args'->0)->>'_' = 'VAR' AND _tviews_lin_strip(p_node->'args'->1)->>'_' = 'VAR' THEN
        v_a := _tviews_lin_strip(p_node->'args'->0);
        v_b := _tviews_lin_strip(p_node->'args'->1);
        p_state := _tviews_lin_add_eq(p_state, _tviews_lin_resolve(p_state, p_level, v_a), _tviews_lin_resolve(p_state, p_level, v_b),
                                      COALESCE((v_a->>'varlevelsup')::int, 0) = 0 AND p_guard @> pg_catalog.to_jsonb((v_a->>'varno')::int),
                                      COALESCE((v_b->>'varlevelsup')::int, 0) = 0 AND p_guard @> pg_catalog.to_jsonb((v_b->>'varno')::int),
                                      p_node->>'opno');
    ELSIF v_tag = 'SQLVALUEFUNCTION' THEN
        -- SQLValueFunctionOp, in its order (13-15 also have the role and catalog values; 16 made
        -- those functions, refused by name below)
        p_state := pg_catalog.jsonb_set(p_state, '{refusals}', (p_state->'refusals') || pg_catalog.jsonb_build_array(
            pg_catalog.format('%s: its value changes with the time or the session, without any write',
                (ARRAY['CURRENT_DATE', 'CURRENT_TIME', 'CURRENT_TIME', 'CURRENT_TIMESTAMP', 'CURRENT_TIMESTAMP', 'LOCALTIME', 'LOCALTIME',
                       'LOCALTIMESTAMP', 'LOCALTIMESTAMP', 'CURRENT_ROLE', 'CURRENT_USER', 'USER', 'SESSION_USER', 'CURRENT_CATALOG',
                       'CURRENT_SCHEMA'])[(p_node->>'op')::int + 1])));
    ELSIF v_tag = 'NEXTVALEXPR' THEN
        p_state := pg_catalog.jsonb_set(p_state, '{refusals}', (p_state->'refusals') || '["a sequence''s next value"]');
    END IF;
    -- the function behind the node, checked for volatility at the end
    FOREACH v_key IN ARRAY ARRAY['funcid', 'opfuncid', 'aggfnoid', 'winfnoid'] LOOP
        IF p_node ? v_key THEN
            p_state := pg_catalog.jsonb_set(p_state, '{funcs}', (p_state->'funcs') || pg_catalog.jsonb_build_array(p_node->>v_key));
        END IF;
    END LOOP;
    FOR v_child IN SELECT e.value FROM pg_catalog.jsonb_each(p_node) e
                    WHERE pg_catalog.jsonb_typeof(e.value) IN ('object', 'array') LOOP
        p_state := _tviews_lin_expr(p_state, p_level, v_child, NULL);
    END LOOP;
    RETURN p_state;
END
$fn$;

-- Walks a join tree node: returns the state with its conditions recorded, and in state.last_rtis
-- the range-table entries under the node.
CREATE OR REPLACE FUNCTION _tviews_lin_jointree(p_state jsonb, p_level int, p_node jsonb)
RETURNS jsonb SET search_path FROM CURRENT
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    v_all   jsonb := '[]';
    v_left  jsonb;
    v_right jsonb;
    v_item  jsonb;
    v_guard jsonb;
    v_null  jsonb := '[]';
BEGIN
    CASE p_node->>'_'
        WHEN 'RANGETBLREF' THEN
            RETURN pg_catalog.jsonb_set(p_state, '{last_rtis}', pg_catalog.jsonb_build_array((p_node->>'rtindex')::int));
        WHEN 'FROMEXPR' THEN
            FOR v_item IN SELECT pg_catalog.jsonb_array_elements(_tviews_lin_list(p_node->'fromlist')) LOOP
                p_state := _tviews_lin_jointree(p_state, p_level, v_item);
                v_all := v_all || (p_state->'last_rtis');
            END LOOP;
            p_state := _tviews_lin_expr(p_state, p_level, p_node->'quals', v_all);
        WHEN 'JOINEXPR' THEN
            p_state := _tviews_lin_jointree(p_state, p_level, p_node->'larg');
            v_left := p_state->'last_rtis';
            p_state := _tviews_lin_jointree(p_state, p_level, p_node->'rarg');
            v_right := p_state->'last_rtis';
            v_all := v_left || v_right || COALESCE(pg_catalog.jsonb_build_array((p_node->>'rtindex')::int), '[]');
            -- JoinType: 0 inner, 1 left, 2 full, 3 right. The ON clause of an outer join guards
            -- only its nullable side: a preserved row is output whether or not it matches.
            v_guard := CASE p_node->>'jointype' WHEN '0' THEN v_all WHEN '1' THEN v_right WHEN '3' THEN v_left ELSE '[]' END;
            v_null := CASE p_node->>'jointype' WHEN '1' THEN v_right WHEN '3' THEN v_left WHEN '2' THEN v_left || v_right ELSE '[]' END;
            IF v_null <> '[]' THEN
                p_state := pg_catalog.jsonb_set(p_state, ARRAY['levels', p_level::text, 'nullable'],
                                                (p_state->'levels'->p_level->'nullable') || v_null);
            END IF;
            p_state := _tviews_lin_expr(p_state, p_level, p_node->'quals', v_guard);
        ELSE
            RETURN pg_catalog.jsonb_set(p_state, '{last_rtis}', '[]');
    END CASE;
    RETURN pg_catalog.jsonb_set(p_state, '{last_rtis}', v_all);
END
$fn$;

-- Analyses one query level; its index is left in state.last.
--   p_kind:  top | derived (subquery in FROM, CTE, or a view read by the view) | lateral | sublink
--   p_every: why every occurrence below must refresh every key (inherited), or NULL
CREATE OR REPLACE FUNCTION _tviews_lin_query(p_state jsonb, p_query jsonb, p_parent int, p_kind text, p_every text)
RETURNS jsonb SET search_path FROM CURRENT
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    v_level  int := pg_catalog.jsonb_array_length(p_state->'levels');
    v_every  text := p_every;
    v_rte    jsonb;
    v_rti    int := 0;
    v_entry  jsonb;
    v_cte    jsonb;
    v_up     int;
    v_rel    record;
    v_tle    jsonb;
    v_cols   jsonb := '[]';
    v_exprs  jsonb := '[]';
    v_expr   jsonb;
BEGIN
    IF pg_catalog.jsonb_typeof(p_query) = 'array' THEN
        p_query := p_query->0;
    END IF;
    -- A level evaluated once for the whole view whose rows depend on other rows of the level
    -- (window functions, DISTINCT ON, LIMIT/OFFSET, grouping sets) can change anywhere when one
    -- row changes. Sublinks and LATERAL subqueries are evaluated per outer row: their equalities
    -- with the outer row bound what a change can reach.
    IF v_every IS NULL AND p_kind IN ('top', 'derived') THEN
        v_every := CASE
            WHEN p_query->>'hasWindowFuncs' = 'true' THEN 'a window function compares rows with other rows'
            WHEN p_query->>'hasDistinctOn' = 'true' THEN 'DISTINCT ON picks one row among others'
            WHEN pg_catalog.jsonb_typeof(p_query->'limitCount') = 'object' OR pg_catalog.jsonb_typeof(p_query->'limitOffset') = 'object'
                THEN 'LIMIT/OFFSET in a subquery depends on the other rows'
            WHEN pg_catalog.jsonb_typeof(p_query->'groupingSets') = 'array' THEN 'grouping sets aggregate across groups'
            END;
    END IF;
    p_state := pg_catalog.jsonb_set(p_state, '{levels}', (p_state->'levels') || pg_catalog.jsonb_build_array(
        pg_catalog.jsonb_build_object('parent', p_parent, 'kind', p_kind, 'every', v_every, 'rtes', '{}'::jsonb,
                                      'nullable', '[]'::jsonb, 'cols', '[]'::jsonb, 'exprs', '[]'::jsonb,
                                      'ctes', _tviews_lin_list(p_query->'cteList'))));

    FOR v_rte IN SELECT pg_catalog.jsonb_array_elements(_tviews_lin_list(p_query->'rtable')) LOOP
        v_rti := v_rti + 1;
        v_entry := pg_catalog.jsonb_build_object('k', 'other', 'rtekind', v_rte->>'rtekind');
        CASE v_rte->>'rtekind'
            WHEN '0' THEN
                SELECT c.relkind, n.nspname, c.oid INTO v_rel
                  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.oid = (v_rte->>'relid')::oid;
                IF v_rel.relkind = 'v' AND v_rte->>'inFromCl' = 'false' THEN
                    -- the OLD and NEW entries PostgreSQL 13-15 keep in a view's rule (the view itself):
                    -- not read by the query
                    v_entry := '{"k": "other"}';
                ELSIF v_rel.relkind = 'v' THEN
                    -- a view read by the view: expand it, as the rewriter does
                    p_state := _tviews_lin_query(p_state,
                        _tviews_node_json((SELECT r.ev_action::text FROM pg_catalog.pg_rewrite r
                                            WHERE r.ev_class = v_rel.oid AND r.rulename = '_RETURN')),
                        v_level, 'derived', v_every);
                    v_entry := pg_catalog.jsonb_build_object('k', 'sub', 'level', (p_state->>'last')::int);
                    p_state := pg_catalog.jsonb_set(p_state, '{views}', (p_state->'views') || pg_catalog.to_jsonb(v_rel.oid::bigint));
                ELSIF v_rel.nspname IN ('pg_catalog', 'information_schema') OR v_rel.nspname LIKE 'pg\_toast%' THEN
                    -- no trigger can follow these, not even a full refresh's: unmaintainable
                    p_state := pg_catalog.jsonb_set(p_state, '{unmaintainable}', (p_state->'unmaintainable') || pg_catalog.jsonb_build_array(
                        pg_catalog.format('the system catalog %s (catalog changes fire no triggers)', v_rel.oid::regclass)));
                ELSIF v_rel.relkind NOT IN ('r', 'p') THEN
                    p_state := pg_catalog.jsonb_set(p_state, '{unmaintainable}', (p_state->'unmaintainable') || pg_catalog.jsonb_build_array(
                        pg_catalog.format('%s, which is a %s and has no row triggers to follow (read the tables behind it)', v_rel.oid::regclass,
                            CASE v_rel.relkind WHEN 'm' THEN 'materialized view' WHEN 'f' THEN 'foreign table' ELSE 'relation of kind ' || v_rel.relkind::text END)));
                ELSE
                    IF pg_catalog.jsonb_typeof(v_rte->'tablesample') = 'object' THEN
                        p_state := pg_catalog.jsonb_set(p_state, '{refusals}', (p_state->'refusals') || pg_catalog.jsonb_build_array(
                            pg_catalog.format('TABLESAMPLE on %s (a random sample)', v_rel.oid::regclass)));
                    END IF;
                    p_state := pg_catalog.jsonb_set(p_state, '{occ}', (p_state->'occ') || pg_catalog.jsonb_build_array(
                        pg_catalog.jsonb_build_object('rel', v_rel.oid::bigint, 'level', v_level, 'every', v_every)));
                    v_entry := pg_catalog.jsonb_build_object('k', 'occ', 'occ', pg_catalog.jsonb_array_length(p_state->'occ') - 1);
                END IF;
            WHEN '1' THEN
                p_state := _tviews_lin_query(p_state, v_rte->'subquery', v_level,
                                             CASE WHEN v_rte->>'lateral' = 'true' THEN 'lateral' ELSE 'derived' END, v_every);
                v_entry := pg_catalog.jsonb_build_object('k', 'sub', 'level', (p_state->>'last')::int);
            WHEN '2' THEN
                v_entry := pg_catalog.jsonb_build_object('k', 'join', 'vars', _tviews_lin_list(v_rte->'joinaliasvars'));
            WHEN '9' THEN
                v_entry := pg_catalog.jsonb_build_object('k', 'group', 'vars', _tviews_lin_list(v_rte->'groupexprs'));
            WHEN '6' THEN
                v_up := _tviews_lin_up(p_state, v_level, (v_rte->>'ctelevelsup')::int);
                SELECT c INTO v_cte FROM pg_catalog.jsonb_array_elements(_tviews_lin_list(p_state->'levels'->v_up->'ctes')) c
                 WHERE c->>'ctename' = v_rte->>'ctename';
                IF v_rte->>'self_reference' = 'true' OR v_cte IS NULL THEN
                    v_entry := '{"k": "other", "rtekind": "6"}';
                ELSE
                    p_state := _tviews_lin_query(p_state, v_cte->'ctequery', v_up, 'derived',
                        COALESCE(v_every, CASE WHEN v_cte->>'cterecursive' = 'true'
                                               THEN 'a recursive CTE reaches rows through any number of steps' END));
                    v_entry := pg_catalog.jsonb_build_object('k', 'sub', 'level', (p_state->>'last')::int);
                END IF;
            ELSE
                v_entry := pg_catalog.jsonb_build_object('k', 'other', 'rtekind', v_rte->>'rtekind');
        END CASE;
        p_state := pg_catalog.jsonb_set(p_state, ARRAY['levels', v_level::text, 'rtes', v_rti::text], v_entry);
    END LOOP;

    -- function, VALUES and table-function entries: their expressions (lateral references, calls)
    FOR v_rte IN SELECT pg_catalog.jsonb_array_elements(_tviews_lin_list(p_query->'rtable')) LOOP
        IF v_rte->>'rtekind' IN ('3', '4', '5') THEN
            p_state := _tviews_lin_expr(p_state, v_level,
                pg_catalog.jsonb_build_array(v_rte->'functions', v_rte->'tablefunc', v_rte->'values_lists'), NULL);
        ELSIF v_rte->>'rtekind' = '9' THEN
            p_state := _tviews_lin_expr(p_state, v_level, v_rte->'groupexprs', NULL);
        END IF;
    END LOOP;

    p_state := _tviews_lin_jointree(p_state, v_level, p_query->'jointree');
    -- Columns the WHERE clause proves not NULL: x IS NOT NULL, or either side of x = y (strict).
    p_state := pg_catalog.jsonb_set(p_state, ARRAY['levels', v_level::text, 'notnull'], COALESCE((
        SELECT pg_catalog.jsonb_agg(r) FROM (
            SELECT _tviews_lin_resolve(p_state, v_level, _tviews_lin_strip(CASE WHEN q->>'_' = 'NULLTEST' THEN q->'arg' ELSE a END)) AS r
              FROM pg_catalog.jsonb_array_elements(CASE WHEN p_query->'jointree'->'quals'->>'_' = 'BOOLEXPR' AND p_query->'jointree'->'quals'->>'boolop' = 'and'
                                                        THEN p_query->'jointree'->'quals'->'args'
                                                        ELSE pg_catalog.jsonb_build_array(p_query->'jointree'->'quals') END) q
              LEFT JOIN LATERAL pg_catalog.jsonb_array_elements(CASE WHEN q->>'_' = 'OPEXPR' THEN q->'args' ELSE '[]' END) a ON true
             WHERE (q->>'_' = 'NULLTEST' AND q->>'nulltesttype' = '1' AND q->>'argisrow' = 'false' AND _tviews_lin_strip(q->'arg')->>'_' = 'VAR')
                OR (q->>'_' = 'OPEXPR' AND _tviews_lin_strip(a)->>'_' = 'VAR'
                    AND (SELECT p.proisstrict FROM pg_catalog.pg_proc p WHERE p.oid = (q->>'opfuncid')::oid))) x
         WHERE r IS NOT NULL), '[]'));
    -- the columns grouped by: one value per group, for the orders of aggregates (_tviews_lin_order_decides)
    p_state := pg_catalog.jsonb_set(p_state, ARRAY['levels', v_level::text, 'grouped'], COALESCE((
        SELECT pg_catalog.jsonb_agg(_tviews_lin_resolve(p_state, v_level, _tviews_lin_strip(t->'expr')))
          FROM pg_catalog.jsonb_array_elements(_tviews_lin_list(p_query->'targetList')) t
         WHERE _tviews_lin_strip(t->'expr')->>'_' = 'VAR'
           AND (t->>'ressortgroupref')::int IN (SELECT (g->>'tleSortGroupRef')::int
                                                  FROM pg_catalog.jsonb_array_elements(_tviews_lin_list(p_query->'groupClause')) g)), '[]'));
    p_state := pg_catalog.jsonb_set(p_state, ARRAY['levels', v_level::text, 'groups'],
                                    pg_catalog.to_jsonb(_tviews_lin_list(p_query->'groupClause') <> '[]'));
    p_state := pg_catalog.jsonb_set(p_state, ARRAY['levels', v_level::text, 'group_count'],
                                    pg_catalog.to_jsonb(pg_catalog.jsonb_array_length(_tviews_lin_list(p_query->'groupClause'))));
    -- each window's rows in order (partition, then order) and what the level prints around it
    p_state := pg_catalog.jsonb_set(p_state, ARRAY['levels', v_level::text, 'windows'], COALESCE((
        SELECT pg_catalog.jsonb_object_agg(w->>'winref', pg_catalog.jsonb_build_object(
                   'sort', _tviews_lin_sort_columns(p_state, v_level, p_query->'targetList',
                                                    _tviews_lin_list(w->'partitionClause') || _tviews_lin_list(w->'orderClause')),
                   'ordered', _tviews_lin_list(w->'orderClause') <> '[]',
                   -- FRAMEOPTION_ROWS: a frame counted in rows, which ties split
                   'rows', ((w->>'frameOptions')::int & 4) <> 0))
          FROM pg_catalog.jsonb_array_elements(_tviews_lin_list(p_query->'windowClause')) w), '{}'));
    p_state := pg_catalog.jsonb_set(p_state, ARRAY['levels', v_level::text, 'window_printed'],
                                    CASE WHEN _tviews_lin_list(p_query->'windowClause') <> '[]'
                                         THEN _tviews_lin_printed_columns(p_state, v_level, p_query->'targetList', true) ELSE '[]' END);
    p_state := pg_catalog.jsonb_set(p_state, ARRAY['levels', v_level::text, 'aggregates'],
                                    pg_catalog.to_jsonb(p_query->>'hasAggs' = 'true' OR pg_catalog.jsonb_typeof(p_query->'havingQual') = 'object'));
    p_state := _tviews_lin_expr(p_state, v_level,
        pg_catalog.jsonb_build_array(p_query->'targetList', p_query->'havingQual', p_query->'limitCount', p_query->'limitOffset'), NULL);
    -- GROUP BY and DISTINCT print one row's value for each group (ordering.sql): refused where it
    -- shows, in the view's output or a sublink's; a derived table's column only where its query
    -- reads it (_tviews_lin_state settles those, once every level was read)
    IF p_kind IN ('derived', 'lateral') THEN
        p_state := pg_catalog.jsonb_set(p_state, '{pending}', (p_state->'pending') || (
            SELECT COALESCE(pg_catalog.jsonb_agg(r || pg_catalog.jsonb_build_object('level', v_level)), '[]')
              FROM pg_catalog.jsonb_array_elements(_tviews_lin_representative_refusals(p_state, v_level, p_query)) r));
    ELSE
        p_state := pg_catalog.jsonb_set(p_state, '{refusals}', (p_state->'refusals') || (
            SELECT COALESCE(pg_catalog.jsonb_agg(r->'refusal'), '[]')
              FROM pg_catalog.jsonb_array_elements(_tviews_lin_representative_refusals(p_state, v_level, p_query)) r));
    END IF;
    -- LIMIT / OFFSET and DISTINCT ON keep the first rows in the level's ORDER BY: where it can tie
    -- between two rows, which one is kept follows the plan (as for the aggregates above). (A top-level
    -- LIMIT is refused by lineage.sql whatever its order.)
    IF p_kind <> 'top' AND (pg_catalog.jsonb_typeof(p_query->'limitCount') = 'object' OR pg_catalog.jsonb_typeof(p_query->'limitOffset') = 'object')
       OR p_query->>'hasDistinctOn' = 'true' THEN
        IF NOT _tviews_lin_order_decides(p_state, v_level,
                   _tviews_lin_sort_columns(p_state, v_level, p_query->'targetList', p_query->'sortClause'),
                   _tviews_lin_printed_columns(p_state, v_level, p_query->'targetList', false), false) THEN
            p_state := pg_catalog.jsonb_set(p_state, '{refusals}', (p_state->'refusals') || pg_catalog.jsonb_build_array(
                _tviews_lin_order_refusal(NULL, CASE WHEN p_query->>'hasDistinctOn' = 'true' THEN 'DISTINCT ON' ELSE 'LIMIT / OFFSET' END,
                                          _tviews_lin_list(p_query->'sortClause') <> '[]')));
        END IF;
    END IF;

    -- Output columns: which table column each one passes through (none for set operations, whose
    -- output rows come from several branches).
    FOR v_tle IN SELECT pg_catalog.jsonb_array_elements(_tviews_lin_list(p_query->'targetList')) LOOP
        CONTINUE WHEN v_tle->>'resjunk' = 'true';
        v_expr := _tviews_lin_strip(v_tle->'expr');
        v_exprs := v_exprs || pg_catalog.jsonb_build_array(v_expr);
        v_cols := v_cols || pg_catalog.jsonb_build_array(
            CASE WHEN pg_catalog.jsonb_typeof(p_query->'setOperations') = 'object' OR v_expr->>'_' <> 'VAR'
                      OR COALESCE((v_expr->>'varlevelsup')::int, 0) <> 0 THEN NULL
                 ELSE _tviews_lin_resolve(p_state, v_level, v_expr) END);
    END LOOP;
    p_state := pg_catalog.jsonb_set(p_state, ARRAY['levels', v_level::text, 'cols'], v_cols);
    p_state := pg_catalog.jsonb_set(p_state, ARRAY['levels', v_level::text, 'exprs'], v_exprs);
    IF p_kind = 'top' THEN
        p_state := pg_catalog.jsonb_set(p_state, '{top}', pg_catalog.jsonb_build_object(
            'limit', pg_catalog.jsonb_typeof(p_query->'limitCount') = 'object' OR pg_catalog.jsonb_typeof(p_query->'limitOffset') = 'object',
            'setop', pg_catalog.jsonb_typeof(p_query->'setOperations') = 'object',
            'names', (SELECT pg_catalog.jsonb_agg(t->'resname') FROM pg_catalog.jsonb_array_elements(_tviews_lin_list(p_query->'targetList')) t
                       WHERE t->>'resjunk' <> 'true')));
    END IF;
    RETURN pg_catalog.jsonb_set(p_state, '{last}', pg_catalog.to_jsonb(v_level));
END
$fn$;

-- The whole analysis of a view: the state above.
CREATE OR REPLACE FUNCTION _tviews_lin_state(p_view regclass)
RETURNS jsonb SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
    -- (MATERIALIZED: the analysis runs once, not once for each reference to its result)
    WITH s AS MATERIALIZED (
        SELECT _tviews_lin_query(
                   '{"levels": [], "occ": [], "reads": [], "eqs": [], "funcs": [], "refusals": [], "unmaintainable": [], "views": [],'
                   ' "pending": [], "sub_reads": []}'::jsonb,
                   _tviews_node_json(r.ev_action::text), NULL, 'top', NULL) AS state
          FROM pg_catalog.pg_rewrite r
         WHERE r.ev_class = p_view AND r.rulename = '_RETURN'
    )
    SELECT pg_catalog.jsonb_set(s.state, '{refusals}', (s.state->'refusals') || COALESCE((
               SELECT pg_catalog.jsonb_agg(p->'refusal')
                 FROM pg_catalog.jsonb_array_elements(s.state->'pending') p
                WHERE pg_catalog.jsonb_build_array(p->'level', p->'att') IN (SELECT pg_catalog.jsonb_array_elements(s.state->'sub_reads'))
                   OR pg_catalog.jsonb_build_array(p->'level', 0) IN (SELECT pg_catalog.jsonb_array_elements(s.state->'sub_reads'))), '[]'))
      FROM s
$fn$;

-- The internals above are the runtime's own: not executable by PUBLIC.
REVOKE ALL ON FUNCTION
    _tviews_node_json(p_tree text),
    _tviews_lin_strip(p_node jsonb),
    _tviews_lin_list(p_field jsonb),
    _tviews_lin_up(p_state jsonb, p_level integer, p_up integer),
    _tviews_lin_var_at(p_state jsonb, p_level integer, p_var jsonb, OUT level integer, OUT rte jsonb, OUT att integer),
    _tviews_lin_resolve(p_state jsonb, p_level integer, p_var jsonb),
    _tviews_lin_var_nullable(p_state jsonb, p_level integer, p_var jsonb),
    _tviews_lin_var(p_state jsonb, p_level integer, p_var jsonb),
    _tviews_lin_add_eq(p_state jsonb, p_a jsonb, p_b jsonb, p_guard_a boolean, p_guard_b boolean, p_opno text),
    _tviews_lin_expr(p_state jsonb, p_level integer, p_node jsonb, p_guard jsonb),
    _tviews_lin_jointree(p_state jsonb, p_level integer, p_node jsonb),
    _tviews_lin_query(p_state jsonb, p_query jsonb, p_parent integer, p_kind text, p_every text),
    _tviews_lin_state(p_view regclass)
FROM PUBLIC;

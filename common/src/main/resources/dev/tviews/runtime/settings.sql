-- Settings: the session settings every computation of TVIEW rows runs with, whatever the writer's
-- session has, and which of them a view needs (maintenance.sql puts them on every generated function).

-- The settings every computation of TVIEW rows runs with, as SET clauses of the generated functions,
-- so that rows do not depend on the writer's session (a materialized view's refresh doesn't either):
--   search_path      built-ins first, then the search_path the definition was registered with
--                    (unqualified names inside the user's functions resolve as they did for the
--                    registering session), temporary objects last;
--   TimeZone, DateStyle, IntervalStyle, extra_float_digits   how values render into text and JSON,
--                    when p_rendering: a view that provably renders no value they change
--                    (_tviews_renders_by_settings) is spared them, because every SET clause costs
--                    every call of every trigger;
--   row_security     off: a policy that would filter rows by the writer's session raises an error
--                    instead of leaving another tenant's rows stale (owners bypass RLS anyway).
--   plan_cache_mode  force_generic_plan: each statement is planned on its first call in a session
--                    and the plan kept (by default the first five calls are each planned for their
--                    values, which costs more than refreshing a few keys); statements whose plan
--                    depends on the number of keys are EXECUTEd instead.
-- pg_tviews_verify uses all of these but the plan cache mode (operations.sql).
CREATE OR REPLACE FUNCTION _tviews_fixed_settings(p_search_path text, p_rendering boolean)
RETURNS text SET search_path FROM CURRENT
LANGUAGE sql IMMUTABLE AS $fn$
    -- "$user" is left out: in a SECURITY DEFINER function it would search a schema named after
    -- the owner, which any role allowed to create schemas could create.
    SELECT pg_catalog.format(E'\nSET search_path = %s%s SET row_security = off\n'
                             'SET plan_cache_mode = force_generic_plan',
               pg_catalog.array_to_string(ARRAY['pg_catalog'] || ARRAY(
                   SELECT y.name FROM (
                       SELECT DISTINCT ON (x.name) x.name, x.n FROM (
                           SELECT pg_catalog.btrim(e.s) AS name, e.n
                             FROM pg_catalog.regexp_split_to_table(p_search_path, ',') WITH ORDINALITY AS e(s, n)) x
                        WHERE x.name NOT IN ('', '"$user"', '$user', 'pg_catalog', 'pg_temp')
                        ORDER BY x.name, x.n) y
                    ORDER BY y.n)
               || ARRAY['pg_temp'], ', '),
               CASE WHEN p_rendering THEN E' SET TimeZone = ''UTC'' SET DateStyle = ''ISO, MDY''\n'
                                          'SET IntervalStyle = ''postgres'' SET extra_float_digits = ''1'''
                    ELSE '' END)
$fn$;

-- Whether rows of a view may depend on TimeZone, DateStyle, IntervalStyle or extra_float_digits.
-- False only when nothing in the view, nor in the views it reads, has a type whose text those
-- settings change (dates, times, intervals, floats, geometry, money; records, multiranges and base
-- types of extensions, whose output is unknown here; arrays, domains, ranges and composites of any of
-- these),
-- and every function it calls (directly or through an operator) is immutable, or a built-in whose
-- result depends on the settings only through the text of its arguments (jsonb_build_object, to_jsonb,
-- format, ...). Functions of the user, which may read the settings, keep them. Every type a query tree names sits under a field
-- whose name contains "typ" (:vartype, :consttype, :funcresulttype, :coltypes (o ...)); numbers of
-- other such fields (:vartypmod) are read as types too, which can only keep the settings.
CREATE OR REPLACE FUNCTION _tviews_renders_by_settings(p_view regclass)
RETURNS boolean SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
    WITH RECURSIVE views(oid) AS (
        SELECT p_view::oid
        UNION
        SELECT d.refobjid
          FROM views v
          JOIN pg_catalog.pg_rewrite r ON r.ev_class = v.oid
          JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.objid = r.oid
                                     AND d.refclassid = 'pg_catalog.pg_class'::regclass
          JOIN pg_catalog.pg_class c ON c.oid = d.refobjid AND c.relkind = 'v'
    ), rules AS (
        SELECT r.oid, r.ev_action::text AS tree FROM pg_catalog.pg_rewrite r JOIN views v ON r.ev_class = v.oid
    ), named(oid) AS (
        SELECT DISTINCT t::bigint::oid
          FROM rules,
               pg_catalog.regexp_matches(rules.tree, ':[a-z_]*typ[a-z_]* (\(o [0-9 ]*\)|[0-9]+)', 'gi') AS m,
               pg_catalog.regexp_split_to_table(pg_catalog.btrim(m[1], '(o )'), ' ') AS t
         WHERE t ~ '^[0-9]{1,10}$' AND t::bigint BETWEEN 1 AND 4294967295
    ), types(oid) AS (
        SELECT n.oid FROM named n
        UNION
        SELECT x.oid
          FROM types t
          JOIN pg_catalog.pg_type y ON y.oid = t.oid
          CROSS JOIN LATERAL (
              SELECT y.typbasetype WHERE y.typtype = 'd'
              UNION ALL SELECT y.typelem WHERE y.typelem <> 0
              UNION ALL SELECT g.rngsubtype FROM pg_catalog.pg_range g WHERE g.rngtypid = y.oid
              UNION ALL SELECT a.atttypid FROM pg_catalog.pg_attribute a
                         WHERE y.typtype = 'c' AND a.attrelid = y.typrelid AND a.attnum > 0 AND NOT a.attisdropped) AS x(oid)
    ), calls(oid) AS (
        -- (read from the trees too: pg_depend records no dependency on built-in functions)
        SELECT DISTINCT CASE WHEN m[1] ~* '^opno$' THEN (SELECT o.oprcode::oid FROM pg_catalog.pg_operator o WHERE o.oid = m[2]::bigint::oid)
                             ELSE m[2]::bigint::oid END
          FROM rules, pg_catalog.regexp_matches(rules.tree, ':(funcid|opfuncid|aggfnoid|winfnoid|opno) ([0-9]{1,10})', 'gi') AS m
    )
    SELECT EXISTS (SELECT 1 FROM types t JOIN pg_catalog.pg_type y ON y.oid = t.oid
                    WHERE y.oid IN ('date'::regtype, 'time'::regtype, 'timetz'::regtype, 'timestamp'::regtype,
                                    'timestamptz'::regtype, 'interval'::regtype, 'float4'::regtype, 'float8'::regtype,
                                    'money'::regtype, 'point'::regtype, 'lseg'::regtype, 'path'::regtype, 'box'::regtype,
                                    'polygon'::regtype, 'line'::regtype, 'circle'::regtype, 'record'::regtype)
                       -- (multiranges count as rendering: their range is found through pg_range.rngmultitypid,
                       -- which PostgreSQL 13 lacks)
                       OR y.typtype = 'm'
                       OR (y.oid >= 16384 AND y.typtype NOT IN ('c', 'd', 'e', 'r') AND y.typelem = 0))
        OR EXISTS (SELECT 1 FROM calls c JOIN pg_catalog.pg_proc p ON p.oid = c.oid
                    WHERE p.oid >= 16384 OR p.provolatile = 'v'
                       OR (p.provolatile = 's' AND p.proname !~ '^(array_to_json|array_to_string|concat|concat_ws|format|row_to_json|to_char|to_json|to_jsonb|jsonb?_(agg|agg_strict|build_array|build_object|object_agg|object_agg_strict|object_agg_unique|object_agg_unique_strict|populate_record|populate_recordset|to_record|to_recordset))$'))
$fn$;

-- The internals above are the runtime's own: not executable by PUBLIC.
REVOKE ALL ON FUNCTION
    _tviews_fixed_settings(p_search_path text, p_rendering boolean),
    _tviews_renders_by_settings(p_view regclass)
FROM PUBLIC;

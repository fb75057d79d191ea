-- Settings: the session settings every computation of TVIEW rows runs with, whatever the writer's
-- session has, and which of them a view needs (maintenance.sql puts them on every generated function).

-- The settings whose values can change a view's rows, and the value each is pinned to while TVIEW
-- rows are computed, by what makes a view depend on it:
--   time     how dates, times and intervals print and parse (text, JSON, to_char, casts from text);
--   time zone names  which offsets time zone abbreviations in text stand for ('12:00 IST'), only
--            where the view parses text as a date or time: setting timezone_abbreviations reloads
--            its file, about 60 us on every call;
--   float    how many digits floats (and the geometric types built on them) print;
--   locale   money, and to_char / to_number / to_date / to_timestamp patterns (currency symbol,
--            separators, month and day names);
--   binary   how bytea prints (to_jsonb(bytes), bytes::text, format('%s', bytes));
--   xml      how bytea is encoded in XML and how text parses as XML;
--   arrays   whether NULL in the text of an array parses as a null (text cast to an array);
--   text search  the configuration of to_tsvector(text) and friends (refused by the lineage when
--            incremental; pinned for full refresh and anything else whose reads are unknown).
-- 'C' for the locales is the one locale every server has.
CREATE OR REPLACE FUNCTION _tviews_pinned_settings()
RETURNS TABLE (name text, value text, reason text) SET search_path FROM CURRENT
LANGUAGE sql IMMUTABLE AS $fn$
    VALUES ('TimeZone', 'UTC', 'time'), ('DateStyle', 'ISO, MDY', 'time'), ('IntervalStyle', 'postgres', 'time'),
           ('timezone_abbreviations', 'Default', 'time zone names'),
           ('extra_float_digits', '1', 'float'),
           ('lc_monetary', 'C', 'locale'), ('lc_numeric', 'C', 'locale'), ('lc_time', 'C', 'locale'),
           ('bytea_output', 'hex', 'binary'),
           ('xmlbinary', 'base64', 'xml'), ('xmloption', 'content', 'xml'), ('array_nulls', 'on', 'arrays'),
           ('default_text_search_config', 'pg_catalog.simple', 'text search')
$fn$;

-- The search_path of every computation of TVIEW rows (see below), as a list.
CREATE OR REPLACE FUNCTION _tviews_fixed_search_path(p_search_path text)
RETURNS text SET search_path FROM CURRENT
LANGUAGE sql IMMUTABLE AS $fn$
    -- "$user" is left out: in a SECURITY DEFINER function it would search a schema named after
    -- the owner, which any role allowed to create schemas could create.
    SELECT pg_catalog.array_to_string(ARRAY['pg_catalog'] || ARRAY(
               SELECT y.name FROM (
                   SELECT DISTINCT ON (x.name) x.name, x.n FROM (
                       SELECT pg_catalog.btrim(e.s) AS name, e.n
                         FROM pg_catalog.regexp_split_to_table(p_search_path, ',') WITH ORDINALITY AS e(s, n)) x
                    WHERE x.name NOT IN ('', '"$user"', '$user', 'pg_catalog', 'pg_temp')
                    ORDER BY x.name, x.n) y
                ORDER BY y.n)
           || ARRAY['pg_temp'], ', ')
$fn$;

-- The settings every computation of TVIEW rows runs with, as SET clauses of the generated functions,
-- so that rows do not depend on the writer's session (a materialized view's refresh doesn't either):
--   search_path      built-ins first, then the search_path the definition was registered with
--                    (unqualified names inside the user's functions resolve as they did for the
--                    registering session), temporary objects last;
--   p_pinned         the pinned settings the view's rows may depend on (_tviews_settings_read_by):
--                    a view is spared the others, because every SET clause costs every call of
--                    every trigger;
--   row_security     off: a policy that would filter rows by the writer's session raises an error
--                    instead of leaving another tenant's rows stale (owners bypass RLS anyway).
--   plan_cache_mode  force_generic_plan: each statement is planned on its first call in a session
--                    and the plan kept (by default the first five calls are each planned for their
--                    values, which costs more than refreshing a few keys); statements whose plan
--                    depends on the number of keys are EXECUTEd instead.
-- pg_tviews_verify pins every setting of _tviews_pinned_settings (operations.sql), not the plan cache mode.
CREATE OR REPLACE FUNCTION _tviews_fixed_settings(p_search_path text, p_pinned text[])
RETURNS text SET search_path FROM CURRENT
LANGUAGE sql IMMUTABLE AS $fn$
    SELECT pg_catalog.format(E'\nSET search_path = %s SET row_security = off\n'
                             'SET plan_cache_mode = force_generic_plan%s',
               _tviews_fixed_search_path(p_search_path),
               (SELECT pg_catalog.string_agg(pg_catalog.format(E'\nSET %s = %L', s.name, s.value), '' ORDER BY s.n)
                  FROM _tviews_pinned_settings() WITH ORDINALITY AS s(name, value, reason, n)
                 WHERE s.name = ANY (p_pinned)))
$fn$;

-- Puts every pinned setting on a runtime function as SET clauses, from the one list above. For the
-- functions that compute rows with all of them, whichever a view needs (a setting the view's rows
-- cannot depend on changes nothing): pg_tviews_verify (operations.sql) and _tviews_execute_fixed.
-- Called after their CREATE OR REPLACE, which resets SET clauses.
CREATE OR REPLACE FUNCTION _tviews_pin_all_settings(p_function regprocedure)
RETURNS void SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
DECLARE
    v_setting record;
BEGIN
    FOR v_setting IN SELECT s.name, s.value FROM _tviews_pinned_settings() s LOOP
        EXECUTE pg_catalog.format('ALTER FUNCTION %s SET %s = %L', p_function, v_setting.name, v_setting.value);
    END LOOP;
END
$fn$;

-- Runs one statement computing TVIEW rows in the registering session (the first build by CREATE
-- TABLE AS, tv_tables.sql) as the generated functions would: the same search_path, set inside
-- and put back by the function's own SET clause on exit, row_security off, and every pinned
-- setting, whichever the view needs (as pg_tviews_verify: a setting the view's rows cannot depend
-- on changes nothing), as SET clauses (_tviews_pin_all_settings, the DO block below).
CREATE OR REPLACE FUNCTION _tviews_execute_fixed(p_sql text, p_search_path text)
RETURNS void SET search_path FROM CURRENT SET row_security = off
LANGUAGE plpgsql AS $fn$
BEGIN
    PERFORM pg_catalog.set_config('search_path', _tviews_fixed_search_path(p_search_path), true);
    EXECUTE p_sql;
END
$fn$;

DO $do$
BEGIN
    PERFORM _tviews_pin_all_settings('_tviews_execute_fixed(text, text)');
END
$do$;

-- The pinned settings (_tviews_pinned_settings) rows of a view may depend on: for each type named
-- anywhere in the view, or in the views it reads, whose text a setting changes (arrays, domains,
-- ranges and composites of such types included), the settings of its kind; for to_char and its
-- kin, the locales; and every setting when the view names a type whose output is unknown here
-- (records, multiranges, base types of extensions) or calls a function that may read any setting:
-- a function of the user, or a stable built-in outside those whose result depends on settings only
-- through the text of its arguments (jsonb_build_object, to_jsonb, format, ...).
-- Every type a query tree names sits under a field whose name contains "typ" (:vartype,
-- :consttype, :funcresulttype, :coltypes (o ...)); numbers of other such fields (:vartypmod) are
-- read as types too, which can only pin more.
CREATE OR REPLACE FUNCTION _tviews_settings_read_by(p_view regclass)
RETURNS text[] SET search_path FROM CURRENT
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
    ), reasons(reason) AS (
        SELECT CASE WHEN y.oid IN ('date'::regtype, 'time'::regtype, 'timetz'::regtype, 'timestamp'::regtype,
                                   'timestamptz'::regtype, 'interval'::regtype) THEN 'time'
                    WHEN y.oid IN ('float4'::regtype, 'float8'::regtype, 'point'::regtype, 'lseg'::regtype, 'path'::regtype,
                                   'box'::regtype, 'polygon'::regtype, 'line'::regtype, 'circle'::regtype) THEN 'float'
                    WHEN y.oid = 'money'::regtype THEN 'locale'
                    WHEN y.oid = 'bytea'::regtype THEN 'binary'
                    WHEN y.oid = 'xml'::regtype THEN 'xml'
                    -- (multiranges count as unknown: their range is found through pg_range.rngmultitypid,
                    -- which PostgreSQL 13 lacks)
                    WHEN y.oid = 'record'::regtype OR y.typtype = 'm'
                      OR (y.oid >= 16384 AND y.typtype NOT IN ('c', 'd', 'e', 'r') AND y.typelem = 0) THEN 'any'
               END
          FROM types t JOIN pg_catalog.pg_type y ON y.oid = t.oid
        UNION ALL
        SELECT CASE WHEN p.oid >= 16384 OR p.provolatile = 'v'
                      OR (p.provolatile = 's' AND p.proname !~ '^(array_to_json|array_to_string|concat|concat_ws|format|row_to_json|to_char|to_number|to_date|to_timestamp|to_json|to_jsonb|jsonb?_(agg|agg_strict|build_array|build_object|object_agg|object_agg_strict|object_agg_unique|object_agg_unique_strict|populate_record|populate_recordset|to_record|to_recordset))$')
                    THEN 'any'
                    WHEN p.proname IN ('to_char', 'to_number', 'to_date', 'to_timestamp') THEN 'locale' END
          FROM calls c JOIN pg_catalog.pg_proc p ON p.oid = c.oid
        UNION ALL
        -- text parsed as a date or time (CoerceViaIO to one of them)
        SELECT 'time zone names' FROM rules
         WHERE rules.tree ~ '[{]COERCEVIAIO '
           AND pg_catalog.jsonb_path_exists(_tviews_node_json(rules.tree),
                   'strict $.** ? (@._ == "COERCEVIAIO" && (@.resulttype == "1082" || @.resulttype == "1083" || @.resulttype == "1114" || @.resulttype == "1184" || @.resulttype == "1266"))')
        UNION ALL
        -- a value converted through its text (CoerceViaIO), where the view has arrays
        SELECT 'arrays' FROM rules
         WHERE rules.tree ~ '[{]COERCEVIAIO '
           AND EXISTS (SELECT 1 FROM types t JOIN pg_catalog.pg_type y ON y.oid = t.oid WHERE y.typcategory = 'A')
    )
    SELECT ARRAY(SELECT s.name FROM _tviews_pinned_settings() WITH ORDINALITY AS s(name, value, reason, n)
                  -- (time zone names only where the view itself parses text as a date or time: a function
                  -- of the user that does would pay 60 us on every call of every view calling any)
                  WHERE EXISTS (SELECT 1 FROM reasons r WHERE r.reason = s.reason OR (r.reason = 'any' AND s.reason <> 'time zone names'))
                  ORDER BY s.n)
$fn$;

-- The internals above are the runtime's own: not executable by PUBLIC.
REVOKE ALL ON FUNCTION
    _tviews_pinned_settings(),
    _tviews_fixed_search_path(p_search_path text),
    _tviews_fixed_settings(p_search_path text, p_pinned text[]),
    _tviews_pin_all_settings(p_function regprocedure),
    _tviews_execute_fixed(p_sql text, p_search_path text),
    _tviews_settings_read_by(p_view regclass)
FROM PUBLIC;

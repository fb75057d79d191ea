-- Upgrade step: runtime 0.2.0 to 0.3.0. Runs before the definitions of the new version, in the
-- installing transaction. finish.sql then derives every registration again with 0.3.0 (lineage
-- into the new columns, new generated code).

-- 0.3.0 keeps the search_path a definition was registered with: re-registrations (repair, the
-- upgrade itself, fk_columns edits) resolve unqualified names as the registering session did.
-- NULL for 0.2.0 registrations: the re-registration falls back to the TVIEW's schema, as 0.2.0 did.
ALTER TABLE pg_tview_meta ADD COLUMN IF NOT EXISTS search_path text;

-- 0.3.0 derives lineage from the analysed query: walks (chains of equalities from a relation's
-- rows to the key) and reason (why a relation refreshes every key) replace what 0.2.0 read from
-- the planner. Filled in by the re-registration in finish.sql.
ALTER TABLE pg_tview_source ADD COLUMN IF NOT EXISTS walks jsonb;
ALTER TABLE pg_tview_source ADD COLUMN IF NOT EXISTS reason text;

-- Functions of 0.2.0 whose signature changed. CREATE OR REPLACE can't change a function's
-- arguments or result type; the old ones would stay beside the new ones, and calls that fit both
-- (arguments with defaults) would be ambiguous.
DROP FUNCTION IF EXISTS pg_tviews_auto_convert(text);                  -- now (schema, options)
DROP FUNCTION IF EXISTS pg_tviews_auto_convert_plan(text);             -- now (schema, options)
DROP FUNCTION IF EXISTS _tviews_convert_candidates(name);
DROP FUNCTION IF EXISTS _tviews_check_select(text, name);              -- now takes the search_path
DROP FUNCTION IF EXISTS _tviews_define_view(name, text, text);         -- now takes the search_path
DROP FUNCTION IF EXISTS _tviews_register(text, text, jsonb, text[], boolean, text, boolean);
DROP FUNCTION IF EXISTS _tviews_take_locks(bigint[], bigint[], int);   -- now takes the TVIEW's rank
DROP FUNCTION IF EXISTS _tviews_lock_keys(int, bigint[]);              -- now takes the TVIEW's rank
DROP FUNCTION IF EXISTS _tviews_key_lock_code(name, int);              -- now takes the TVIEW's rank

-- Lineage from the catalog and the planner, replaced by the analysis of the query tree
-- (querytree.sql, lineage.sql).
DROP FUNCTION IF EXISTS _tviews_plan_scans(regclass);
DROP FUNCTION IF EXISTS _tviews_key_source(regclass, name);
DROP FUNCTION IF EXISTS _tviews_read_relations(regclass);
DROP FUNCTION IF EXISTS _tviews_edges(regclass, text[]);
DROP FUNCTION IF EXISTS _tviews_column_entity(name, text[]);
DROP FUNCTION IF EXISTS _tviews_key_mapping(regclass, regclass, regclass, name, text[]);

-- Column-by-column comparison helpers, replaced by row images (record_image_ne).
DROP FUNCTION IF EXISTS _tviews_distinct_expr(oid, text, text);
DROP FUNCTION IF EXISTS _tviews_type_comparable(oid);

-- TVIEW tables: what registration.sql does to tv_<entity> itself. It creates the table (built by
-- CREATE TABLE AS where that sees what the triggers will, then keyed), or adopts an existing one,
-- and keeps a rebuilt table's grants and indexes.

-- What a rebuild of a tv_ table must put back: its grants and the indexes the user added (the key's
-- own unique index comes with the new table), as statements.
CREATE OR REPLACE FUNCTION _tviews_table_extras(p_table regclass, p_key name)
RETURNS text[] SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
    SELECT ARRAY(
        SELECT pg_catalog.format('GRANT %s ON %s TO %s%s', a.privilege_type, _tviews_qname(p_table),
                                 CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(a.grantee)) END,
                                 CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END)
          FROM pg_catalog.pg_class c, pg_catalog.aclexplode(c.relacl) a
         WHERE c.oid = p_table AND a.grantee <> c.relowner
        UNION ALL
        SELECT pg_catalog.pg_get_indexdef(i.indexrelid)
          FROM pg_catalog.pg_index i
         WHERE i.indrelid = p_table AND NOT i.indisprimary
           AND NOT (i.indisunique AND i.indnkeyatts = 1 AND i.indexprs IS NULL AND i.indpred IS NULL
                    AND (SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = p_table AND a.attnum = i.indkey[0]) = p_key))
$fn$;

-- Makes tv_<entity> fit the view: creates it (key as PRIMARY KEY, columns typed as the view's), or
-- adopts an existing table, adding the view's columns it lacks and a unique index on the key.
-- Returns whether the table was created by this call.
CREATE OR REPLACE FUNCTION _tviews_prepare_table(p_schema name, p_entity text, p_view regclass, p_key name,
                                                 p_rebuild boolean)
RETURNS boolean SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
DECLARE
    v_table regclass := pg_catalog.to_regclass(pg_catalog.format('%I.%I', p_schema, 'tv_' || p_entity));
    v_col   record;
BEGIN
    IF v_table IS NOT NULL AND p_rebuild THEN
        EXECUTE pg_catalog.format('DROP TABLE %s', v_table);
        v_table := NULL;
    END IF;
    IF v_table IS NULL THEN
        -- Its primary key comes after the first build (_tviews_add_key): one index build over the
        -- loaded rows costs less than maintaining the index row by row while they are inserted.
        EXECUTE pg_catalog.format('CREATE TABLE %I.%I (%s)', p_schema, 'tv_' || p_entity,
            (SELECT pg_catalog.string_agg(pg_catalog.format('%I %s', c.attname, c.typ), ', ') FROM _tviews_columns(p_view) c));
        RETURN true;
    END IF;
    IF (SELECT c.relkind FROM pg_catalog.pg_class c WHERE c.oid = v_table) NOT IN ('r', 'p') THEN
        RAISE EXCEPTION 'tviews: % is not a table', v_table USING ERRCODE = '42809',
            HINT = 'tv_<entity> must be a plain table (or absent, and tviews creates it).';
    END IF;
    FOR v_col IN
        SELECT c.attname, c.typ, t.typ AS table_typ, t.atttypid AS table_type, c.atttypid AS view_type
          FROM _tviews_columns(p_view) c
          LEFT JOIN _tviews_columns(v_table) t ON t.attname = c.attname
    LOOP
        IF v_col.table_typ IS NULL THEN
            EXECUTE pg_catalog.format('ALTER TABLE %s ADD COLUMN %I %s', v_table, v_col.attname, v_col.typ);
        ELSIF v_col.table_type <> v_col.view_type AND NOT EXISTS (
                SELECT 1 FROM pg_catalog.pg_cast k WHERE k.castsource = v_col.view_type AND k.casttarget = v_col.table_type
                   AND k.castcontext IN ('a', 'i')) THEN
            RAISE EXCEPTION 'tviews: column %.% is % but the view produces %', v_table, v_col.attname, v_col.table_typ, v_col.typ
                USING ERRCODE = '42804', HINT = 'Change the column type of the table or cast the expression in the view.';
        END IF;
    END LOOP;
    -- Columns only the table has must fill themselves (defaults such as created_at DEFAULT now()).
    FOR v_col IN
        SELECT a.attname FROM pg_catalog.pg_attribute a
         WHERE a.attrelid = v_table AND a.attnum > 0 AND NOT a.attisdropped AND a.attnotnull
           AND NOT a.atthasdef AND a.attidentity = '' AND a.attgenerated = ''
           AND a.attname NOT IN (SELECT c.attname FROM _tviews_columns(p_view) c)
    LOOP
        RAISE EXCEPTION 'tviews: %.% is NOT NULL without a default and the view does not produce it', v_table, v_col.attname
            USING ERRCODE = '0A000', HINT = 'Add the column to the SELECT, give it a default, or drop NOT NULL.';
    END LOOP;
    IF NOT EXISTS (
        SELECT 1 FROM pg_catalog.pg_index i
          JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
         WHERE i.indrelid = v_table AND i.indisunique AND i.indnkeyatts = 1 AND i.indpred IS NULL
           AND i.indexprs IS NULL AND a.attname = p_key) THEN
        EXECUTE pg_catalog.format('CREATE UNIQUE INDEX ON %s (%I)', v_table, p_key);
    END IF;
    RETURN false;
END
$fn$;

-- The first build of a table tviews creates, by CREATE TABLE AS of the view: it inserts through a
-- bulk-insert state, about 6% cheaper than the rebuild's INSERT ... SELECT into an empty table.
-- Only where it reads what the rebuild after the triggers would have read:
--   * at READ COMMITTED, with the sources locked first in the mode CREATE TRIGGER takes on them
--     later in this transaction (SHARE ROW EXCLUSIVE, in the order the triggers are created): no
--     write to a source commits between the build's snapshot and the triggers. A snapshot taken
--     earlier (REPEATABLE READ, SERIALIZABLE) could miss writes the triggers never see;
--   * under the settings the generated functions run with (_tviews_execute_fixed);
--   * with the columns CREATE TABLE would give them (the type's collation, not the view's);
--   * not for isolation "any", whose rebuild stamps the TVIEW's kind (concurrency.sql).
-- Returns false, having done nothing, where it does not apply, or where the role may not lock a
-- source (LOCK needs UPDATE, DELETE or TRUNCATE; CREATE TRIGGER only TRIGGER): the table is then
-- created empty and filled by the rebuild. On a rebuild (p_rebuild) it drops the old table first.
CREATE OR REPLACE FUNCTION _tviews_first_build(p_schema name, p_entity text, p_view regclass, p_lineage jsonb,
                                               p_options jsonb, p_search_path text, p_rebuild boolean)
RETURNS boolean SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
DECLARE
    v_table regclass := pg_catalog.to_regclass(pg_catalog.format('%I.%I', p_schema, 'tv_' || p_entity));
    v_sources text;
BEGIN
    IF (v_table IS NOT NULL AND NOT p_rebuild)
       OR pg_catalog.current_setting('transaction_isolation') <> 'read committed'
       OR COALESCE(p_options->>'isolation' = 'any', false) THEN
        RETURN false;
    END IF;
    SELECT pg_catalog.string_agg(_tviews_qname((r.value->>'rel')::oid), ', ' ORDER BY r.n)
      INTO v_sources
      FROM pg_catalog.jsonb_array_elements(p_lineage->'relations') WITH ORDINALITY AS r(value, n);
    IF v_sources IS NOT NULL THEN
        BEGIN
            EXECUTE pg_catalog.format('LOCK TABLE %s IN SHARE ROW EXCLUSIVE MODE', v_sources);
        EXCEPTION WHEN insufficient_privilege OR wrong_object_type THEN
            RETURN false;
        END;
    END IF;
    IF v_table IS NOT NULL THEN
        EXECUTE pg_catalog.format('DROP TABLE %s', v_table);
    END IF;
    PERFORM _tviews_execute_fixed(
        pg_catalog.format('CREATE TABLE %I.%I AS SELECT %s FROM %s v', p_schema, 'tv_' || p_entity,
            (SELECT pg_catalog.string_agg(
                        CASE WHEN a.attcollation <> t.typcollation
                             THEN pg_catalog.format('v.%1$I COLLATE %2$I.%3$I AS %1$I', a.attname, n.nspname, k.collname)
                             ELSE pg_catalog.format('v.%I', a.attname) END, ', ' ORDER BY a.attnum)
               FROM pg_catalog.pg_attribute a
               JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
               LEFT JOIN pg_catalog.pg_collation k ON k.oid = t.typcollation
               LEFT JOIN pg_catalog.pg_namespace n ON n.oid = k.collnamespace
              WHERE a.attrelid = p_view AND a.attnum > 0 AND NOT a.attisdropped),
            _tviews_qname(p_view)),
        p_search_path);
    RETURN true;
END
$fn$;

-- The primary key of a table tviews created, once the first build filled it. A key the view yields
-- twice or as NULL fails the index with a bare 23505/23502: the error names the TVIEW and the key.
CREATE OR REPLACE FUNCTION _tviews_add_key(p_entity text, p_table regclass, p_key name)
RETURNS void SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
BEGIN
    EXECUTE pg_catalog.format('ALTER TABLE %s ADD PRIMARY KEY (%I)', p_table, p_key);
EXCEPTION WHEN unique_violation OR not_null_violation THEN
    PERFORM _tviews_check_keys(p_entity);
    RAISE;
END
$fn$;

-- The internals above are the runtime's own: not executable by PUBLIC.
REVOKE ALL ON FUNCTION
    _tviews_table_extras(p_table regclass, p_key name),
    _tviews_prepare_table(p_schema name, p_entity text, p_view regclass, p_key name, p_rebuild boolean),
    _tviews_first_build(p_schema name, p_entity text, p_view regclass, p_lineage jsonb, p_options jsonb, p_search_path text,
                        p_rebuild boolean),
    _tviews_add_key(p_entity text, p_table regclass, p_key name)
FROM PUBLIC;

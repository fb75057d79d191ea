-- Catalog: the tables in which the runtime records what it maintains and what it did.
-- This file describes the current version. Tables are created IF NOT EXISTS, so that installing
-- over an install of the same version, or over an older one, keeps every registration (and, of
-- course, every tv_* row). What an older install lacks (columns, keys) is added by the upgrade
-- steps (upgrade/<from>--<to>.sql), which run before this file; new columns go at the end of a
-- table here, where ADD COLUMN puts them on an upgraded install.

-- The version marker: one row. Installers read it first; the same version installs nothing.
CREATE TABLE IF NOT EXISTS pg_tview_runtime (
    singleton    boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    version      text        NOT NULL,
    schema_name  name        NOT NULL DEFAULT pg_catalog.current_schema(),
    installed_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    upgraded_at  timestamptz
);
COMMENT ON TABLE pg_tview_runtime IS 'tviews: installed runtime version (one row).';

-- One row per registered TVIEW. Users may edit fk_columns (the integration guide does); a trigger
-- (registration.sql) re-derives lineage and maintenance when they do. Other columns are the
-- runtime's own.
CREATE TABLE IF NOT EXISTS pg_tview_meta (
    entity_name           text        PRIMARY KEY,
    schema_name           name        NOT NULL,
    tview_oid             regclass    NOT NULL,
    view_oid              regclass    NOT NULL,
    definition            text        NOT NULL,
    normalized_definition text        NOT NULL,
    key_column            name        NOT NULL,
    key_source            regclass,
    key_source_column     name,
    fk_columns            text[]      NOT NULL DEFAULT '{}',
    options               jsonb       NOT NULL DEFAULT '{}',
    default_view          boolean     NOT NULL DEFAULT false,
    table_created         boolean     NOT NULL DEFAULT false,
    reads_tviews          text[]      NOT NULL DEFAULT '{}',
    generated_functions   text[]      NOT NULL DEFAULT '{}',
    fingerprint           text,
    created_at            timestamptz NOT NULL DEFAULT pg_catalog.now(),
    updated_at            timestamptz NOT NULL DEFAULT pg_catalog.now(),
    -- the search_path unqualified names of the definition resolved with (the registering
    -- session's, as for CREATE VIEW); re-registrations (repair, upgrade, fk_columns edits) reuse it
    search_path           text
);
COMMENT ON TABLE pg_tview_meta IS 'tviews: one row per registered TVIEW; fk_columns is user-editable.';

-- Lineage: for each TVIEW, every relation its view reads and how a changed row of that relation
-- maps to TVIEW keys. Derived from the catalog at registration; shown by health checks and tools.
CREATE TABLE IF NOT EXISTS pg_tview_source (
    entity_name  text     NOT NULL REFERENCES pg_tview_meta (entity_name) ON DELETE CASCADE,
    source_oid   regclass NOT NULL,
    ordinal      int      NOT NULL,
    columns_read name[]   NOT NULL,
    refresh_mode text     NOT NULL CHECK (refresh_mode IN ('incremental', 'full')),
    key_mapping  text,
    -- lineage from the analysed query: the chains of equalities from this relation's rows to the
    -- key (jsonb arrays of hops {a, acol, b, bcol}), and why a full-refresh relation refreshes every key
    walks        jsonb,
    reason       text,
    PRIMARY KEY (entity_name, source_oid)
);
COMMENT ON TABLE pg_tview_source IS 'tviews: relations each TVIEW reads and the SQL mapping their changes to TVIEW keys.';
COMMENT ON COLUMN pg_tview_source.walks IS 'tviews: chains of equality conditions from changed rows of this relation to TVIEW keys (incremental mode).';
COMMENT ON COLUMN pg_tview_source.reason IS 'tviews: why changes to this relation refresh every key (full mode).';

-- Proof that a transaction suspended maintenance through pg_tviews_suspend_triggers(): the depth lives
-- in the transaction-local setting tviews.suspend_depth, which any role can SET; generated triggers
-- only believe it when this table (writable by the runtime's owner alone) has a row for the same
-- backend and transaction. A writer that sets the setting itself gets ordinary maintenance.
CREATE TABLE IF NOT EXISTS pg_tview_suspension (
    backend_pid int         PRIMARY KEY,
    xact_start  timestamptz NOT NULL
);
COMMENT ON TABLE pg_tview_suspension IS 'tviews: transactions that suspended maintenance (pg_tviews_suspend_triggers), by backend.';

-- Who changed which registration, when, from what to what.
CREATE TABLE IF NOT EXISTS pg_tview_meta_audit (
    audit_id       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    changed_at     timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
    changed_by     name        NOT NULL DEFAULT session_user,
    entity_name    text        NOT NULL,
    operation      text        NOT NULL,
    old_definition text,
    new_definition text,
    old_fk_columns text[],
    new_fk_columns text[],
    details        jsonb       NOT NULL DEFAULT '{}'
);
COMMENT ON TABLE pg_tview_meta_audit IS 'tviews: one row per registration change (create, replace, drop, convert, fk_columns edit).';

-- How deep TVIEWs may read TVIEWs that read TVIEWs: the walks over that graph (dependency order,
-- cycles, cascade paths) stop there.
CREATE OR REPLACE FUNCTION _tviews_max_depth()
RETURNS int SET search_path FROM CURRENT
LANGUAGE sql IMMUTABLE AS $fn$
    SELECT 64
$fn$;

-- Pending refresh work: keys whose TVIEW rows still have to be recomputed (async mode, suspended
-- bulk loads). Only pending work lives here; it is empty when nothing is pending. key NULL marks
-- work on the whole TVIEW (a TRUNCATE, or a relation the TVIEW refreshes in full): it is rebuilt.
-- reason is 'async' (a drain refreshes it) or 'suspended' (the resume, or the commit, does).
CREATE TABLE IF NOT EXISTS pg_tview_queue (
    entity_name     text        NOT NULL,
    key             bigint,
    reason          text        NOT NULL DEFAULT 'async',
    enqueued_at     timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
    attempts        int         NOT NULL DEFAULT 0,
    last_error      text,
    last_attempt_at timestamptz
);
COMMENT ON TABLE pg_tview_queue IS 'tviews: pending refresh work (async mode, suspended bulk loads); key NULL = the whole TVIEW; empty when nothing is pending.';
-- One entry per key, and one whole-TVIEW entry (key NULL) per entity.
CREATE UNIQUE INDEX IF NOT EXISTS pg_tview_queue_entity_key ON pg_tview_queue (entity_name, key);
CREATE UNIQUE INDEX IF NOT EXISTS pg_tview_queue_entity_whole ON pg_tview_queue (entity_name) WHERE key IS NULL;
-- The resume and the commit look for the suspended work of one entity at a time.
CREATE INDEX IF NOT EXISTS pg_tview_queue_suspended ON pg_tview_queue (entity_name) WHERE reason = 'suspended';

-- Stamps (concurrency.sql): one row per lock id that a writer of a TVIEW registered with
-- {"isolation": "any"} refreshed or re-linked; each write makes a new version of the row, so a
-- REPEATABLE READ or SERIALIZABLE transaction can tell that a transaction it cannot see changed
-- what it is about to read. Unlogged: only transactions running now need them, and none survives a
-- crash. It grows by one row per key and join value those writers ever touched.
CREATE UNLOGGED TABLE IF NOT EXISTS pg_tview_stamp (
    id bigint PRIMARY KEY
);
COMMENT ON TABLE pg_tview_stamp IS 'tviews: what writers of TVIEWs with {"isolation": "any"} refreshed (one row per lock id); read by REPEATABLE READ and SERIALIZABLE writers.';

-- The internals above are the runtime's own: not executable by PUBLIC.
REVOKE ALL ON FUNCTION
    _tviews_max_depth()
FROM PUBLIC;

-- Catalog: the tables in which the runtime records what it maintains and what it did.
-- All are created IF NOT EXISTS and extended with ADD COLUMN IF NOT EXISTS, so that installing a
-- newer runtime over an older one keeps every registration (and, of course, every tv_* row).

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
    updated_at            timestamptz NOT NULL DEFAULT pg_catalog.now()
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
    PRIMARY KEY (entity_name, source_oid)
);
COMMENT ON TABLE pg_tview_source IS 'tviews: relations each TVIEW reads and the SQL mapping their changes to TVIEW keys.';

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

-- Pending refresh work: keys whose TVIEW rows still have to be recomputed (async mode, suspended
-- bulk loads). Only pending work lives here; it is empty when nothing is pending.
CREATE TABLE IF NOT EXISTS pg_tview_queue (
    entity_name     text        NOT NULL,
    key             bigint      NOT NULL,
    reason          text        NOT NULL DEFAULT 'async',
    enqueued_at     timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
    attempts        int         NOT NULL DEFAULT 0,
    last_error      text,
    last_attempt_at timestamptz,
    PRIMARY KEY (entity_name, key)
);
COMMENT ON TABLE pg_tview_queue IS 'tviews: pending refresh work (async mode, suspended bulk loads); empty when nothing is pending.';

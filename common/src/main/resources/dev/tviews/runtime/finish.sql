-- Finish: record the version, regenerate TVIEW code when the version changed, and grant monitoring.
-- (Each runtime function declares its search_path where it is defined, and each file revokes its
-- internals from PUBLIC at its end: see prelude.sql.)

DO $finish$
DECLARE
    -- The version comes from the pom: the installer puts it in place of the token when it reads this file.
    v_version  constant text := '@TVIEWS_VERSION@';
    v_schema   name := pg_catalog.current_setting('tviews.install_schema');
    v_previous text;
    v_entity   text;
BEGIN
    SELECT version INTO v_previous FROM pg_tview_runtime;
    INSERT INTO pg_tview_runtime (version, schema_name) VALUES (v_version, v_schema)
    ON CONFLICT (singleton) DO UPDATE
       SET version = EXCLUDED.version, schema_name = EXCLUDED.schema_name,
           upgraded_at = CASE WHEN pg_tview_runtime.version <> EXCLUDED.version THEN pg_catalog.now() ELSE pg_tview_runtime.upgraded_at END;

    -- Registrations made by an older runtime are derived again by this one (lineage, code), in
    -- dependency order. One this runtime refuses keeps working, refreshed in full, with a warning
    -- (the health check shows the reason in pg_tview_source.reason).
    IF v_previous IS NOT NULL AND v_previous <> v_version THEN
        FOR v_entity IN SELECT o.entity_name FROM _tviews_dependency_order() o LOOP
            BEGIN
                PERFORM _tviews_register(m.schema_name || '.' || m.entity_name, m.definition, m.options, m.fk_columns,
                                         m.default_view, 'upgrade', true)
                   FROM pg_tview_meta m WHERE m.entity_name = v_entity;
            EXCEPTION WHEN OTHERS THEN
                RAISE WARNING 'tviews: TVIEW % is now refreshed in full after every write: %', v_entity, SQLERRM;
                UPDATE pg_tview_source
                   SET refresh_mode = 'full', walks = NULL, key_mapping = NULL, reason = 'upgrade to ' || v_version || ': ' || SQLERRM
                 WHERE entity_name = v_entity;
                PERFORM _tviews_generate(v_entity);
            END;
            UPDATE pg_tview_meta SET fingerprint = _tviews_fingerprint(v_entity) WHERE entity_name = v_entity;
        END LOOP;
    END IF;
END
$finish$;


-- Monitoring functions run as the owner (operations.sql): not for PUBLIC, but for tviews_monitor,
-- a role created here when the installing role may create roles (else create it and install again,
-- or GRANT EXECUTE on these three functions to your monitoring role).
DO $monitor$
DECLARE
    v_schema name := pg_catalog.current_setting('tviews.install_schema');
    v_fn     text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = 'tviews_monitor')
       AND (SELECT r.rolcreaterole OR r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = current_user) THEN
        BEGIN
            CREATE ROLE tviews_monitor NOLOGIN;
            COMMENT ON ROLE tviews_monitor IS 'tviews: may run pg_tviews_verify, pg_tviews_health_check (report only) and pg_tviews_show_cascade_path.';
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;  -- roles are cluster-wide: an install into another database created it meanwhile
        END;
    END IF;
    FOREACH v_fn IN ARRAY ARRAY['pg_tviews_verify(text)', 'pg_tviews_health_check(boolean)', 'pg_tviews_show_cascade_path(text)'] LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON FUNCTION %I.%s FROM PUBLIC', v_schema, v_fn);
        IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = 'tviews_monitor') THEN
            EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION %I.%s TO tviews_monitor', v_schema, v_fn);
        END IF;
    END LOOP;
    EXECUTE pg_catalog.format('GRANT USAGE ON SCHEMA %I TO tviews_monitor', v_schema);
EXCEPTION WHEN undefined_object THEN
    NULL;  -- no tviews_monitor role: the REVOKEs above stand, the GRANTs are the user's to make
END
$monitor$;

GRANT SELECT ON pg_tview_runtime, pg_tview_meta, pg_tview_source, pg_tview_meta_audit, pg_tview_queue, pg_tview_suspension TO PUBLIC;

DO $restore$
BEGIN
    PERFORM pg_catalog.set_config('client_min_messages', pg_catalog.current_setting('tviews.saved_client_min_messages'), true);
END
$restore$;

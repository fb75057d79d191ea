-- tviews runtime: transactional materialized views with incremental refresh, in plain SQL and
-- PL/pgSQL. No C extension, no superuser, no shared_preload_libraries: it installs wherever the
-- installing role may create tables, functions and triggers (RDS, Cloud SQL, Azure included).
--
-- The runtime lives in the schema that is first on search_path while this script runs (normally
-- public). For the rest of the script the search_path is "<that schema>, pg_temp", and every runtime
-- function is defined with SET search_path FROM CURRENT: it runs with pg_catalog first (implicitly),
-- then the runtime's schema, temporary objects last, so built-ins can't be shadowed and temporary
-- objects can't hijack it. Each file ends by revoking its internal functions (_tviews_*) from PUBLIC.

DO $prelude$
BEGIN
    -- Concurrent installers queue here instead of racing on CREATE OR REPLACE.
    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('tviews install'));
    -- Remember where the runtime goes (finish.sql records it), and keep the
    -- "already exists, skipping" notices of a re-install out of the caller's log.
    PERFORM pg_catalog.set_config('tviews.install_schema', COALESCE(pg_catalog.current_schema(), ''), true);
    PERFORM pg_catalog.set_config('tviews.saved_client_min_messages', pg_catalog.current_setting('client_min_messages'), true);
    PERFORM pg_catalog.set_config('client_min_messages', 'warning', true);
    IF pg_catalog.current_schema() IS NULL THEN
        RAISE EXCEPTION 'tviews: no schema to install into: search_path names no existing schema'
            USING ERRCODE = '3F000',
                  HINT = 'SET search_path to the schema that should hold the runtime (e.g. public) and run the install again.';
    END IF;
    -- the search_path every runtime function keeps (see above); like the settings above, the
    -- transaction's only
    PERFORM pg_catalog.set_config('search_path', pg_catalog.quote_ident(pg_catalog.current_schema()) || ', pg_temp', true);
    IF pg_catalog.current_setting('server_version_num')::int < 130000 THEN
        RAISE EXCEPTION 'tviews needs PostgreSQL 13 or newer, this server is %', pg_catalog.current_setting('server_version')
            USING ERRCODE = '0A000';
    END IF;
END
$prelude$;

-- Queue: deferred maintenance. Writers of TVIEWs in async mode, and every writer while triggers are
-- suspended (bulk mode), record the keys a statement affected in pg_tview_queue instead of
-- refreshing them; a drain (or the resume) refreshes them later.
--
-- The generated trigger functions (maintenance.sql) call exactly two functions from here:
--   _tviews_suspended()                       is maintenance suspended in this transaction?
--   _tviews_enqueue(entity, keys, reason)     record pending keys (keys NULL: the whole TVIEW)

-- Suspension is a transaction-local setting, so that it ends with the transaction and is undone by
-- a savepoint rollback (GUC changes are transactional). The depth counts nested suspends.
CREATE OR REPLACE FUNCTION _tviews_suspended()
RETURNS boolean
LANGUAGE sql STABLE AS $fn$
    SELECT COALESCE(pg_catalog.current_setting('tviews.suspend_depth', true), '') NOT IN ('', '0')
$fn$;

-- Records pending keys. An existing entry is touched (not skipped): the writer's row lock on it
-- keeps a concurrent drain (FOR UPDATE SKIP LOCKED) from consuming the key before this
-- transaction's change is visible, so a key is never drained from a snapshot missing the change.
CREATE OR REPLACE FUNCTION _tviews_enqueue(p_entity text, p_keys bigint[], p_reason text)
RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
    IF p_keys IS NULL THEN
        RAISE EXCEPTION 'tviews: deferring a full rebuild of % is not supported yet', p_entity
            USING ERRCODE = '0A000';
    END IF;
    INSERT INTO pg_tview_queue AS q (entity_name, key, reason)
    SELECT p_entity, k, p_reason FROM pg_catalog.unnest(p_keys) AS k
    ON CONFLICT (entity_name, key) DO UPDATE SET enqueued_at = LEAST(q.enqueued_at, EXCLUDED.enqueued_at);
END
$fn$;

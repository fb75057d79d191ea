-- Upgrade step: runtime 0.1.0 to 0.2.0. Runs before the definitions of the new version, in the
-- installing transaction, over any 0.1.0 install (early ones included: 0.1.0 changed shape before
-- 0.2.0 declared itself), so every statement checks what it changes.

-- The first 0.1.0 keyed the queue with PRIMARY KEY (entity_name, key), which forbids the NULL key
-- of a whole-TVIEW entry. The key becomes nullable; catalog.sql then adds the unique indexes that
-- replace the primary key (one entry per key, one whole-TVIEW entry per entity). Pending rows are kept.
DO $queue_key$
DECLARE
    v_pkey name;
BEGIN
    SELECT k.conname INTO v_pkey FROM pg_catalog.pg_constraint k
     WHERE k.conrelid = 'pg_tview_queue'::regclass AND k.contype = 'p';
    IF v_pkey IS NOT NULL THEN
        EXECUTE pg_catalog.format('ALTER TABLE pg_tview_queue DROP CONSTRAINT %I', v_pkey);
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                WHERE a.attrelid = 'pg_tview_queue'::regclass AND a.attname = 'key' AND a.attnotnull) THEN
        ALTER TABLE pg_tview_queue ALTER COLUMN key DROP NOT NULL;
    END IF;
END
$queue_key$;

-- The first health check took no argument; CREATE OR REPLACE can't add one (repair), and keeping
-- both would make pg_tviews_health_check() ambiguous.
DROP FUNCTION IF EXISTS pg_tviews_health_check();

-- The first SELECT check resolved names without a schema; the one taking the TVIEW's schema
-- replaced it.
DROP FUNCTION IF EXISTS _tviews_check_select(text);

-- Concurrency: what keeps TVIEWs exact when several transactions write at once.
--
-- Under READ COMMITTED each statement sees what was committed when it started. Two transactions
-- can each refresh a TVIEW row from a snapshot that misses the other's change:
--   * both change rows feeding the same TVIEW row (two posts of one user, tv_user aggregates
--     them): each refreshes the row without the other's post;
--   * one changes a row (renames user P) while the other links a row to it (inserts post C of P):
--     the renamer's walk from P finds P's posts without C, and C's row is built with P's old name.
-- Locking whole TVIEWs would serialize every writer (pg_ivm's choice, which costs most concurrent
-- throughput). Instead the runtime locks values, with transaction-level advisory locks:
--   * key locks: a refresh locks the TVIEW keys it recomputes, exclusively, before reading;
--   * join-value locks: a statement's walk from its changed rows to the keys looks up rows "of b
--     whose bcol = v" at every hop; it locks (b, bcol, v) in shared mode. A statement that inserts,
--     deletes or re-links rows of b locks the join values those rows carry into or out of such
--     sets, exclusively. A walk and a change of the set it walks through thus conflict; two walks
--     don't (updates of plain columns, the common case, only walk).
-- Whoever locks second waits for the first to commit, then reads again (a new statement, a new
-- snapshot) and sees the other's work. The keys a statement refreshes are only good if every
-- value their mapping walked through was locked before the snapshot that found them: so a trigger
-- maps to keys and collects the values in one query, and when that query found values it did not
-- hold yet, it locks them and maps again (a link committed in between can lead a walk to new
-- values). Most statements need two rounds, and statements whose mapping walks nothing need one.
--
-- Past 256 values of one kind in one statement, or 2,000 fine locks in one transaction, a lock on
-- the whole kind replaces them: every fine lock is taken under a shared "intent" lock on its kind,
-- which the coarse lock takes exclusively. That keeps bulk statements within the lock table.
--
-- REPEATABLE READ and SERIALIZABLE cannot read again: their snapshot is the transaction's. Locks
-- alone don't help them: a transaction that held a lock and committed after the snapshot was taken
-- has released it, yet its work is invisible (T1 takes its snapshot; T2 inserts post 11 of user 1
-- and commits; T1 renames user 1 and finds only the posts it sees: tv_post row 11 would keep the
-- old name, and PostgreSQL's serializable checks see nothing when T2 ran READ COMMITTED). So they
-- keep a TVIEW only when it is registered with {"isolation": "any"}, whose writers leave stamps
-- (pg_tview_stamp, one row per lock id, a new version per write): every refresh stamps its keys, a
-- rebuild its TVIEW's kind, and a statement that inserts, deletes or re-links rows stamps the join
-- values it locks exclusively. A REPEATABLE READ or SERIALIZABLE writer, once it holds its locks,
-- looks at the stamps of every value it locked (_tviews_check_stamps): a version its snapshot
-- cannot see means a transaction it cannot see changed what it is about to read, and it raises
-- 40001 instead. A wait for a lock is no error by itself: the holder either rolled back, or
-- committed and stamped what it changed (the keys it refreshed, the values it re-linked), which the
-- look after the wait finds; what it changed in rows the refresh reads shows as well, through the
-- keys it refreshed or through the rows the guard locks (_tviews_snapshot_guard_sql), whose newer
-- versions raise 40001 themselves. Every other TVIEW refuses them (0A000,
-- _tviews_snapshot_writer_check), and rebuilds refuse them always (_tviews_refuse_snapshot_rebuild).
--
-- Locks are also ordered across TVIEWs, by rank (0 for a TVIEW that reads no other TVIEW, else one
-- more than the highest rank it reads): the transaction-local setting tviews.lock_rank holds the
-- highest rank whose locks the transaction took. Locks of a lower rank (a cascade that climbed to
-- tv_org, then a sibling trigger refreshing tv_user) are taken out of order: one held by another
-- transaction is waited for at most 200 ms (lock_timeout, shorter than deadlock_timeout), then the
-- statement raises 40001. So maintenance never waits long against the order: two writers that
-- would deadlock find out in 200 ms instead of waiting deadlock_timeout (1 s by default) holding
-- every lock they have while the other writers queue behind them, and a writer that merely waits
-- for a short transaction to commit still gets its lock.
--
-- Lock ids are bigints: the kind (a 32-bit hash of relation and column, or of the TVIEW) in the
-- high half, the value (hashed) in the low half. Kinds are locked with the one-bigint form of the
-- advisory lock functions, values with the two-int form, so the two never collide.

-- The two limits above, defined here only (generated code embeds their values).
CREATE OR REPLACE FUNCTION _tviews_kind_lock_limit()
RETURNS int SET search_path FROM CURRENT
LANGUAGE sql IMMUTABLE AS $fn$
    SELECT 256   -- values of one kind in one statement before the whole kind is locked
$fn$;

CREATE OR REPLACE FUNCTION _tviews_fine_lock_budget()
RETURNS int SET search_path FROM CURRENT
LANGUAGE sql IMMUTABLE AS $fn$
    SELECT 2000   -- fine locks in one transaction before whole kinds are locked instead
$fn$;

-- The kind of a join value: a column of a relation.
CREATE OR REPLACE FUNCTION _tviews_lock_kind(p_rel regclass, p_col name)
RETURNS int SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
    SELECT pg_catalog.hashint8((p_rel::oid::bigint << 16) | a.attnum)
      FROM pg_catalog.pg_attribute a WHERE a.attrelid = p_rel AND a.attname = p_col
$fn$;

-- The kind of a TVIEW's keys.
CREATE OR REPLACE FUNCTION _tviews_key_lock_kind(p_tview regclass)
RETURNS int SET search_path FROM CURRENT
LANGUAGE sql IMMUTABLE AS $fn$
    SELECT pg_catalog.hashint8(-(p_tview::oid::bigint))
$fn$;

-- SQL text of the lock id of a value (expression p_expr of type p_type) of kind p_kind. Integers of
-- every width hash alike, so an int4 foreign key and an int8 primary key lock the same id.
CREATE OR REPLACE FUNCTION _tviews_lock_id_sql(p_kind int, p_expr text, p_type oid)
RETURNS text SET search_path FROM CURRENT
LANGUAGE sql STABLE AS $fn$
    SELECT pg_catalog.format('((%s::bigint << 32) | (%s::bigint & 4294967295))', p_kind,
           CASE WHEN p_type IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype)
                THEN pg_catalog.format('pg_catalog.hashint8((%s)::bigint)', p_expr)
                ELSE pg_catalog.format('pg_catalog.hashtext((%s)::text)', p_expr) END)
$fn$;

-- Takes the locks (p_exclusive wins over p_shared for the same id) in one global order, so that
-- two statements taking overlapping sets cannot deadlock each other. Returns whether it had to
-- wait. Under REPEATABLE READ and SERIALIZABLE it then looks at the stamps of what it locked
-- (_tviews_check_stamps): a wait alone is no error there, since a holder that committed stamped
-- what it changed (and one that rolled back changed nothing). p_round counts the caller's rounds:
-- one that never settles gives up with 40001.
CREATE OR REPLACE FUNCTION _tviews_take_locks(p_exclusive bigint[], p_shared bigint[], p_round int DEFAULT 0, p_rank int DEFAULT 0)
RETURNS boolean SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
DECLARE
    v_out_of_order boolean := COALESCE(NULLIF(pg_catalog.current_setting('tviews.lock_rank', true), ''), '0')::int > p_rank;
    v_total  int := COALESCE(pg_catalog.cardinality(p_exclusive), 0) + COALESCE(pg_catalog.cardinality(p_shared), 0);
    v_used   int;
    v_coarse boolean;
    v_lock   record;
    v_got    boolean;
    v_waited boolean := false;
BEGIN
    IF v_total = 0 THEN
        RETURN false;
    END IF;
    v_used := COALESCE(NULLIF(pg_catalog.current_setting('tviews.fine_locks', true), ''), '0')::int;
    v_coarse := v_used + v_total > _tviews_fine_lock_budget();
    IF NOT v_coarse THEN
        PERFORM pg_catalog.set_config('tviews.fine_locks', (v_used + v_total)::text, true);
    END IF;
    FOR v_lock IN
        WITH wanted AS (
            SELECT id, true AS excl FROM pg_catalog.unnest(p_exclusive) AS id
            UNION ALL
            SELECT id, false FROM pg_catalog.unnest(p_shared) AS id
        ), fine AS (
            SELECT (w.id >> 32)::int AS kind, ((w.id << 32) >> 32)::int AS val, pg_catalog.bool_or(w.excl) AS excl
              FROM wanted w GROUP BY w.id
        ), kinds AS (
            SELECT f.kind, v_coarse OR pg_catalog.count(*) > _tviews_kind_lock_limit() AS coarse FROM fine f GROUP BY f.kind
        )
        SELECT k.kind, NULL::int AS val, k.coarse AS excl FROM kinds k
        UNION ALL
        SELECT f.kind, f.val, f.excl FROM fine f JOIN kinds k USING (kind) WHERE NOT k.coarse
        ORDER BY 1, 2 NULLS FIRST
    LOOP
        IF v_lock.val IS NULL THEN
            v_got := CASE WHEN v_lock.excl THEN pg_catalog.pg_try_advisory_xact_lock(v_lock.kind::bigint)
                          ELSE pg_catalog.pg_try_advisory_xact_lock_shared(v_lock.kind::bigint) END;
        ELSE
            v_got := CASE WHEN v_lock.excl THEN pg_catalog.pg_try_advisory_xact_lock(v_lock.kind, v_lock.val)
                          ELSE pg_catalog.pg_try_advisory_xact_lock_shared(v_lock.kind, v_lock.val) END;
        END IF;
        IF NOT v_got AND v_out_of_order THEN
            v_waited := true;
            PERFORM _tviews_lock_out_of_order(v_lock.kind, v_lock.val, v_lock.excl);
        ELSIF NOT v_got THEN
            v_waited := true;
            IF v_lock.val IS NULL AND v_lock.excl THEN
                PERFORM pg_catalog.pg_advisory_xact_lock(v_lock.kind::bigint);
            ELSIF v_lock.val IS NULL THEN
                PERFORM pg_catalog.pg_advisory_xact_lock_shared(v_lock.kind::bigint);
            ELSIF v_lock.excl THEN
                PERFORM pg_catalog.pg_advisory_xact_lock(v_lock.kind, v_lock.val);
            ELSE
                PERFORM pg_catalog.pg_advisory_xact_lock_shared(v_lock.kind, v_lock.val);
            END IF;
        END IF;
    END LOOP;
    IF pg_catalog.current_setting('transaction_isolation') <> 'read committed' THEN
        PERFORM _tviews_check_stamps(p_exclusive, p_shared);
    END IF;
    IF NOT v_out_of_order THEN
        PERFORM pg_catalog.set_config('tviews.lock_rank', p_rank::text, true);
    END IF;
    IF p_round >= 16 THEN
        RAISE EXCEPTION 'tviews: the rows feeding TVIEW rows kept changing while this statement waited for them'
            USING ERRCODE = '40001', HINT = 'Retry the transaction.';
    END IF;
    RETURN v_waited;
END
$fn$;

-- Waits for a lock taken against the rank order (see above): at most 200 ms, then 40001. The
-- subtransaction is only paid when the lock is held by another transaction.
CREATE OR REPLACE FUNCTION _tviews_lock_out_of_order(p_kind int, p_val int, p_exclusive boolean)
RETURNS void SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
DECLARE
    v_timeout text := pg_catalog.current_setting('lock_timeout');
BEGIN
    PERFORM pg_catalog.set_config('lock_timeout', '200ms', true);
    IF p_val IS NULL AND p_exclusive THEN
        PERFORM pg_catalog.pg_advisory_xact_lock(p_kind::bigint);
    ELSIF p_val IS NULL THEN
        PERFORM pg_catalog.pg_advisory_xact_lock_shared(p_kind::bigint);
    ELSIF p_exclusive THEN
        PERFORM pg_catalog.pg_advisory_xact_lock(p_kind, p_val);
    ELSE
        PERFORM pg_catalog.pg_advisory_xact_lock_shared(p_kind, p_val);
    END IF;
    PERFORM pg_catalog.set_config('lock_timeout', v_timeout, true);
EXCEPTION
    WHEN lock_not_available THEN
        RAISE EXCEPTION 'tviews: a concurrent transaction holds rows this statement must refresh, and waiting longer for them could deadlock'
            USING ERRCODE = '40001', HINT = 'Retry the transaction.';
END
$fn$;

-- The lock ids of TVIEW keys (of kind p_kind).
CREATE OR REPLACE FUNCTION _tviews_key_lock_ids(p_kind int, p_keys bigint[])
RETURNS bigint[] SET search_path FROM CURRENT
LANGUAGE sql IMMUTABLE AS $fn$
    SELECT ARRAY(SELECT (p_kind::bigint << 32) | (pg_catalog.hashint8(k) & 4294967295) FROM pg_catalog.unnest(p_keys) AS k)
$fn$;

-- The statement that stamps the lock ids a query lists (see above), for generated code: a writer of
-- a TVIEW registered with {"isolation": "any"} runs it for what it holds exclusively, so no other
-- writer stamps the same rows meanwhile. Each run makes a new version of each row. Inline rather
-- than a call: a call of a runtime function costs as much as the upsert (the TVIEW's owner may
-- write the runtime's tables, as it writes pg_tview_queue).
CREATE OR REPLACE FUNCTION _tviews_stamp_code(p_runtime name, p_ids_query text)
RETURNS text SET search_path FROM CURRENT
LANGUAGE sql IMMUTABLE AS $fn$
    SELECT pg_catalog.format(E'INSERT INTO %I.pg_tview_stamp AS s (id)\n'
                             'SELECT DISTINCT i.id FROM (%s) AS i(id) ORDER BY 1\n'
                             'ON CONFLICT (id) DO UPDATE SET id = EXCLUDED.id;', p_runtime, p_ids_query)
$fn$;

-- The same for the keys p_keys of a TVIEW (kind p_kind).
CREATE OR REPLACE FUNCTION _tviews_stamp_keys_code(p_runtime name, p_kind int)
RETURNS text SET search_path FROM CURRENT
LANGUAGE sql IMMUTABLE AS $fn$
    SELECT _tviews_stamp_code(p_runtime, pg_catalog.format('SELECT %s FROM pg_catalog.unnest(p_keys) AS k',
                                                           _tviews_lock_id_sql(p_kind, 'k', 'pg_catalog.int8'::pg_catalog.regtype)))
$fn$;

-- What a REPEATABLE READ or SERIALIZABLE writer does once it holds its locks: it stamps what it
-- holds exclusively, like every writer, and looks at the stamps of what it holds shared. INSERT
-- ... ON CONFLICT compares with the newest committed version of a stamp, and raises 40001 when the
-- transaction's snapshot cannot see it: then a transaction committed after the snapshot was taken
-- refreshed those keys or re-linked rows at those values, and what the snapshot shows of them is
-- out of date. (A value no writer ever stamped gets its row here, once.)
CREATE OR REPLACE FUNCTION _tviews_check_stamps(p_exclusive bigint[], p_shared bigint[])
RETURNS void SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
BEGIN
    IF COALESCE(pg_catalog.cardinality(p_exclusive), 0) > 0 THEN
        INSERT INTO pg_tview_stamp AS s (id)
        SELECT DISTINCT i FROM pg_catalog.unnest(p_exclusive) AS i ORDER BY 1
        ON CONFLICT (id) DO UPDATE SET id = EXCLUDED.id;
    END IF;
    IF COALESCE(pg_catalog.cardinality(p_shared), 0) > 0 THEN
        INSERT INTO pg_tview_stamp AS s (id)
        SELECT DISTINCT i FROM pg_catalog.unnest(p_shared) AS i ORDER BY 1
        ON CONFLICT (id) DO NOTHING;
    END IF;
EXCEPTION
    WHEN serialization_failure THEN
        RAISE EXCEPTION 'tviews: a transaction committed after this one''s snapshot changed rows feeding the same TVIEW rows'
            USING ERRCODE = '40001',
                  DETAIL = pg_catalog.format('This %s transaction cannot see that work, so it cannot refresh those rows exactly.',
                                             pg_catalog.upper(pg_catalog.current_setting('transaction_isolation'))),
                  HINT = 'Retry the transaction.';
END
$fn$;

-- Removes the stamps that can tell no transaction anything any more, and returns how many. A stamp
-- matters only to a snapshot taken before its writer committed, and such a snapshot's xmin is at
-- most that writer's xid. So a stamp whose writer's xid precedes every running transaction's xid and
-- every snapshot's xmin in this database (pg_stat_activity shows both for every backend, to any
-- role; other databases cannot read this table, nor can autovacuum, which runs as no role) is
-- visible to every snapshot, now and later: it goes. (A later probe finds no row, inserts one, and
-- misses nothing.) Rows a writer holds are skipped, never waited for. pg_tviews_health_check calls it.
CREATE OR REPLACE FUNCTION _tviews_prune_stamps()
RETURNS bigint SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
DECLARE
    v_horizon_age int;
    v_removed     bigint;
BEGIN
    -- the age of the oldest xid any backend runs or sees as running (this one included)
    SELECT pg_catalog.max(GREATEST(pg_catalog.age(a.backend_xid), pg_catalog.age(a.backend_xmin)))
      INTO v_horizon_age
      FROM pg_catalog.pg_stat_activity a
     WHERE (a.backend_xid IS NOT NULL OR a.backend_xmin IS NOT NULL)
       AND a.datid = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())
       AND a.usesysid IS NOT NULL;
    WITH old AS (
        SELECT s.id FROM pg_tview_stamp s
         WHERE pg_catalog.age(s.xmin) > COALESCE(v_horizon_age, 0)
           FOR UPDATE SKIP LOCKED
    )
    DELETE FROM pg_tview_stamp s USING old WHERE s.id = old.id;
    GET DIAGNOSTICS v_removed = ROW_COUNT;
    RETURN v_removed;
END
$fn$;

-- Whether a REPEATABLE READ or SERIALIZABLE transaction may maintain TVIEW p_entity (p_any: its
-- code was generated for {"isolation": "any"}, and stamps). Its snapshot must see that
-- registration: writers that committed before it ran code that did not stamp. (Registering takes
-- locks on the tables the view reads, which wait for their writers to commit: every writer that
-- commits after the registration stamps.) Read committed transactions pass without a look.
CREATE OR REPLACE FUNCTION _tviews_snapshot_writer_check(p_entity text, p_any boolean)
RETURNS void SET search_path FROM CURRENT
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    v_isolation text := pg_catalog.current_setting('transaction_isolation');
BEGIN
    IF v_isolation = 'read committed' THEN
        RETURN;
    ELSIF NOT p_any THEN
        RAISE EXCEPTION 'tviews: a % transaction cannot keep TVIEW % exact', pg_catalog.upper(v_isolation), p_entity
            USING ERRCODE = '0A000',
                  DETAIL = 'Its snapshot misses rows that transactions committed after it was taken, and their TVIEW rows would keep old values.',
                  HINT = pg_catalog.format('Write the tables TVIEW %s reads under READ COMMITTED (the default), or register it with options {"isolation": "any"}: '
                                           'its writers then stamp what they refresh, and %s writers get 40001 instead of stale rows.',
                                           p_entity, pg_catalog.upper(v_isolation));
    ELSIF NOT EXISTS (SELECT 1 FROM pg_tview_meta m WHERE m.entity_name = p_entity AND m.options->>'isolation' = 'any') THEN
        RAISE EXCEPTION 'tviews: TVIEW % was registered for writers at any isolation level after this transaction''s snapshot was taken', p_entity
            USING ERRCODE = '40001', HINT = 'Retry the transaction.';
    END IF;
END
$fn$;

-- Rebuilds (TRUNCATE of a source, pg_tviews_refresh, registration) read the whole view: under
-- REPEATABLE READ or SERIALIZABLE that is the transaction's snapshot, which misses rows committed
-- after it was taken, and no stamp can tell which. Refused.
CREATE OR REPLACE FUNCTION _tviews_refuse_snapshot_rebuild()
RETURNS void SET search_path FROM CURRENT
LANGUAGE plpgsql STABLE AS $fn$
BEGIN
    IF pg_catalog.current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'tviews: a % transaction cannot rebuild TVIEWs', pg_catalog.upper(pg_catalog.current_setting('transaction_isolation'))
            USING ERRCODE = '0A000',
                  DETAIL = 'A rebuild reads the whole view from the transaction''s snapshot, which misses rows committed after it was taken.',
                  HINT = 'Run TRUNCATE of the tables TVIEWs read, pg_tviews_refresh and registrations under READ COMMITTED (the default).';
    END IF;
END
$fn$;

-- Locks TVIEW keys before they are recomputed (all of them, exclusively, when p_keys is NULL).
CREATE OR REPLACE FUNCTION _tviews_lock_keys(p_kind int, p_keys bigint[], p_rank int DEFAULT 0)
RETURNS void SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
BEGIN
    -- (A few keys under READ COMMITTED never get here: generated code locks those inline, see
    -- _tviews_key_lock_code.)
    IF p_keys IS NULL THEN
        PERFORM _tviews_refuse_snapshot_rebuild();
        IF NOT pg_catalog.pg_try_advisory_xact_lock(p_kind::bigint) THEN
            IF COALESCE(NULLIF(pg_catalog.current_setting('tviews.lock_rank', true), ''), '0')::int > p_rank THEN
                PERFORM _tviews_lock_out_of_order(p_kind, NULL, true);
            ELSE
                PERFORM pg_catalog.pg_advisory_xact_lock(p_kind::bigint);
            END IF;
            IF pg_catalog.current_setting('transaction_isolation') <> 'read committed' THEN
                RAISE EXCEPTION 'tviews: a concurrent transaction changed rows of the TVIEW being rebuilt'
                    USING ERRCODE = '40001', HINT = 'Retry the transaction.';
            END IF;
        END IF;
    ELSE
        PERFORM _tviews_take_locks(_tviews_key_lock_ids(p_kind, p_keys), '{}', 0, p_rank);
        IF pg_catalog.current_setting('transaction_isolation') <> 'read committed' THEN
            -- and whether the TVIEW was rebuilt meanwhile (its kind's stamp)
            PERFORM _tviews_check_stamps('{}', ARRAY[p_kind::bigint]);
        END IF;
    END IF;
END
$fn$;

-- The join values (b, bcol) some walk of the TVIEW looks up, except a last hop onto the key column
-- (key locks cover those). Rows of b that change lock these values in shared mode.
CREATE OR REPLACE FUNCTION _tviews_walked_values(p_meta pg_tview_meta)
RETURNS TABLE (rel regclass, col name, typ oid) SET search_path FROM CURRENT
LANGUAGE sql AS $fn$
    SELECT DISTINCT (h->>'b')::oid::regclass, (h->>'bcol')::name, a.atttypid
      FROM pg_tview_source s,
           _tviews_walks(p_meta.view_oid, s.source_oid, p_meta.key_source, p_meta.fk_columns) AS w,
           pg_catalog.jsonb_array_elements(w) WITH ORDINALITY AS x(h, i)
      JOIN pg_catalog.pg_attribute a ON a.attrelid = (x.h->>'b')::oid AND a.attname = x.h->>'bcol'
     WHERE s.entity_name = p_meta.entity_name AND s.refresh_mode = 'incremental'
       AND NOT (x.i = pg_catalog.jsonb_array_length(w) AND x.h->>'bcol' = p_meta.key_source_column)
$fn$;

-- The queries of p_parts as one UNION ALL (NULL when there are none).
CREATE OR REPLACE FUNCTION _tviews_union_all_sql(p_parts text[])
RETURNS text SET search_path FROM CURRENT
LANGUAGE sql IMMUTABLE AS $fn$
    SELECT NULLIF(pg_catalog.array_to_string(p_parts, E'\n          UNION ALL\n          '), '')
$fn$;

-- SQL listing the (shared) lock ids of the walks from changed rows of p_source ("changed c"):
-- one per hop value, whether or not rows have it. NULL when the walks look nothing up.
CREATE OR REPLACE FUNCTION _tviews_walk_locks_sql(p_meta pg_tview_meta, p_source regclass)
RETURNS text SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
DECLARE
    v_hops  jsonb;
    v_walk  record;
    v_ids   text[];
    v_parts text[] := '{}';
    v_sql   text;
BEGIN
    FOR v_hops IN SELECT * FROM _tviews_walks(p_meta.view_oid, p_source, p_meta.key_source, p_meta.fk_columns) LOOP
        v_walk := _tviews_walk_sql(v_hops, p_meta.key_source_column, true);
        SELECT pg_catalog.array_agg(pg_catalog.format('(%s)', _tviews_lock_id_sql(
                   _tviews_lock_kind((h->>'b')::oid::regclass, h->>'bcol'), v_walk.hop_values[i],
                   (SELECT a.atttypid FROM pg_catalog.pg_attribute a WHERE a.attrelid = (h->>'b')::oid AND a.attname = h->>'bcol')))
                   ORDER BY i)
          INTO v_ids
          FROM pg_catalog.jsonb_array_elements(v_hops) WITH ORDINALITY AS x(h, i)
         WHERE NOT (i = pg_catalog.jsonb_array_length(v_hops) AND h->>'bcol' = p_meta.key_source_column);
        CONTINUE WHEN v_ids IS NULL;
        v_sql := pg_catalog.format(E'SELECT v.x FROM %s,\n                 LATERAL (VALUES %s) AS v(x)',
                                   v_walk.from_sql, pg_catalog.array_to_string(v_ids, ', '));
        IF NOT v_sql = ANY (v_parts) THEN
            v_parts := v_parts || v_sql;
        END IF;
    END LOOP;
    RETURN _tviews_union_all_sql(v_parts);
END
$fn$;

-- The join values that rows of p_source carry into or out of the sets some walk looks up, one row
-- per looked-up column: the column, the lock id of its value (of a row "r") and the columns that tell a row
-- that moved: its primary key, the looked-up column and the columns walks leave rows of p_source
-- by (a post moving to another user: walks arriving at the post by its key now continue elsewhere,
-- so they must wait for the move). moved_by is NULL when p_source has no primary key.
CREATE OR REPLACE FUNCTION _tviews_carried_values(p_meta pg_tview_meta, p_source regclass)
RETURNS TABLE (value_column name, lock_id text, moved_by text) SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
DECLARE
    v_col   record;
    v_keyed text[];
    v_leave text[];
BEGIN
    SELECT pg_catalog.array_agg(DISTINCT c) INTO v_leave
      FROM (SELECT h->>'acol' AS c
              FROM pg_tview_source s, pg_catalog.jsonb_array_elements(COALESCE(s.walks, '[]')) w, pg_catalog.jsonb_array_elements(w) h
             WHERE s.entity_name = p_meta.entity_name AND (h->>'a')::oid = p_source::oid
            UNION
            SELECT p_meta.key_source_column WHERE p_meta.key_source = p_source) x;
    SELECT pg_catalog.array_agg(a.attname::text) INTO v_keyed
      FROM pg_catalog.pg_index i
      JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
     WHERE i.indrelid = p_source AND i.indisprimary;
    FOR v_col IN SELECT w.col, w.typ FROM _tviews_walked_values(p_meta) w WHERE w.rel = p_source ORDER BY w.col LOOP
        value_column := v_col.col;
        lock_id := _tviews_lock_id_sql(_tviews_lock_kind(p_source, v_col.col), pg_catalog.format('r.%I', v_col.col), v_col.typ);
        moved_by := CASE WHEN v_keyed IS NOT NULL THEN
            (SELECT pg_catalog.string_agg(pg_catalog.quote_ident(x.c), ', ' ORDER BY x.c)
               FROM (SELECT DISTINCT c FROM pg_catalog.unnest(v_keyed || v_col.col::text || COALESCE(v_leave, '{}')) AS c) x) END;
        RETURN NEXT;
    END LOOP;
END
$fn$;

-- SQL listing the lock ids of the join values rows of a source carry: p_carried holds what
-- _tviews_carried_values says of it (read once per source, as a jsonb array of its rows, since code
-- generation asks for every event). Every value of inserted (p_event 'ins') and deleted ('del') rows;
-- for updates (of "changed c", see _tviews_generated_code), the old and new values of rows that moved.
-- Rows that keep their links stay in the same sets. NULL when no walk looks up values of the source.
CREATE OR REPLACE FUNCTION _tviews_carried_locks_sql(p_carried jsonb, p_event text)
RETURNS text SET search_path FROM CURRENT
LANGUAGE sql IMMUTABLE AS $fn$
    SELECT _tviews_union_all_sql(ARRAY(
        SELECT CASE
            WHEN p_event = 'ins' THEN pg_catalog.format('SELECT %s FROM new_rows r', v->>'lock_id')
            WHEN p_event = 'del' THEN pg_catalog.format('SELECT %s FROM old_rows r', v->>'lock_id')
            WHEN v->>'moved_by' IS NULL THEN pg_catalog.format('SELECT %1$s FROM old_rows r UNION ALL SELECT %1$s FROM new_rows r', v->>'lock_id')
            -- The caller's "changed" holds the old and the new image of every row whose read
            -- columns changed (those include the key, the looked-up column and the columns walks
            -- leave by): an image alone in its group is a row that moved, old and new value both.
            -- A changed primary key moves the row out of one set and into another, like a re-link.
            ELSE pg_catalog.format('SELECT %1$s FROM changed r GROUP BY %2$s HAVING pg_catalog.count(*) = 1', v->>'lock_id', v->>'moved_by')
            END
          FROM pg_catalog.jsonb_array_elements(p_carried) WITH ORDINALITY AS x(v, n) ORDER BY x.n))
$fn$;

-- Statements for refresh(p_keys) under REPEATABLE READ / SERIALIZABLE: share-lock every row the
-- walks connect to the keys, so a row changed by a transaction the snapshot doesn't see raises
-- 40001 instead of being read in its old version (_tviews_key_lock_code runs them after the locks).
CREATE OR REPLACE FUNCTION _tviews_snapshot_guard_sql(p_meta pg_tview_meta)
RETURNS text SET search_path FROM CURRENT
LANGUAGE plpgsql AS $fn$
DECLARE
    v_src   record;
    v_hops  jsonb;
    v_walk  record;
    v_parts text[] := ARRAY[pg_catalog.format('PERFORM 1 FROM %s c WHERE c.%I = ANY (p_keys) FOR SHARE;',
                                              _tviews_qname(p_meta.key_source), p_meta.key_source_column)];
    v_sql   text;
BEGIN
    FOR v_src IN SELECT s.source_oid FROM pg_tview_source s
                  WHERE s.entity_name = p_meta.entity_name AND s.refresh_mode = 'incremental' ORDER BY s.ordinal LOOP
        FOR v_hops IN SELECT * FROM _tviews_walks(p_meta.view_oid, v_src.source_oid, p_meta.key_source, p_meta.fk_columns) LOOP
            CONTINUE WHEN pg_catalog.jsonb_array_length(v_hops) = 0;
            v_walk := _tviews_walk_sql(v_hops, p_meta.key_source_column, false);
            v_sql := pg_catalog.format(E'PERFORM 1 FROM %s\n           WHERE %s = ANY (p_keys) FOR SHARE;',
                                       pg_catalog.regexp_replace(v_walk.from_sql, '^changed c', _tviews_qname(v_src.source_oid) || ' c'),
                                       v_walk.key_expr);
            IF NOT v_sql = ANY (v_parts) THEN
                v_parts := v_parts || v_sql;
            END IF;
        END LOOP;
    END LOOP;
    RETURN pg_catalog.array_to_string(v_parts, E'\n');
END
$fn$;

-- The internals above are the runtime's own: not executable by PUBLIC.
REVOKE ALL ON FUNCTION
    _tviews_key_lock_ids(p_kind integer, p_keys bigint[]),
    _tviews_stamp_code(p_runtime name, p_ids_query text),
    _tviews_stamp_keys_code(p_runtime name, p_kind integer),
    _tviews_check_stamps(p_exclusive bigint[], p_shared bigint[]),
    _tviews_snapshot_writer_check(p_entity text, p_any boolean),
    _tviews_refuse_snapshot_rebuild(),
    _tviews_prune_stamps(),
    _tviews_kind_lock_limit(),
    _tviews_fine_lock_budget(),
    _tviews_lock_kind(p_rel regclass, p_col name),
    _tviews_key_lock_kind(p_tview regclass),
    _tviews_lock_id_sql(p_kind integer, p_expr text, p_type oid),
    _tviews_take_locks(p_exclusive bigint[], p_shared bigint[], p_round integer, p_rank integer),
    _tviews_lock_out_of_order(p_kind integer, p_val integer, p_exclusive boolean),
    _tviews_lock_keys(p_kind integer, p_keys bigint[], p_rank integer),
    _tviews_walked_values(p_meta pg_tview_meta),
    _tviews_union_all_sql(p_parts text[]),
    _tviews_walk_locks_sql(p_meta pg_tview_meta, p_source regclass),
    _tviews_carried_values(p_meta pg_tview_meta, p_source regclass),
    _tviews_carried_locks_sql(p_carried jsonb, p_event text),
    _tviews_snapshot_guard_sql(p_meta pg_tview_meta)
FROM PUBLIC;

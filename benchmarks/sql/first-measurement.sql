-- First measurement of the runtime's write overhead (issue 3), as ratios to the same statements
-- on identical tables without TVIEWs, in the same run. Run on an empty database:
--   psql -d <db> -f common/target/tviews-runtime.sql -f benchmarks/sql/first-measurement.sql
-- The module benchmarks/ (later) replaces this with the full harness; this script only gives the
-- two first numbers: a single-row child update, and a parent update fanning out to 100 children.
\set ON_ERROR_STOP on
SET client_min_messages = warning;

-- Two identical schemas: raw (no TVIEWs) and maintained (TVIEWs post and user over the same shape).
DO $$
DECLARE s text;
BEGIN
    FOREACH s IN ARRAY ARRAY['raw', 'maintained'] LOOP
        EXECUTE format('DROP SCHEMA IF EXISTS %I CASCADE; CREATE SCHEMA %I', s, s);
        EXECUTE format('CREATE TABLE %I.tb_user (pk_user bigint PRIMARY KEY, name text NOT NULL)', s);
        EXECUTE format('CREATE TABLE %I.tb_post (pk_post bigint PRIMARY KEY, fk_user bigint NOT NULL REFERENCES %I.tb_user, title text NOT NULL, body text)', s, s);
        EXECUTE format('CREATE INDEX ON %I.tb_post (fk_user)', s);
        EXECUTE format('INSERT INTO %I.tb_user SELECT g, ''user '' || g FROM generate_series(1, 1000) g', s);
        EXECUTE format('INSERT INTO %I.tb_post SELECT g, 1 + (g - 1) / 100, ''title '' || g, repeat(''x'', 200) FROM generate_series(1, 100000) g', s);
        EXECUTE format('ANALYZE %I.tb_user; ANALYZE %I.tb_post', s, s);
    END LOOP;
END $$;

SELECT pg_tviews_create('maintained.tv_user', $q$
    SELECT u.pk_user, jsonb_build_object('name', u.name,
           'posts', (SELECT count(*) FROM maintained.tb_post p WHERE p.fk_user = u.pk_user)) AS data
      FROM maintained.tb_user u $q$);
SELECT pg_tviews_create('maintained.tv_post', $q$
    SELECT p.pk_post, p.fk_user, jsonb_build_object('title', p.title, 'author', u.name) AS data
      FROM maintained.tb_post p JOIN maintained.tb_user u ON u.pk_user = p.fk_user $q$);

-- Times n single statements in a loop (each fires its statement triggers), in microseconds each.
CREATE OR REPLACE FUNCTION pg_temp.time_statements(p_sql text, p_n int) RETURNS numeric
LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz; i int;
BEGIN
    FOR i IN 1 .. 50 LOOP EXECUTE p_sql USING i; END LOOP;          -- warm-up (plan caches)
    t0 := clock_timestamp();
    FOR i IN 1 .. p_n LOOP EXECUTE p_sql USING i; END LOOP;
    RETURN round(extract(epoch FROM clock_timestamp() - t0) * 1e6 / p_n, 1);
END $$;

WITH m AS (
    SELECT 'single-row child update (tb_post.title)' AS scenario,
           pg_temp.time_statements('UPDATE raw.tb_post SET title = ''t'' || $1 || random() WHERE pk_post = 1 + ($1 * 7919) % 100000', 3000) AS raw_us,
           pg_temp.time_statements('UPDATE maintained.tb_post SET title = ''t'' || $1 || random() WHERE pk_post = 1 + ($1 * 7919) % 100000', 3000) AS tview_us
    UNION ALL
    SELECT 'parent update fanning out to 100 posts (tb_user.name)',
           pg_temp.time_statements('UPDATE raw.tb_user SET name = ''u'' || $1 || random() WHERE pk_user = 1 + ($1 * 31) % 1000', 300),
           pg_temp.time_statements('UPDATE maintained.tb_user SET name = ''u'' || $1 || random() WHERE pk_user = 1 + ($1 * 31) % 1000', 300)
)
SELECT scenario, raw_us, tview_us, round(tview_us / raw_us, 2) AS ratio,
       CASE WHEN scenario LIKE 'parent%' THEN round((tview_us - raw_us) / 100, 1) END AS extra_us_per_dependent_row
  FROM m;

SELECT entity, missing_rows, extra_rows, differing_rows FROM pg_tviews_verify();

--! requires postgresql 18
-- Native regress/lineage/regress_virtual_generated_columns (PostgreSQL 18), the parts that hold here:
-- a DISTINCT ON key on a virtual generated column (GENERATED ALWAYS AS (...) without STORED), and a
-- STORED generated column as the control. The native file's other cases (a virtual column of a joined
-- table, two joins away, through a partitioned table, a join ON a virtual column, a join keyed by one,
-- a parent's column next to its virtual column, even the TVIEW's own table's virtual column next to
-- its input) leave the TVIEW stale or make the write fail here:
-- runtime bugs reported to the lead, reproduced by NativeKnownBugsTest (disabled).

-- DISTINCT ON a virtual column (ties on rev broken by the key: a tie left to the plan is refused)
CREATE TABLE tb_ver (pk_ver int PRIMARY KEY, raw text, code text GENERATED ALWAYS AS (upper(raw)), rev int, body text);
INSERT INTO tb_ver VALUES (1, 'a', default, 1, 'b1'), (2, 'a', default, 2, 'b2'), (3, 'b', default, 1, 'b3');
SELECT pg_tviews_create('ver', $$SELECT DISTINCT ON (v.code) v.pk_ver, v.code, v.body FROM tb_ver v ORDER BY v.code, v.rev DESC, v.pk_ver $$);
UPDATE tb_ver SET body = body || '!';
UPDATE tb_ver SET raw = 'c' WHERE pk_ver = 2;
--! expect 1|A|b1!
--! expect 2|C|b2!
--! expect 3|B|b3!
SELECT pk_ver, code, body FROM tv_ver ORDER BY 1;

-- control: a STORED generated column
CREATE TABLE tb_kiosk (pk_kiosk int PRIMARY KEY, name text, code text GENERATED ALWAYS AS (upper(name)) STORED);
CREATE TABLE tb_stand (pk_stand int PRIMARY KEY, fk_kiosk int);
INSERT INTO tb_kiosk VALUES (1, 'k');
INSERT INTO tb_stand VALUES (1, 1);
SELECT pg_tviews_create('stand', $$SELECT st.pk_stand, k.code FROM tb_stand st JOIN tb_kiosk k ON k.pk_kiosk = st.fk_kiosk $$);
UPDATE tb_kiosk SET name = 'k2';
--! expect K2
SELECT code FROM tv_stand;


-- Native regress/cascade/regress_aggregate_tviews: a summary entity with no table of its own, one row
-- per user who has orders (GROUP BY the orders' foreign key, which is the key). Native registers it
-- with pg_tviews_create_aggregate and a map of group columns; ours with pg_tviews_create, the key
-- being the grouped table column. A new group, an update inside one, an order moving between groups,
-- a group emptied, the joined user renamed, 300 seeded random writes, the group column renamed.

CREATE TABLE tb_user (pk_user bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id uuid DEFAULT gen_random_uuid() NOT NULL UNIQUE, name text);
CREATE TABLE tb_order (pk_order bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id uuid DEFAULT gen_random_uuid() NOT NULL UNIQUE,
    fk_user bigint NOT NULL REFERENCES tb_user (pk_user), total numeric NOT NULL);
INSERT INTO tb_user (name) SELECT 'u' || g FROM generate_series(1, 10) g;
INSERT INTO tb_order (fk_user, total) VALUES (1, 10), (1, 20), (2, 5);

--! expect created
SELECT pg_tviews_create('user_summary', $$
    SELECT o.fk_user AS pk_user_summary, u.id, jsonb_build_object('name', u.name, 'orders', count(*), 'total', sum(o.total)) AS data
    FROM tb_order o JOIN tb_user u ON u.pk_user = o.fk_user
    GROUP BY o.fk_user, u.id, u.name $$);
--! expect 2|30
SELECT (SELECT count(*) FROM tv_user_summary), data->>'total' FROM tv_user_summary WHERE pk_user_summary = 1;

INSERT INTO tb_order (fk_user, total) VALUES (3, 7);
UPDATE tb_order SET total = 25 WHERE pk_order = 2;
UPDATE tb_order SET fk_user = 2 WHERE pk_order = 1;
--! expect 1|1|25
--! expect 2|2|15
--! expect 3|1|7
SELECT pk_user_summary, data->>'orders', data->>'total' FROM tv_user_summary ORDER BY 1;
DELETE FROM tb_order WHERE fk_user = 3;
UPDATE tb_user SET name = 'renamed' WHERE pk_user = 2;
--! expect 2|renamed
SELECT (SELECT count(*) FROM tv_user_summary), data->>'name' FROM tv_user_summary WHERE pk_user_summary = 2;

-- native refusals of its aggregate function: a window over the groups, a computed key
--! expect created
SELECT pg_tviews_create('ranked_summary', $$
    SELECT o.fk_user AS pk_ranked_summary, jsonb_build_object('r', rank() OVER (ORDER BY o.fk_user)) AS data
    FROM tb_order o GROUP BY o.fk_user $$);
--! error 0A000
SELECT pg_tviews_create('bad_summary', $$SELECT o.fk_user + 0 AS pk_bad_summary, count(*) AS n FROM tb_order o GROUP BY o.fk_user $$);

SELECT setseed(0.58);
DO $$
DECLARE op int;
BEGIN
    FOR i IN 1..300 LOOP
        op := floor(random() * 4)::int;
        IF op = 0 THEN
            INSERT INTO tb_order (fk_user, total) VALUES (1 + floor(random() * 10)::int, round((random() * 100)::numeric, 2));
        ELSIF op = 1 THEN
            UPDATE tb_order SET total = round((random() * 100)::numeric, 2) WHERE pk_order = (SELECT pk_order FROM tb_order ORDER BY random() LIMIT 1);
        ELSIF op = 2 THEN
            UPDATE tb_order SET fk_user = 1 + floor(random() * 10)::int WHERE pk_order = (SELECT pk_order FROM tb_order ORDER BY random() LIMIT 1);
        ELSE
            DELETE FROM tb_order WHERE pk_order = (SELECT pk_order FROM tb_order ORDER BY random() LIMIT 1);
        END IF;
    END LOOP;
END $$;
--! expect t
SELECT (SELECT count(*) FROM tv_user_summary) = (SELECT count(DISTINCT fk_user) FROM tb_order);

-- the group column renamed: repaired by the health check, then followed (documented DDL rule)
ALTER TABLE tb_order RENAME COLUMN fk_user TO fk_customer;
SELECT count(*) FROM pg_tviews_health_check();
UPDATE tb_order SET fk_customer = 4 WHERE pk_order = (SELECT min(pk_order) FROM tb_order);
--! expect t
SELECT (SELECT count(*) FROM tv_user_summary) = (SELECT count(DISTINCT fk_customer) FROM tb_order);

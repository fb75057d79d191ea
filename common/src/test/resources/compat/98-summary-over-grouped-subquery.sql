-- Native test 98-unlogged-integration: a user summary joining a grouped subquery of orders
-- (count, sum, max of a timestamptz), new and updated orders, the table emptied behind the runtime's
-- back and rebuilt (native: pg_tviews_recover_after_crash; ours: pg_tviews_refresh), and switching the
-- table between UNLOGGED and LOGGED. Differences: the native key here is "pk_user AS id"; ours must be
-- named pk_* (42601 otherwise). Native tv_ tables are UNLOGGED by default (setting
-- pg_tviews.unlogged_by_default); ours are logged, and ALTER TABLE ... SET UNLOGGED is the user's choice.

CREATE TABLE test_users (pk_user bigint PRIMARY KEY, email text NOT NULL, name text NOT NULL, created_at timestamptz DEFAULT now());
CREATE TABLE test_orders (pk_order bigint PRIMARY KEY, fk_user bigint NOT NULL REFERENCES test_users, total_amount decimal(10,2) NOT NULL,
    status text NOT NULL DEFAULT 'pending', created_at timestamptz DEFAULT now());
INSERT INTO test_users VALUES (1, 'alice@example.com', 'Alice Johnson'), (2, 'bob@example.com', 'Bob Smith'), (3, 'carol@example.com', 'Carol Williams');
INSERT INTO test_orders VALUES (101, 1, 150.00, 'completed', '2025-01-01 10:00+00'), (102, 2, 75.50, 'pending', '2025-01-02 10:00+00'),
    (103, 1, 200.25, 'shipped', '2025-01-03 10:00+00');

--! error 42601
SELECT pg_tviews_create('user_summary', $$SELECT u.pk_user AS id, jsonb_build_object('name', u.name) AS data FROM test_users u$$);

--! expect created
SELECT pg_tviews_create('user_summary', $$
    SELECT u.pk_user AS pk_user_summary,
           jsonb_build_object('email', u.email, 'name', u.name, 'order_count', coalesce(stats.order_count, 0),
                              'total_spent', coalesce(stats.total_spent, 0.00), 'last_order', stats.last_order) AS data
    FROM test_users u
    LEFT JOIN (SELECT fk_user, count(*) AS order_count, sum(total_amount) AS total_spent, max(created_at) AS last_order
               FROM test_orders GROUP BY fk_user) stats ON stats.fk_user = u.pk_user $$);
--! expect 3|p
SELECT count(*), (SELECT relpersistence FROM pg_class WHERE oid = 'tv_user_summary'::regclass) FROM tv_user_summary;

INSERT INTO test_orders VALUES (104, 3, 50.00, 'pending', '2025-02-01 09:30+01');
UPDATE test_orders SET status = 'completed' WHERE pk_order = 102;
--! expect 1|50.00|2025-02-01T08:30:00+00:00
SELECT data->>'order_count', data->>'total_spent', data->>'last_order' FROM tv_user_summary WHERE pk_user_summary = 3;
UPDATE test_orders SET fk_user = 2 WHERE pk_order = 103;
--! expect 1|150.00
--! expect 2|275.75
--! expect 1|50.00
SELECT data->>'order_count', data->>'total_spent' FROM tv_user_summary ORDER BY pk_user_summary;

-- emptied behind the runtime's back and rebuilt, in one statement
DO $$
BEGIN
    TRUNCATE tv_user_summary;
    IF (SELECT count(*) FROM tv_user_summary) <> 0 THEN RAISE EXCEPTION 'not emptied'; END IF;
    PERFORM pg_tviews_refresh('user_summary');
END $$;
--! expect 3
SELECT count(*) FROM tv_user_summary;

ALTER TABLE tv_user_summary SET UNLOGGED;
DELETE FROM test_orders WHERE pk_order = 101;
--! expect u|0
SELECT (SELECT relpersistence FROM pg_class WHERE oid = 'tv_user_summary'::regclass), (data->>'order_count')::int FROM tv_user_summary WHERE pk_user_summary = 1;
ALTER TABLE tv_user_summary SET LOGGED;
INSERT INTO test_orders VALUES (105, 1, 10.00, 'pending', '2025-03-01 00:00+00');
--! expect p|1|3
SELECT (SELECT relpersistence FROM pg_class WHERE oid = 'tv_user_summary'::regclass), (data->>'order_count')::int, (SELECT count(*) FROM tv_user_summary)
FROM tv_user_summary WHERE pk_user_summary = 1;

-- the native second TVIEW: a filtered single row
--! expect created
SELECT pg_tviews_create('logged_test', $$SELECT pk_user AS pk_logged_test, jsonb_build_object('name', name) AS data FROM test_users WHERE pk_user = 1$$);
UPDATE test_users SET name = 'Alice J.' WHERE pk_user = 1;
--! expect 1|Alice J.
SELECT count(*), max(data->>'name') FROM tv_logged_test;
--! error 42883
SELECT pg_tviews_recover_after_crash('user_summary');

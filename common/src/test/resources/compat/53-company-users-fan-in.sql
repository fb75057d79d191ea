-- Native test 53 (batch optimisation): a company aggregating 50 users, then a second company with 3;
-- renaming each company rewrites its one row and keeps every user in the array. (The native test times
-- its batch path; we assert results only.)

CREATE TABLE tb_company (pk_company integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(), name text);
CREATE TABLE tb_user (pk_user integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
    fk_company integer REFERENCES tb_company (pk_company), name text);
INSERT INTO tb_company VALUES (1, gen_random_uuid(), 'TechCorp');
INSERT INTO tb_user SELECT i, gen_random_uuid(), 1, 'User ' || i FROM generate_series(1, 50) i;

--! expect created
SELECT pg_tviews_create('company', $$
    SELECT c.pk_company, c.id, c.name,
           jsonb_build_object('id', c.id, 'name', c.name,
               'users', coalesce(jsonb_agg(jsonb_build_object('id', u.id, 'name', u.name) ORDER BY u.pk_user)
                                 FILTER (WHERE u.pk_user IS NOT NULL), '[]'::jsonb)) AS data
    FROM tb_company c LEFT JOIN tb_user u ON u.fk_company = c.pk_company
    GROUP BY c.pk_company, c.id, c.name $$);

--! expect 50
SELECT jsonb_array_length(data->'users') FROM tv_company WHERE pk_company = 1;
UPDATE tb_company SET name = 'TechCorp Updated' WHERE pk_company = 1;
--! expect 50|TechCorp Updated
SELECT jsonb_array_length(data->'users'), data->>'name' FROM tv_company WHERE pk_company = 1;

INSERT INTO tb_company VALUES (2, gen_random_uuid(), 'SmallCo');
INSERT INTO tb_user VALUES (51, gen_random_uuid(), 2, 'Small User 1');
INSERT INTO tb_user VALUES (52, gen_random_uuid(), 2, 'Small User 2');
INSERT INTO tb_user VALUES (53, gen_random_uuid(), 2, 'Small User 3');
UPDATE tb_company SET name = 'SmallCo Updated' WHERE pk_company = 2;
--! expect 3|SmallCo Updated
SELECT jsonb_array_length(data->'users'), data->>'name' FROM tv_company WHERE pk_company = 2;

-- beyond the native test: every user of company 1 renamed in one statement, then moved
UPDATE tb_user SET name = name || '!' WHERE fk_company = 1;
--! expect 50
SELECT count(*) FROM tv_company, jsonb_array_elements(data->'users') e WHERE pk_company = 1 AND e->>'name' LIKE '%!';
UPDATE tb_user SET fk_company = 2 WHERE pk_user <= 10;
--! expect 1|40
--! expect 2|13
SELECT pk_company, jsonb_array_length(data->'users') FROM tv_company ORDER BY 1;

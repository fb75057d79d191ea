-- Native test 44 (end-to-end, company -> user -> post): each level embeds the one above through its
-- backing view; updates at each level, inserts, a delete, moving a user to another company, a bulk
-- company update. The post document carries a timestamptz (rendered with the TVIEW's fixed settings,
-- which the test harness also uses when reading the view).

CREATE TABLE tb_company (
    pk_company integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    name text NOT NULL, industry text, employee_count integer DEFAULT 0
);
CREATE TABLE tb_user (
    pk_user integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    fk_company integer NOT NULL REFERENCES tb_company (pk_company),
    name text NOT NULL, email text NOT NULL, role text DEFAULT 'member'
);
CREATE TABLE tb_post (
    pk_post integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    fk_user integer NOT NULL REFERENCES tb_user (pk_user),
    title text NOT NULL, content text, status text DEFAULT 'draft', view_count integer DEFAULT 0,
    created_at timestamptz DEFAULT now()
);
INSERT INTO tb_company (name, industry, employee_count) VALUES ('Acme Corp', 'Technology', 150), ('Globex Inc', 'Manufacturing', 500);
INSERT INTO tb_user (fk_company, name, email, role) VALUES
    (1, 'Alice Johnson', 'alice@acme.com', 'admin'), (1, 'Bob Smith', 'bob@acme.com', 'member'),
    (1, 'Carol White', 'carol@acme.com', 'member'), (2, 'David Brown', 'david@globex.com', 'admin');
INSERT INTO tb_post (fk_user, title, content, status, view_count) VALUES
    (1, 'Welcome to Acme', 'This is our first post', 'published', 100),
    (1, 'Q2 Updates', 'Quarterly updates here', 'published', 50),
    (2, 'Engineering Blog', 'Technical insights', 'draft', 5),
    (3, 'Design Patterns', 'UI/UX best practices', 'published', 75),
    (4, 'Manufacturing News', 'Latest from the floor', 'published', 30);

--! expect created
SELECT pg_tviews_create('company', $$
    SELECT pk_company, id, jsonb_build_object('id', id::text, 'name', name, 'industry', industry, 'employeeCount', employee_count) AS data
    FROM tb_company $$);
--! expect created
SELECT pg_tviews_create('user', $$
    SELECT u.pk_user, u.id, u.fk_company, c.id AS company_id,
           jsonb_build_object('id', u.id::text, 'name', u.name, 'email', u.email, 'role', u.role, 'company', c.data) AS data
    FROM tb_user u JOIN v_company c ON c.pk_company = u.fk_company $$);
--! expect created
SELECT pg_tviews_create('post', $$
    SELECT p.pk_post, p.id, p.fk_user, u.id AS user_id,
           jsonb_build_object('id', p.id::text, 'title', p.title, 'content', p.content, 'status', p.status,
                              'viewCount', p.view_count, 'createdAt', p.created_at, 'author', u.data) AS data
    FROM tb_post p JOIN v_user u ON u.pk_user = p.fk_user $$);

--! expect 2|4|5
SELECT (SELECT count(*) FROM tv_company), (SELECT count(*) FROM tv_user), (SELECT count(*) FROM tv_post);
--! expect Welcome to Acme|Alice Johnson|Acme Corp
SELECT data->>'title', data#>>'{author,name}', data#>>'{author,company,name}' FROM tv_post WHERE pk_post = 1;

UPDATE tb_company SET name = 'Acme Corporation' WHERE pk_company = 1;
--! expect Acme Corporation|3|4
SELECT (SELECT data->>'name' FROM tv_company WHERE pk_company = 1),
       (SELECT count(*) FROM tv_user WHERE data#>>'{company,name}' = 'Acme Corporation'),
       (SELECT count(*) FROM tv_post WHERE data#>>'{author,company,name}' = 'Acme Corporation');

UPDATE tb_user SET name = 'Alice J. Updated' WHERE pk_user = 1;
--! expect 1|Alice J. Updated
--! expect 2|Alice J. Updated
--! expect 3|Bob Smith
SELECT pk_post, data#>>'{author,name}' FROM tv_post WHERE fk_user IN (1, 2) ORDER BY pk_post;

-- a post edit rewrites no user and no company row
CREATE TEMP TABLE upper_versions AS
    SELECT 'u' || pk_user AS k, xmin::text AS v FROM tv_user UNION ALL SELECT 'c' || pk_company, xmin::text FROM tv_company;
UPDATE tb_post SET title = 'Updated Welcome', view_count = 999 WHERE pk_post = 1;
--! expect Updated Welcome|999
SELECT data->>'title', (data->>'viewCount')::int FROM tv_post WHERE pk_post = 1;
--! expect 0
SELECT count(*) FROM upper_versions b
WHERE b.v IS DISTINCT FROM (SELECT xmin::text FROM tv_user WHERE 'u' || pk_user = b.k UNION ALL SELECT xmin::text FROM tv_company WHERE 'c' || pk_company = b.k);

INSERT INTO tb_user (fk_company, name, email, role) VALUES (1, 'Eve Wilson', 'eve@acme.com', 'member');
--! expect Eve Wilson|Acme Corporation
SELECT data->>'name', data#>>'{company,name}' FROM tv_user WHERE data->>'email' = 'eve@acme.com';
INSERT INTO tb_post (fk_user, title, content, status) VALUES (5, 'First Post by Eve', 'Hello world', 'published');
--! expect First Post by Eve|Eve Wilson|Acme Corporation
SELECT data->>'title', data#>>'{author,name}', data#>>'{author,company,name}' FROM tv_post WHERE data->>'title' = 'First Post by Eve';

DELETE FROM tb_post WHERE pk_post = 5;
--! expect 0|1
SELECT (SELECT count(*) FROM tv_post WHERE pk_post = 5), (SELECT count(*) FROM tv_user WHERE pk_user = 4);

UPDATE tb_user SET fk_company = 2 WHERE pk_user = 2;
--! expect Bob Smith|Globex Inc
SELECT data->>'name', data#>>'{company,name}' FROM tv_user WHERE pk_user = 2;
--! expect Engineering Blog|Globex Inc
SELECT data->>'title', data#>>'{author,company,name}' FROM tv_post WHERE fk_user = 2;

UPDATE tb_company SET industry = 'Tech & Innovation', employee_count = 200 WHERE pk_company = 1;
--! expect 200|Tech & Innovation
SELECT (data->>'employeeCount')::int, data->>'industry' FROM tv_company WHERE pk_company = 1;
--! expect 4
SELECT count(*) FROM tv_post WHERE data#>>'{author,company,industry}' = 'Tech & Innovation';

-- each TVIEW reads the base tables under the v_ views it joins (native: pg_tview_meta.dependencies);
-- reading a v_ view is not reading the TVIEW, so reads_tviews stays empty
--! expect company|tb_company
--! expect post|tb_company,tb_post,tb_user
--! expect user|tb_company,tb_user
SELECT entity_name, string_agg(source_oid::regclass::text, ',' ORDER BY source_oid::regclass::text) FROM pg_tview_source GROUP BY 1 ORDER BY 1;
--! expect 0
SELECT count(*) FROM pg_tview_meta WHERE cardinality(reads_tviews) > 0;

-- The read model: tv_ tables that the tviews callback turns into TVIEWs after migrate.
CREATE TABLE tv_user (pk_user BIGINT PRIMARY KEY, data JSONB NOT NULL,
    created_at TIMESTAMP DEFAULT NOW(), updated_at TIMESTAMP DEFAULT NOW());
CREATE TABLE tv_post (pk_post BIGINT PRIMARY KEY, data JSONB NOT NULL,
    created_at TIMESTAMP DEFAULT NOW(), updated_at TIMESTAMP DEFAULT NOW());
CREATE TABLE tv_comment (pk_comment BIGINT PRIMARY KEY, data JSONB NOT NULL,
    created_at TIMESTAMP DEFAULT NOW(), updated_at TIMESTAMP DEFAULT NOW());

-- Issue 5: personal API tokens, per-user quota overrides (NULL = the global default) and retention.
ALTER TABLE users ADD COLUMN max_file_bytes bigint;
ALTER TABLE users ADD COLUMN max_active_jobs integer;
ALTER TABLE users ADD COLUMN max_storage_bytes bigint;
ALTER TABLE users ADD COLUMN uploads_per_minute integer;

CREATE TABLE api_tokens (
    id           uuid PRIMARY KEY,
    username     varchar(100) NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    name         varchar(100) NOT NULL,
    token_hash   char(64)     NOT NULL UNIQUE,
    created_at   timestamp with time zone NOT NULL,
    expires_at   timestamp with time zone NOT NULL,
    last_used_at timestamp with time zone
);

CREATE INDEX api_tokens_username ON api_tokens (username);

-- When retention deleted the job's file and result; the row stays with its state and figures.
ALTER TABLE jobs ADD COLUMN expired_at timestamp with time zone;

CREATE TABLE users (
    username      varchar(100) PRIMARY KEY,
    password_hash varchar(100) NOT NULL,
    role          varchar(20)  NOT NULL,
    enabled       boolean      NOT NULL DEFAULT true,
    created_at    timestamp with time zone NOT NULL
);

CREATE TABLE jobs (
    id               uuid PRIMARY KEY,
    owner            varchar(100)  NOT NULL,
    file_name        varchar(1024) NOT NULL,
    storage_key      varchar(200)  NOT NULL UNIQUE,
    size_bytes       bigint        NOT NULL,
    sha256           char(64)      NOT NULL,
    status           varchar(20)   NOT NULL,
    seq              bigint        NOT NULL,
    progress         double precision,
    bytes_read       bigint,
    records_read     bigint,
    bytes_per_second double precision,
    options          text          NOT NULL DEFAULT '{}',
    submitted_at     timestamp with time zone NOT NULL,
    started_at       timestamp with time zone,
    finished_at      timestamp with time zone,
    worker_id        varchar(200),
    error            text,
    result           jsonb,
    queued_at        timestamp with time zone NOT NULL,
    published_at     timestamp with time zone
);

CREATE INDEX jobs_owner_submitted ON jobs (owner, submitted_at DESC);
CREATE INDEX jobs_owner_status_submitted ON jobs (owner, status, submitted_at DESC);
CREATE INDEX jobs_unpublished ON jobs (queued_at) WHERE published_at IS NULL;

-- Chunks of big jobs analysed by several workers: one row per finished chunk of a run (a run is one cutting of the
-- job's file, named by the baseSeq of its chunk tasks), written once however often the chunk's report arrives.
CREATE TABLE job_chunks (
    job_id      uuid         NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    run         bigint       NOT NULL,
    chunk_index integer      NOT NULL,
    chunk_count integer      NOT NULL,
    bytes       bigint       NOT NULL,
    records     bigint       NOT NULL,
    worker_id   varchar(200),
    done_at     timestamp with time zone NOT NULL,
    PRIMARY KEY (job_id, run, chunk_index)
);

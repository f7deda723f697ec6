-- A job cut into chunk tasks holds no lease: the broker guards its pieces (each acked only when done), and a chunk
-- waiting behind other work must not make the stuck-job sweeper take the whole job away.
ALTER TABLE jobs ADD COLUMN chunked boolean NOT NULL DEFAULT false;

-- Fair dispatch (issue 7): accepted jobs wait unpublished (published_at NULL) until the dispatcher hands them to the
-- broker, round robin between their owners. H2 has no partial indexes: plain ones with the filtered columns first.

-- When each user last had a job dispatched: the user dispatched longest ago goes first.
CREATE TABLE dispatch_owners (
    owner              varchar(100) PRIMARY KEY,
    last_dispatched_at timestamp with time zone NOT NULL
);

-- The next waiting job of one owner (the dispatcher's claim, the queue position's rank).
CREATE INDEX jobs_waiting_by_owner ON jobs (status, owner, published_at, queued_at, id);
-- The latest finished jobs, whose durations estimate when a queued job starts.
CREATE INDEX jobs_finished ON jobs (status, finished_at);

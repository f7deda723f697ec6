-- Claim with a lease: a worker acks a job's message once the job has started, and from then on holds the job by a
-- lease that its heartbeats and the job's progress events renew; a gateway queues a job whose lease ran out again.
ALTER TABLE jobs ADD COLUMN attempts integer NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN lease_until timestamp with time zone;
ALTER TABLE jobs ADD COLUMN cancel_requested_at timestamp with time zone;

-- jobs running at the upgrade: their workers renew the lease with their next event, or lose it in 5 minutes
UPDATE jobs SET lease_until = DATEADD(MINUTE, 5, CURRENT_TIMESTAMP) WHERE status = 'PROCESSING';

CREATE INDEX jobs_status_lease ON jobs (status, lease_until);

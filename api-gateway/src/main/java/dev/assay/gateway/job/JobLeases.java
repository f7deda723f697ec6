package dev.assay.gateway.job;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import dev.assay.protocol.JobStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The leases of started jobs in the database: which ran out, and taking a job away from its silent worker. Each
 * change is one conditional UPDATE naming the state it expects, so when several gateways find the same expired
 * lease exactly one of them changes the job.
 */
@Repository
class JobLeases {

    private final JdbcClient jdbc;

    JobLeases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** PROCESSING jobs whose lease ran out before {@code now}, oldest lease first. */
    List<ExpiredLease> expired(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT id, owner, seq, attempts, worker_id, cancel_requested_at FROM jobs
                        WHERE status = 'PROCESSING' AND lease_until < :now ORDER BY lease_until LIMIT :limit""")
                .param("now", utc(now))
                .param("limit", limit)
                .query((rs, row) -> new ExpiredLease(rs.getObject("id", UUID.class), rs.getString("owner"),
                        rs.getLong("seq"), rs.getInt("attempts"), rs.getString("worker_id"),
                        rs.getObject("cancel_requested_at") != null))
                .list();
    }

    /**
     * Queues the job again as a new attempt at {@code newSeq}, to be published by the outbox; false when the job has
     * moved on meanwhile (an event renewed its lease, another gateway took it first).
     */
    boolean requeue(ExpiredLease job, long newSeq, Instant now) {
        return jdbc.sql("""
                        UPDATE jobs SET status = 'QUEUED', seq = :newSeq, attempts = attempts + 1, progress = NULL,
                            bytes_read = NULL, records_read = NULL, bytes_per_second = NULL, started_at = NULL,
                            worker_id = NULL, lease_until = NULL, queued_at = :now, published_at = NULL, chunked = false
                        WHERE id = :id AND seq = :seq AND status = 'PROCESSING' AND lease_until < :now""")
                .param("newSeq", newSeq)
                .param("now", utc(now))
                .param("id", job.id())
                .param("seq", job.seq())
                .update() > 0;
    }

    /**
     * Ends the job in a terminal state at {@code newSeq}; false when the job has moved on meanwhile.
     *
     * @param status FAILED or CANCELLED
     */
    boolean end(ExpiredLease job, JobStatus status, long newSeq, String error, Instant now) {
        if (status != JobStatus.FAILED && status != JobStatus.CANCELLED) {
            throw new IllegalArgumentException("not an end for a job whose lease ran out: " + status);
        }
        return jdbc.sql("""
                        UPDATE jobs SET status = :status, seq = :newSeq, finished_at = :now, error = :error,
                            lease_until = NULL
                        WHERE id = :id AND seq = :seq AND status = 'PROCESSING' AND lease_until < :now""")
                .param("status", status.name())
                .param("newSeq", newSeq)
                .param("now", utc(now))
                .param("error", error)
                .param("id", job.id())
                .param("seq", job.seq())
                .update() > 0;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * A started job whose lease ran out.
     *
     * @param attempts        how many times it was queued again this way before
     * @param workerId        the worker that held it
     * @param cancelRequested whether its owner asked to cancel it
     */
    record ExpiredLease(UUID id, String owner, long seq, int attempts, String workerId, boolean cancelRequested) {
    }
}

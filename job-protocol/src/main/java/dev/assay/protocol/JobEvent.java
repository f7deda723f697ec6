package dev.assay.protocol;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * A change of a job's state or progress. {@code seq} increases per job; a consumer ignores an event whose
 * {@code seq} is not newer than what it has, and a terminal state is never left.
 *
 * @param jobId          the job
 * @param owner          the job's owner, to whom the event is pushed
 * @param status         the state the job is in after this event
 * @param seq            per-job sequence number
 * @param progress       fraction of the input's bytes read, 0..1 (null when unknown)
 * @param bytesRead      bytes of the stored file read so far
 * @param recordsRead    records read so far
 * @param bytesPerSecond read rate since the job started
 * @param timestamp      when the event was made
 * @param workerId       the worker processing the job (null while QUEUED)
 * @param error          a reason a person understands, on FAILED
 * @param result         the analysis result, on COMPLETED only (stripped before pushing to browsers)
 * @param chunk          set when a worker finished one chunk of a chunked job; such an event is recorded per chunk by
 *                       the gateway (not applied by {@code seq}) and not pushed to browsers
 * @param partial        on some PROCESSING events: what the analysis found so far (records, top users, distinct
 *                       users, timeline; a few KB as JSON), pushed to browsers and not stored
 */
public record JobEvent(
        UUID jobId,
        String owner,
        JobStatus status,
        long seq,
        Double progress,
        Long bytesRead,
        Long recordsRead,
        Double bytesPerSecond,
        Instant timestamp,
        String workerId,
        String error,
        JsonNode result,
        ChunkReport chunk,
        JsonNode partial) implements ClusterMessage {

    /** An event of a job's state or progress. */
    public JobEvent(UUID jobId, String owner, JobStatus status, long seq, Double progress, Long bytesRead,
            Long recordsRead, Double bytesPerSecond, Instant timestamp, String workerId, String error,
            JsonNode result) {
        this(jobId, owner, status, seq, progress, bytesRead, recordsRead, bytesPerSecond, timestamp, workerId, error,
                result, null, null);
    }

    /** This event without its (possibly large) result, as pushed to browsers. */
    public JobEvent withoutResult() {
        return result == null ? this
                : new JobEvent(jobId, owner, status, seq, progress, bytesRead, recordsRead, bytesPerSecond,
                        timestamp, workerId, error, null, chunk, partial);
    }
}

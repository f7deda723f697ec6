package dev.assay.protocol;

import java.util.UUID;

/**
 * Broadcast to all workers on {@link Topology#CONTROL_EXCHANGE}: stop processing this job if you have it, and do
 * not start it if its request arrives later.
 *
 * @param jobId the job
 * @param seq   the job's {@code seq} when it was cancelled: a request with a {@code baseSeq} up to this one is not
 *              started; a later request (the user retried the job) is. Null (from older gateways): every request
 *              of the job that arrives while the cancel is remembered is dropped
 */
public record CancelJob(UUID jobId, Long seq) {

    /** Whether a request of the job, numbered from {@code baseSeq}, was made before this cancel. */
    public boolean covers(JobRequested request) {
        return request.jobId().equals(jobId) && (seq == null || request.baseSeq() <= seq);
    }
}

package dev.assay.gateway.job;

import java.util.UUID;

/**
 * Tells whoever is processing a job to stop: a {@code CancelJob} broadcast on {@code assay.control} in cluster
 * mode, the local worker pool in standalone mode. The worker that had the job reports CANCELLED itself.
 */
public interface JobCanceller {

    /**
     * Asks the workers to stop processing the job, and not to start a request of it made up to {@code seq};
     * harmless when no worker has it.
     *
     * @param jobId the job to stop
     * @param seq   the job's stored {@code seq}
     */
    void cancel(UUID jobId, long seq);
}

package dev.assay.gateway.job;

import java.util.UUID;

/**
 * Tells whoever is processing a job to stop: a {@code CancelJob} broadcast on {@code assay.control} in cluster
 * mode, the local worker pool in standalone mode. The worker that had the job reports CANCELLED itself.
 */
public interface JobCanceller {

    /**
     * Asks the workers to stop processing the job; harmless when no worker has it.
     *
     * @param jobId the job to stop
     */
    void cancel(UUID jobId);
}

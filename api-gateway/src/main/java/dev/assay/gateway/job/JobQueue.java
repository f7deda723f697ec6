package dev.assay.gateway.job;

import dev.assay.protocol.JobRequested;

/**
 * Where accepted jobs go to be processed: the RabbitMQ job queue in cluster mode, the in-process worker pool in
 * standalone mode.
 */
public interface JobQueue {

    /**
     * Hands a job to the workers. The job's row is already committed; an implementation that cannot deliver now
     * may throw, and the job is delivered later (by a later round of the {@link FairDispatcher}).
     *
     * @param request the job to process
     */
    void enqueue(JobRequested request);
}

package dev.assay.worker.chunk;

import dev.assay.protocol.JobRequested;

/** Where a worker that cuts a job into chunks publishes the chunk tasks: the job queue, like any job. */
@FunctionalInterface
public interface TaskPublisher {

    /**
     * Publishes one task and returns once it has been accepted (in a cluster: confirmed by the broker).
     *
     * @throws Exception if the task was not accepted; the job that was being cut is given back and cut again
     */
    void publish(JobRequested task) throws Exception;
}

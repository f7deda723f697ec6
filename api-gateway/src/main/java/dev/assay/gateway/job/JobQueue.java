package dev.assay.gateway.job;

import java.util.ArrayList;
import java.util.List;

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

    /**
     * Hands several jobs to the workers, in order, and says which ones were taken; those not taken are delivered
     * later. The default hands them over one at a time and stops at the first refusal, which it throws when nothing
     * was taken; a queue behind a network round trip does better.
     *
     * @return the requests taken, in their order
     */
    default List<JobRequested> enqueueAll(List<JobRequested> requests) {
        List<JobRequested> taken = new ArrayList<>(requests.size());
        for (JobRequested request : requests) {
            try {
                enqueue(request);
            } catch (RuntimeException e) {
                if (taken.isEmpty()) {
                    throw e;
                }
                break;
            }
            taken.add(request);
        }
        return taken;
    }
}

package dev.assay.protocol;

import java.time.Instant;

/**
 * Published by every worker every few seconds on the events fanout.
 *
 * @param workerId    unique per worker process
 * @param host        host name of the worker
 * @param concurrency consumer threads of the worker
 * @param activeJobs  jobs being processed now
 * @param jobsDone    jobs finished since the worker started
 * @param timestamp   when the heartbeat was sent
 */
public record WorkerHeartbeat(
        String workerId,
        String host,
        int concurrency,
        int activeJobs,
        long jobsDone,
        Instant timestamp) implements ClusterMessage {
}

package dev.assay.protocol;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Published by every worker every few seconds on the events fanout. It also renews the lease of each job the
 * worker runs: a gateway puts a job whose lease ran out back in the queue.
 *
 * @param workerId    unique per worker process
 * @param host        host name of the worker
 * @param concurrency consumer threads of the worker
 * @param activeJobs  jobs being processed now
 * @param jobsDone    jobs finished since the worker started
 * @param timestamp   when the heartbeat was sent
 * @param jobIds      the jobs being processed now (absent from heartbeats of older workers: empty)
 * @param interval    how often this worker sends heartbeats, so that a gateway knows when it has missed some
 *                    (absent from heartbeats of older workers: null, the gateway assumes its own setting)
 */
public record WorkerHeartbeat(
        String workerId,
        String host,
        int concurrency,
        int activeJobs,
        long jobsDone,
        Instant timestamp,
        List<UUID> jobIds,
        Duration interval) implements ClusterMessage {

    public WorkerHeartbeat {
        jobIds = jobIds == null ? List.of() : List.copyOf(jobIds);
    }

    /** A heartbeat that names no jobs (as older workers send). */
    public WorkerHeartbeat(String workerId, String host, int concurrency, int activeJobs, long jobsDone,
            Instant timestamp) {
        this(workerId, host, concurrency, activeJobs, jobsDone, timestamp, null, null);
    }
}

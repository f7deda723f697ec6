package dev.assay.gateway.cluster;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.assay.protocol.JobStatus;
import dev.assay.protocol.WorkerHeartbeat;

/**
 * The answer of {@code GET /api/cluster}.
 *
 * @param mode         {@code standalone} or {@code cluster}
 * @param workers      the workers heard from recently
 * @param queueDepth   jobs waiting for a worker; null while the broker cannot be asked
 * @param jobsByStatus jobs per state, every state listed
 */
public record ClusterView(String mode, List<Worker> workers, Long queueDepth, Map<JobStatus, Long> jobsByStatus) {

    /** One worker, as its last heartbeat describes it. */
    public record Worker(String workerId, String host, int concurrency, int activeJobs, long jobsDone,
            Instant lastHeartbeat) {

        static Worker of(WorkerHeartbeat heartbeat) {
            return new Worker(heartbeat.workerId(), heartbeat.host(), heartbeat.concurrency(), heartbeat.activeJobs(),
                    heartbeat.jobsDone(), heartbeat.timestamp());
        }
    }
}

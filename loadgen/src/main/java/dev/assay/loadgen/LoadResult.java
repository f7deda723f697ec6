package dev.assay.loadgen;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one load run, as written to the JSON report.
 *
 * @param label               the run's name
 * @param startedAt           wall-clock start
 * @param settings            the options that shape the load
 * @param jobsAccepted        uploads answered 202
 * @param jobsCompleted       jobs whose COMPLETED event reached the owner
 * @param jobsFailed          jobs that ended FAILED or CANCELLED
 * @param uploadErrors        uploads not answered 202 (or not answered at all)
 * @param lostEvents          terminal events that did not reach a connection of the job's owner
 * @param unfinishedJobs      accepted jobs without a terminal state at the end of the wait
 * @param foreignEvents       events delivered to a user who does not own the job
 * @param bytesUploaded       bytes of the accepted uploads
 * @param durationSeconds     from the first upload to the last terminal event
 * @param jobsPerSecond       completed jobs per second
 * @param megabytesPerSecond  MiB uploaded and analysed per second
 * @param eventsPushed        STOMP MESSAGE frames received by all connections
 * @param eventsPerSecond     of those, per second
 * @param connections         STOMP connections (one per user plus the idle dashboards)
 * @param uploadLatency       request sent → 202 received, ms
 * @param acceptedToQueued    202 → QUEUED pushed, ms
 * @param acceptedToStarted   202 → first PROCESSING pushed, ms
 * @param acceptedToCompleted 202 → COMPLETED pushed, ms
 * @param gatewayMaxRssMb     largest resident memory of the sampled gateway process, MiB (null when not sampled)
 * @param problems            the first problems found, in words
 * @param timeline            per finished job: seconds since start of its 202, and its latencies
 */
record LoadResult(String label, Instant startedAt, Map<String, Object> settings, int jobsAccepted,
        int jobsCompleted, int jobsFailed, int uploadErrors, int lostEvents, int unfinishedJobs, int foreignEvents,
        long bytesUploaded, double durationSeconds, double jobsPerSecond, double megabytesPerSecond,
        long eventsPushed, double eventsPerSecond, int connections, LatencyStats uploadLatency,
        LatencyStats acceptedToQueued, LatencyStats acceptedToStarted, LatencyStats acceptedToCompleted,
        Double gatewayMaxRssMb, List<String> problems, List<Point> timeline) {

    /** One job on the latency-over-time chart. */
    record Point(double acceptedAtSeconds, double startedMs, double completedMs) {
    }

    /** A run passes when every upload was accepted, every job completed and every terminal event was pushed. */
    boolean passed() {
        return uploadErrors == 0 && lostEvents == 0 && unfinishedJobs == 0 && foreignEvents == 0 && jobsFailed == 0
                && jobsCompleted == jobsAccepted;
    }
}

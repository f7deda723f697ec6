package dev.assay.worker.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.assay.protocol.JobEvent;
import dev.assay.protocol.JobStatus;
import dev.assay.worker.job.ActiveJobs;

/**
 * The worker's job metrics, tagged only by outcome ({@code COMPLETED}, {@code FAILED}, {@code CANCELLED}) so that
 * their number stays bounded whatever the jobs: jobs processed, processing time, bytes read and read rate, and the
 * jobs running now. Histogram buckets are fixed, so each histogram adds a dozen series, not hundreds.
 *
 * <p>Thread safe.
 */
public class JobMetrics {

    private static final Duration[] DURATION_BUCKETS = {
            Duration.ofMillis(50), Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
            Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30)};

    private static final double MB = 1024 * 1024;
    private static final double[] THROUGHPUT_BUCKETS = {
            MB, 5 * MB, 10 * MB, 25 * MB, 50 * MB, 100 * MB, 200 * MB, 400 * MB, 800 * MB};

    private final Map<JobStatus, Outcome> outcomes = new EnumMap<>(JobStatus.class);
    private final Counter bytesRead;
    private final DistributionSummary throughput;

    /**
     * Registers the metrics.
     *
     * @param registry   where they go
     * @param activeJobs the jobs running on this worker, read on each scrape
     */
    public JobMetrics(MeterRegistry registry, ActiveJobs activeJobs) {
        Gauge.builder("assay.worker.jobs.active", activeJobs, ActiveJobs::count)
                .description("Jobs this worker is processing now")
                .register(registry);
        for (JobStatus status : JobStatus.values()) {
            if (status.isTerminal()) {
                outcomes.put(status, new Outcome(registry, status));
            }
        }
        bytesRead = Counter.builder("assay.worker.job.read")
                .baseUnit("bytes")
                .description("Bytes of stored files read by finished jobs")
                .register(registry);
        throughput = DistributionSummary.builder("assay.worker.job.throughput")
                .baseUnit("bytes.per.second")
                .description("Read rate of each finished job that read anything")
                .serviceLevelObjectives(THROUGHPUT_BUCKETS)
                .register(registry);
    }

    /**
     * Records a job that reached its end on this worker.
     *
     * @param terminal the job's terminal event, as accepted by the broker
     * @param elapsed  how long the job took here, from its delivery to its terminal event
     */
    public void finished(JobEvent terminal, Duration elapsed) {
        Outcome outcome = outcomes.get(terminal.status());
        if (outcome == null) {
            throw new IllegalArgumentException("not a terminal event: " + terminal.status());
        }
        outcome.processed.increment();
        outcome.duration.record(elapsed);
        long bytes = terminal.bytesRead() == null ? 0 : terminal.bytesRead();
        bytesRead.increment(bytes);
        if (bytes > 0 && elapsed.toNanos() > 0) {
            throughput.record(bytes * 1e9 / elapsed.toNanos());
        }
    }

    private static final class Outcome {

        final Counter processed;
        final Timer duration;

        Outcome(MeterRegistry registry, JobStatus status) {
            processed = Counter.builder("assay.worker.jobs.processed")
                    .tag("outcome", status.name())
                    .description("Jobs this worker brought to an end, by outcome")
                    .register(registry);
            duration = Timer.builder("assay.worker.job.duration")
                    .tag("outcome", status.name())
                    .description("Time from a job's delivery to its terminal event")
                    .serviceLevelObjectives(DURATION_BUCKETS)
                    .register(registry);
        }
    }
}

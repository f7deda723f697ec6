package dev.assay.worker.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of a worker, under {@code assay.worker}.
 *
 * @param concurrency       consumer threads, each processing one job at a time ({@code ASSAY_WORKER_CONCURRENCY};
 *                          default: the number of processors)
 * @param heartbeatInterval time between two heartbeats
 * @param progressInterval  least time between two {@code PROCESSING} events of one job
 * @param partialInterval   least time between two {@code PROCESSING} events of one job that carry what the analysis
 *                          found so far ({@code partial}: top users, timeline), shown live on the job's page
 * @param confirmTimeout    how long to wait for the broker to confirm an event
 * @param shutdownTimeout   how long running jobs may take to finish when the worker stops; those still running
 *                          afterwards go back to the queue (keep it below
 *                          {@code spring.lifecycle.timeout-per-shutdown-phase})
 * @param retryBackoff      how long a job that could not be finished is held before it goes back to the queue, on
 *                          its first attempt; doubled on each further attempt, up to 15 s
 */
@ConfigurationProperties("assay.worker")
public record WorkerProperties(
        Integer concurrency,
        @DefaultValue("5s") Duration heartbeatInterval,
        @DefaultValue("250ms") Duration progressInterval,
        @DefaultValue("10s") Duration confirmTimeout,
        @DefaultValue("30s") Duration shutdownTimeout,
        @DefaultValue("500ms") Duration retryBackoff,
        @DefaultValue("2s") Duration partialInterval) {

    public WorkerProperties {
        if (concurrency == null) {
            concurrency = Runtime.getRuntime().availableProcessors();
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("assay.worker.concurrency must be at least 1, not " + concurrency);
        }
        requirePositive("heartbeat-interval", heartbeatInterval);
        requirePositive("confirm-timeout", confirmTimeout);
        requirePositive("shutdown-timeout", shutdownTimeout);
        requirePositive("partial-interval", partialInterval);
        if (progressInterval.isNegative() || retryBackoff.isNegative()) {
            throw new IllegalArgumentException(
                    "assay.worker.progress-interval and assay.worker.retry-backoff must not be negative");
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("assay.worker." + name + " must be positive, not " + value);
        }
    }
}

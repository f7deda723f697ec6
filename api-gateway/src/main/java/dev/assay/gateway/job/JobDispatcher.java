package dev.assay.gateway.job;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.assay.worker.job.JobMdc;

/**
 * Hands a committed QUEUED job to the {@link JobQueue} and records that it was published. A failure is logged and
 * left to the {@link OutboxRelay}: the row stays unpublished until a later attempt succeeds.
 */
@Component
class JobDispatcher {

    private static final Logger log = LoggerFactory.getLogger(JobDispatcher.class);

    private final JobQueue queue;
    private final JobRepository jobs;
    private final Clock clock;

    JobDispatcher(JobQueue queue, JobRepository jobs, Clock clock) {
        this.queue = queue;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Publishes the job's request; returns whether it reached the queue. */
    boolean dispatch(Job job) {
        try (JobMdc jobId = JobMdc.put(job.id())) {
            try {
                queue.enqueue(job.toRequest(clock.instant()));
            } catch (RuntimeException e) {
                log.warn("Job {} is kept and will be published later: {}", job.id(), e.getMessage());
                return false;
            }
            jobs.markPublished(job.id(), job.seq(), clock.instant());
            return true;
        }
    }
}

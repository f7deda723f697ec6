package dev.assay.gateway.job;

import java.time.Clock;
import java.time.Instant;

import dev.assay.gateway.cluster.BrokerContact;
import dev.assay.gateway.job.JobLeases.ExpiredLease;
import dev.assay.protocol.JobEvent;
import dev.assay.protocol.JobStatus;
import dev.assay.protocol.Topology;
import dev.assay.worker.job.JobProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Recovers started jobs whose worker stopped answering. A worker acks a job's message as soon as the job has started
 * and then holds the job by a lease, renewed by its heartbeats and the job's progress events; this sweeper, scheduled
 * in every gateway, finds PROCESSING jobs whose lease ran out and, with one conditional UPDATE per job (so exactly
 * one gateway wins), either
 * <ul>
 *   <li>queues the job again as a new attempt (status QUEUED, {@code published_at} NULL: the outbox publishes it),
 *       at a {@code seq} above anything the lost attempt could still publish, so its late events lose;</li>
 *   <li>ends it CANCELLED when its owner had asked to cancel it;</li>
 *   <li>or ends it FAILED with a reason once it was started {@code assay.recovery.max-attempts} times.</li>
 * </ul>
 * A gateway sweeps only once its connection to the broker has been open for a lease timeout: while it cannot hear
 * heartbeats, and until it could have heard a lease's worth of them, a worker's silence proves nothing, and a broker
 * outage alone must not take running jobs from their workers.
 * <p>
 * Standalone mode needs no sweeper: its workers live and die with the gateway, which takes unfinished jobs again at
 * start.
 */
@Component
@Profile("cluster")
class StuckJobSweeper {

    /**
     * How far a recovered job's {@code seq} jumps: beyond every event of every attempt a worker may make of the
     * request it was processing (each attempt numbers its events within {@link JobProcessor#SEQ_SPAN_PER_ATTEMPT},
     * and a worker makes at most {@link Topology#JOBS_DELIVERY_LIMIT} + 1 attempts of one request).
     */
    static final long SEQ_JUMP = (Topology.JOBS_DELIVERY_LIMIT + 1L) * JobProcessor.SEQ_SPAN_PER_ATTEMPT;

    private static final Logger log = LoggerFactory.getLogger(StuckJobSweeper.class);
    private static final int BATCH = 100;

    private final JobLeases leases;
    private final BrokerContact broker;
    private final EventBus events;
    private final RecoveryProperties recovery;
    private final Clock clock;

    StuckJobSweeper(JobLeases leases, BrokerContact broker, EventBus events, RecoveryProperties recovery,
            Clock clock) {
        this.leases = leases;
        this.broker = broker;
        this.events = events;
        this.recovery = recovery;
        this.clock = clock;
    }

    /** Recovers one batch of jobs whose lease ran out; returns how many this gateway recovered. */
    @Scheduled(fixedDelayString = "${assay.recovery.sweep-interval:5s}",
            initialDelayString = "${assay.recovery.sweep-interval:5s}")
    int sweep() {
        if (!broker.openFor(recovery.leaseTimeout())) {
            return 0;
        }
        Instant now = clock.instant();
        int recovered = 0;
        for (ExpiredLease job : leases.expired(now, BATCH)) {
            if (recover(job, now)) {
                recovered++;
            }
        }
        return recovered;
    }

    private boolean recover(ExpiredLease job, Instant now) {
        long newSeq = job.seq() + SEQ_JUMP;
        int started = job.attempts() + 1;
        if (job.cancelRequested()) {
            String reason = "Cancelled; its worker had stopped answering";
            return end(job, JobStatus.CANCELLED, newSeq, reason, now);
        }
        if (started >= recovery.maxAttempts()) {
            String reason = "The job was started " + started + " times and each time its worker stopped answering"
                    + " (no news for " + recovery.leaseTimeout().toSeconds() + " s); it is not tried again";
            return end(job, JobStatus.FAILED, newSeq, reason, now);
        }
        if (!leases.requeue(job, newSeq, now)) {
            return false;
        }
        log.warn("Job {}: worker {} stopped answering; queued again (attempt {} of {})", job.id(), job.workerId(),
                started + 1, recovery.maxAttempts());
        announce(job, JobStatus.QUEUED, newSeq, null, now);
        return true;
    }

    private boolean end(ExpiredLease job, JobStatus status, long newSeq, String reason, Instant now) {
        if (!leases.end(job, status, newSeq, reason, now)) {
            return false;
        }
        log.warn("Job {}: worker {} stopped answering; {}: {}", job.id(), job.workerId(), status, reason);
        announce(job, status, newSeq, reason, now);
        return true;
    }

    private void announce(ExpiredLease job, JobStatus status, long seq, String error, Instant now) {
        try {
            events.publish(new JobEvent(job.id(), job.owner(), status, seq, null, null, null, null, now, null, error,
                    null));
        } catch (RuntimeException e) {
            // the state is stored; only the live push is lost, and clients reload on reconnect
            log.warn("Job {}: {} could not be announced: {}", job.id(), status, e.getMessage());
        }
    }
}

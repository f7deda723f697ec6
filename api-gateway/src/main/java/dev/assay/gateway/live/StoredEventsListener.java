package dev.assay.gateway.live;

import java.time.Duration;
import java.util.function.Supplier;

import dev.assay.gateway.chunk.ChunkTracker;
import dev.assay.gateway.job.Job;
import dev.assay.gateway.job.JobCanceller;
import dev.assay.gateway.job.JobRepository;
import dev.assay.gateway.job.JobStateUpdater;
import dev.assay.protocol.JobEvent;
import dev.assay.protocol.JobStatus;
import dev.assay.protocol.Topology;
import dev.assay.protocol.WorkerHeartbeat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.annotation.RabbitHandler;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Consumes the shared {@code assay.events.store} queue, competing with the other gateway instances: persists each
 * job event idempotently, and renews the leases of the jobs a worker's heartbeat names. A failure to store throws,
 * so the broker redelivers the message, after a pause that grows while the failures go on ({@link EventStoreHealth},
 * which also reports them in the health endpoint).
 * <p>
 * Four consumers store events side by side, so that one commit's wait does not hold up the next event and the
 * dispatcher learns promptly that a job finished. Events of one job may then be stored out of order, as they may
 * with several gateways: each update applies only to an older {@code seq}, so a late event is ignored.
 * <p>
 * A PROCESSING event of a job that is already CANCELLED means a worker started it without hearing the cancel: the
 * cancel is broadcast again, so that the worker stops within moments.
 */
@Component
@Profile("cluster")
@RabbitListener(queues = Topology.EVENTS_STORE_QUEUE, concurrency = "4")
class StoredEventsListener {

    private static final Logger log = LoggerFactory.getLogger(StoredEventsListener.class);

    private final JobStateUpdater updater;
    private final ChunkTracker chunks;
    private final JobRepository jobs;
    private final JobCanceller canceller;
    private final EventStoreHealth health;

    StoredEventsListener(JobStateUpdater updater, ChunkTracker chunks, JobRepository jobs, JobCanceller canceller,
            EventStoreHealth health) {
        this.updater = updater;
        this.chunks = chunks;
        this.jobs = jobs;
        this.canceller = canceller;
        this.health = health;
    }

    @RabbitHandler
    void store(JobEvent event) {
        if (event.chunk() != null && !event.chunk().isCut()) {
            storing(() -> {
                chunks.record(event);
                return true;
            });
            return;
        }
        boolean applied = storing(() -> updater.apply(event));
        if (!applied && event.status() == JobStatus.PROCESSING) {
            cancelAgainIfCancelled(event);
        }
    }

    /** Heartbeats share the fanout with events: their job ids renew leases; the rest is not stored. */
    @RabbitHandler
    void renewLeases(WorkerHeartbeat heartbeat) {
        storing(() -> updater.renewLeases(heartbeat.workerId(), heartbeat.jobIds()));
    }

    private void cancelAgainIfCancelled(JobEvent event) {
        try {
            jobs.findById(event.jobId())
                    .filter(job -> job.status() == JobStatus.CANCELLED)
                    .ifPresent(job -> {
                        log.info("Job {} is CANCELLED but worker {} runs it: broadcasting the cancel again",
                                job.id(), event.workerId());
                        canceller.cancel(job.id(), job.seq());
                    });
        } catch (RuntimeException e) {
            log.warn("Job {}: the cancel could not be broadcast again: {}", event.jobId(), e.getMessage());
        }
    }

    private <T> T storing(Supplier<T> store) {
        try {
            T result = store.get();
            health.succeeded();
            return result;
        } catch (RuntimeException e) {
            Duration pause = health.failed(e);
            log.warn("An event could not be stored; it is given back in {} ms: {}", pause.toMillis(),
                    e.getMessage());
            pauseQuietly(pause);
            throw e;
        }
    }

    private static void pauseQuietly(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

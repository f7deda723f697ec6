package dev.assay.worker.messaging;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.assay.protocol.Topology;
import dev.assay.protocol.WorkerHeartbeat;
import dev.assay.worker.config.WorkerProperties;
import dev.assay.worker.job.ActiveJobs;
import dev.assay.worker.job.WorkerIdentity;

/**
 * Publishes a {@link WorkerHeartbeat} on {@code assay.events} as soon as the worker has started and then at a fixed
 * interval, naming the jobs running here so that their leases are renewed (a job whose lease runs out is queued again
 * by a gateway). It stops after the job consumers (a lower lifecycle phase), so the heartbeats keep telling that the
 * worker is alive while running jobs drain.
 */
@Component
class HeartbeatPublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatPublisher.class);

    private final RabbitTemplate rabbitTemplate;
    private final WorkerIdentity identity;
    private final ActiveJobs activeJobs;
    private final WorkerProperties properties;
    private final Clock clock = Clock.systemUTC();
    private ScheduledExecutorService scheduler;

    HeartbeatPublisher(RabbitTemplate rabbitTemplate, WorkerIdentity identity, ActiveJobs activeJobs,
            WorkerProperties properties) {
        this.rabbitTemplate = rabbitTemplate;
        this.identity = identity;
        this.activeJobs = activeJobs;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.heartbeatInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::beat, interval, interval, TimeUnit.MILLISECONDS);
        log.info("Worker {} on {} started with {} consumer threads", identity.workerId(), identity.host(),
                properties.concurrency());
    }

    /**
     * The first heartbeat, once the job and cancel consumers run: gateways dispatch nothing while no worker is live,
     * so this is what lets the first jobs reach the worker, and by then it hears every cancel.
     */
    @EventListener(ApplicationStartedEvent.class)
    synchronized void firstBeat() {
        if (scheduler != null) {
            scheduler.execute(this::beat);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    @Override
    public int getPhase() {
        return 0;
    }

    private void beat() {
        List<UUID> jobIds = activeJobs.jobIds();
        WorkerHeartbeat heartbeat = new WorkerHeartbeat(identity.workerId(), identity.host(),
                properties.concurrency(), jobIds.size(), activeJobs.jobsDone(), clock.instant(), jobIds,
                properties.heartbeatInterval());
        try {
            rabbitTemplate.convertAndSend(Topology.EVENTS_EXCHANGE, "", heartbeat);
        } catch (AmqpException e) {
            log.warn("Heartbeat not sent: {}", e.getMessage());
        }
    }
}

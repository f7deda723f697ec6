package dev.assay.gateway.live;

import dev.assay.gateway.chunk.ChunkTracker;
import dev.assay.gateway.job.JobStateUpdater;
import dev.assay.protocol.JobEvent;
import dev.assay.protocol.Topology;
import dev.assay.protocol.WorkerHeartbeat;
import org.springframework.amqp.rabbit.annotation.RabbitHandler;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Consumes the shared {@code assay.events.store} queue, competing with the other gateway instances: persists each
 * job event idempotently. A failure to persist throws, so the broker redelivers the event.
 */
@Component
@Profile("cluster")
@RabbitListener(queues = Topology.EVENTS_STORE_QUEUE)
class StoredEventsListener {

    private final JobStateUpdater updater;
    private final ChunkTracker chunks;

    StoredEventsListener(JobStateUpdater updater, ChunkTracker chunks) {
        this.updater = updater;
        this.chunks = chunks;
    }

    @RabbitHandler
    void store(JobEvent event) {
        if (event.chunk() != null) {
            chunks.record(event);
        } else {
            updater.apply(event);
        }
    }

    /** Heartbeats share the fanout with events; they are recorded from each instance's own queue, not stored. */
    @RabbitHandler
    void skip(WorkerHeartbeat heartbeat) {
        // acknowledged and dropped: nothing of a heartbeat is persisted
    }
}

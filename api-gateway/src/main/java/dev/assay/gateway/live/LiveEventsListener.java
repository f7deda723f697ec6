package dev.assay.gateway.live;

import dev.assay.gateway.cluster.WorkerRegistry;
import dev.assay.protocol.JobEvent;
import dev.assay.protocol.WorkerHeartbeat;
import org.springframework.amqp.rabbit.annotation.RabbitHandler;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Consumes this instance's queue on the events fanout: pushes each job event to its owner's browsers connected
 * here, and records worker heartbeats. One consumer, so that a job's events are pushed in the order they came.
 */
@Component
@Profile("cluster")
@RabbitListener(queues = "#{liveEventsQueue.name}", concurrency = "1")
class LiveEventsListener {

    private final LivePush livePush;
    private final WorkerRegistry workers;

    LiveEventsListener(LivePush livePush, WorkerRegistry workers) {
        this.livePush = livePush;
        this.workers = workers;
    }

    @RabbitHandler
    void push(JobEvent event) {
        // a chunk's report is bookkeeping for the gateway; the progress it causes comes as its own event
        if (event.chunk() == null || event.chunk().isCut()) {
            livePush.push(event);
        }
    }

    @RabbitHandler
    void heartbeat(WorkerHeartbeat heartbeat) {
        workers.record(heartbeat);
    }
}

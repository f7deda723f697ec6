package dev.assay.gateway.standalone;

import dev.assay.gateway.job.EventBus;
import dev.assay.gateway.job.JobStateUpdater;
import dev.assay.gateway.live.LivePush;
import dev.assay.protocol.JobEvent;
import dev.assay.worker.job.EventSink;

/**
 * Job events in one process: what the broker's two consumers do in a cluster (persist the event idempotently,
 * push it to the owner's browsers), done at once on the publishing thread. Serves both the gateway's
 * {@link EventBus} and the in-process workers' {@link EventSink}. An event that cannot be persisted throws, so the
 * worker treats it as not accepted.
 */
final class LocalEvents implements EventBus, EventSink {

    private final JobStateUpdater updater;
    private final LivePush livePush;

    LocalEvents(JobStateUpdater updater, LivePush livePush) {
        this.updater = updater;
        this.livePush = livePush;
    }

    @Override
    public void publish(JobEvent event) {
        updater.apply(event);
        livePush.push(event);
    }
}

package dev.assay.gateway.job;

import dev.assay.protocol.JobEvent;

/**
 * Announces a job event to every gateway instance, so that each persists and pushes it to the job's owner:
 * the {@code assay.events} fanout in cluster mode, in-process delivery in standalone mode.
 */
public interface EventBus {

    /**
     * Announces an event. The gateway itself publishes only the events it makes (QUEUED on accept, retry and
     * cancel-while-queued); workers publish the rest.
     *
     * @param event the event, with the job's new {@code seq}
     */
    void publish(JobEvent event);
}

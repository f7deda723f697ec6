package dev.assay.worker.job;

import dev.assay.protocol.JobEvent;

/** Where a {@link JobProcessor} sends the events of the jobs it processes. */
@FunctionalInterface
public interface EventSink {

    /**
     * Publishes one event and returns once it has been accepted: in a cluster, once the broker has confirmed it.
     *
     * @throws Exception if the event was not accepted; the caller decides whether to go on or give the job back
     */
    void publish(JobEvent event) throws Exception;
}

package dev.assay.gateway.cluster;

/**
 * How many jobs wait for a worker: the message count of the {@code assay.jobs} queue in cluster mode, the local
 * pool's queue in standalone mode.
 */
public interface JobBacklog {

    /** Jobs waiting to be picked up by a worker now. */
    long waitingJobs();
}

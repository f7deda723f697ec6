package dev.assay.gateway.cluster;

import java.util.OptionalLong;

/**
 * How many jobs wait for a worker: the message count of the {@code assay.jobs} queue in cluster mode, the local
 * pool's queue in standalone mode.
 */
public interface JobBacklog {

    /** Jobs waiting to be picked up by a worker now; empty when that cannot be told now (the broker is away). */
    OptionalLong waitingJobs();
}

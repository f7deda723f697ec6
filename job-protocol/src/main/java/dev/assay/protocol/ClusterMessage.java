package dev.assay.protocol;

/** Everything published on the {@link Topology#EVENTS_EXCHANGE} fanout. */
public sealed interface ClusterMessage permits JobEvent, WorkerHeartbeat {
}

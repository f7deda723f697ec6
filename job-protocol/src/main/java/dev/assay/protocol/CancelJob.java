package dev.assay.protocol;

import java.util.UUID;

/** Broadcast to all workers on {@link Topology#CONTROL_EXCHANGE}: stop processing this job if you have it. */
public record CancelJob(UUID jobId) {
}

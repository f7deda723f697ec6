package dev.assay.gateway.job;

import java.util.UUID;

import dev.assay.protocol.JobStatus;

/**
 * Published (as a Spring application event) when a job reached a terminal state here: its place in flight is free.
 *
 * @param jobId  the job
 * @param status its terminal state
 */
public record JobFinished(UUID jobId, JobStatus status) {
}

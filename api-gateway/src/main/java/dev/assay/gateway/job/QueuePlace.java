package dev.assay.gateway.job;

import java.time.Instant;

/**
 * Where a QUEUED job stands in line.
 *
 * @param position         1-based among the jobs that start before it under the fair order (those already
 *                         dispatched to the workers first); null when the job is not QUEUED
 * @param estimatedStartAt when it should start, from the recent mean job duration and the workers' concurrency; null
 *                         when not QUEUED or unknown (no job completed yet, no worker seen)
 * @param workersOnline    whether any worker has reported in recently; when none has, a QUEUED job waits until one
 *                         starts (jobs are dispatched only to live workers); null when not QUEUED
 */
public record QueuePlace(Integer position, Instant estimatedStartAt, Boolean workersOnline) {

    /** The place of a job that is not waiting. */
    public static final QueuePlace NONE = new QueuePlace(null, null, null);
}

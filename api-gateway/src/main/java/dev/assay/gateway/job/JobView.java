package dev.assay.gateway.job;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.assay.protocol.JobStatus;

/**
 * A job as clients see it (the Job JSON of the HTTP contract): no storage key. {@code expired} is true once retention
 * has deleted its file and result; a QUEUED job has its place in line ({@link QueuePlace}).
 */
public record JobView(
        UUID id,
        String owner,
        String fileName,
        long sizeBytes,
        String sha256,
        JobStatus status,
        Double progress,
        Long bytesRead,
        Long recordsRead,
        Double bytesPerSecond,
        long seq,
        Instant submittedAt,
        Instant startedAt,
        Instant finishedAt,
        String error,
        String workerId,
        Map<String, String> options,
        boolean expired,
        Integer queuePosition,
        Instant estimatedStartAt,
        Boolean workersOnline) {

    /** The client's view of a stored job, without its place in line. */
    public static JobView of(Job job) {
        return of(job, QueuePlace.NONE);
    }

    /** The client's view of a stored job and its place in line. */
    public static JobView of(Job job, QueuePlace place) {
        return new JobView(job.id(), job.owner(), job.fileName(), job.sizeBytes(), job.sha256(), job.status(),
                job.progress(), job.bytesRead(), job.recordsRead(), job.bytesPerSecond(), job.seq(), job.submittedAt(),
                job.startedAt(), job.finishedAt(), job.error(), job.workerId(), job.options(), job.expired(),
                place.position(), place.estimatedStartAt(), place.workersOnline());
    }
}

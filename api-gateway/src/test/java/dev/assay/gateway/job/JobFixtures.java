package dev.assay.gateway.job;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import dev.assay.protocol.JobEvent;
import dev.assay.protocol.JobStatus;
import tools.jackson.databind.JsonNode;

/** Builders of jobs and events that read like the test's sentence. */
final class JobFixtures {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private JobFixtures() {
    }

    static Job aQueuedJob(String owner) {
        return aQueuedJob(owner, T0);
    }

    static Job aQueuedJob(String owner, Instant submittedAt) {
        UUID id = UUID.randomUUID();
        return new Job(id, owner, "events.csv", "2026/12/01/" + id, 1234, "ab".repeat(32), JobStatus.QUEUED, 1,
                null, null, null, null, Map.of("delimiter", ","), submittedAt, null, null, null, null, submittedAt,
                null);
    }

    static JobEvent processing(Job job, long seq, double progress) {
        return new JobEvent(job.id(), job.owner(), JobStatus.PROCESSING, seq, progress, (long) (progress * 1234),
                10L * seq, 1000.0, T0.plus(seq, ChronoUnit.SECONDS), "worker-1", null, null);
    }

    static JobEvent completed(Job job, long seq, JsonNode result) {
        return new JobEvent(job.id(), job.owner(), JobStatus.COMPLETED, seq, 1.0, 1234L, 100L, 1000.0,
                T0.plus(seq, ChronoUnit.SECONDS), "worker-1", null, result);
    }

    static JobEvent failed(Job job, long seq, String error) {
        return new JobEvent(job.id(), job.owner(), JobStatus.FAILED, seq, null, null, null, null,
                T0.plus(seq, ChronoUnit.SECONDS), "worker-1", error, null);
    }
}

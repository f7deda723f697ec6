package dev.assay.worker.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.assay.protocol.CancelJob;
import dev.assay.protocol.JobRequested;

class CancelledJobsTest {

    private final MutableClock clock = new MutableClock();
    private final CancelledJobs cancelled = new CancelledJobs(3, Duration.ofMinutes(10), clock);

    @Test
    void coversTheRequestsOfACancelledJobMadeUpToTheCancelledSeq() {
        UUID jobId = UUID.randomUUID();
        cancelled.remember(new CancelJob(jobId, 4L));

        assertThat(cancelled.covers(request(jobId, 3))).isTrue();
        assertThat(cancelled.covers(request(jobId, 4))).isTrue();
        assertThat(cancelled.covers(request(jobId, 6))).as("a retry after the cancel").isFalse();
        assertThat(cancelled.covers(request(UUID.randomUUID(), 1))).isFalse();
    }

    @Test
    void aCancelWithoutSeqCoversEveryRequestOfTheJob() {
        UUID jobId = UUID.randomUUID();
        cancelled.remember(new CancelJob(jobId, null));

        assertThat(cancelled.covers(request(jobId, 1_000_000))).isTrue();
    }

    @Test
    void forgetsACancelAfterItsTimeToLive() {
        UUID jobId = UUID.randomUUID();
        cancelled.remember(new CancelJob(jobId, 1L));

        clock.advance(Duration.ofMinutes(10).minusMillis(1));
        assertThat(cancelled.covers(request(jobId, 1))).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(cancelled.covers(request(jobId, 1))).isFalse();
        assertThat(cancelled.size()).isZero();
    }

    @Test
    void keepsAtMostItsCapacityForgettingTheOldestFirst() {
        UUID oldest = UUID.randomUUID();
        cancelled.remember(new CancelJob(oldest, 1L));
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(1));
            cancelled.remember(new CancelJob(UUID.randomUUID(), 1L));
        }

        assertThat(cancelled.size()).isEqualTo(3);
        assertThat(cancelled.covers(request(oldest, 1))).isFalse();
    }

    private static JobRequested request(UUID jobId, long baseSeq) {
        return new JobRequested(jobId, "alice", "key", "a.csv", 10, Map.of(), baseSeq, Instant.now());
    }
}

package dev.assay.worker.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.assay.worker.job.ActiveJobs.ActiveJob;

class ActiveJobsTest {

    private final ActiveJobs activeJobs = new ActiveJobs();
    private final UUID jobId = UUID.randomUUID();

    @Test
    void refusesToStartAJobThatIsAlreadyActive() {
        assertThat(activeJobs.start(jobId)).isPresent();

        assertThat(activeJobs.start(jobId)).isEmpty();
        assertThat(activeJobs.count()).isEqualTo(1);
    }

    @Test
    void startsAJobAgainOnceItsFirstRunEnded() {
        activeJobs.start(jobId).orElseThrow().close();

        assertThat(activeJobs.start(jobId)).isPresent();
    }

    @Test
    void cancelFlipsTheFlagOfTheRunningJobOnly() {
        ActiveJob job = activeJobs.start(jobId).orElseThrow();

        assertThat(activeJobs.cancel(UUID.randomUUID())).isFalse();
        assertThat(job.isCancelled()).isFalse();
        assertThat(activeJobs.cancel(jobId)).isTrue();
        assertThat(job.isCancelled()).isTrue();
    }

    @Test
    void countsOnlyJobsThatReachedATerminalStateAsDone() {
        activeJobs.start(jobId).orElseThrow().close();
        ActiveJob finished = activeJobs.start(UUID.randomUUID()).orElseThrow();
        finished.markDone();
        finished.close();

        assertThat(activeJobs.jobsDone()).isEqualTo(1);
        assertThat(activeJobs.count()).isZero();
    }
}

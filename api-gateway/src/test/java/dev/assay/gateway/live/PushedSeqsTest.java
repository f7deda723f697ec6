package dev.assay.gateway.live;

import static dev.assay.protocol.JobStatus.COMPLETED;
import static dev.assay.protocol.JobStatus.PROCESSING;
import static dev.assay.protocol.JobStatus.QUEUED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class PushedSeqsTest {

    private final UUID job = UUID.randomUUID();

    @Test
    void anEventIsNewOnlyWhenItsSeqIsAboveTheNewestPushedForItsJob() {
        PushedSeqs seqs = new PushedSeqs(10);

        assertThat(seqs.isNew(job, 2, PROCESSING)).isTrue();
        assertThat(seqs.isNew(job, 2, PROCESSING)).as("the same event delivered again").isFalse();
        assertThat(seqs.isNew(job, 1, QUEUED)).as("an older event arriving late").isFalse();
        assertThat(seqs.isNew(job, 3, PROCESSING)).isTrue();
        assertThat(seqs.isNew(UUID.randomUUID(), 1, QUEUED)).as("another job").isTrue();
    }

    @Test
    void afterTheEndOnlyARetryReopensTheJob() {
        PushedSeqs seqs = new PushedSeqs(10);
        seqs.isNew(job, 2, PROCESSING);
        assertThat(seqs.isNew(job, 3, COMPLETED)).isTrue();

        assertThat(seqs.isNew(job, 1_000_002, PROCESSING)).as("a second run after a redelivery").isFalse();
        assertThat(seqs.isNew(job, 1_000_003, COMPLETED)).as("its result").isFalse();
        assertThat(seqs.isNew(job, 4, QUEUED)).as("the owner's retry, one above the stored end").isTrue();
        assertThat(seqs.isNew(job, 5, PROCESSING)).isTrue();
    }

    @Test
    void forgetsTheLeastRecentlyPushedJobsBeyondItsCapacity() {
        PushedSeqs seqs = new PushedSeqs(2);
        UUID second = UUID.randomUUID();
        seqs.isNew(job, 5, PROCESSING);
        seqs.isNew(second, 5, PROCESSING);
        seqs.isNew(UUID.randomUUID(), 5, PROCESSING);

        assertThat(seqs.isNew(second, 5, PROCESSING)).as("still remembered").isFalse();
        assertThat(seqs.isNew(job, 5, PROCESSING)).as("forgotten, so pushed again").isTrue();
    }
}

package dev.assay.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class PushedSeqsTest {

    private final UUID job = UUID.randomUUID();

    @Test
    void anEventIsNewOnlyWhenItsSeqIsAboveTheNewestPushedForItsJob() {
        PushedSeqs seqs = new PushedSeqs(10);

        assertThat(seqs.isNew(job, 2)).isTrue();
        assertThat(seqs.isNew(job, 2)).as("the same event delivered again").isFalse();
        assertThat(seqs.isNew(job, 1)).as("an older event arriving late").isFalse();
        assertThat(seqs.isNew(job, 3)).isTrue();
        assertThat(seqs.isNew(UUID.randomUUID(), 1)).as("another job").isTrue();
    }

    @Test
    void forgetsTheLeastRecentlyPushedJobsBeyondItsCapacity() {
        PushedSeqs seqs = new PushedSeqs(2);
        UUID second = UUID.randomUUID();
        seqs.isNew(job, 5);
        seqs.isNew(second, 5);
        seqs.isNew(UUID.randomUUID(), 5);

        assertThat(seqs.isNew(second, 5)).as("still remembered").isFalse();
        assertThat(seqs.isNew(job, 5)).as("forgotten, so pushed again").isTrue();
    }
}

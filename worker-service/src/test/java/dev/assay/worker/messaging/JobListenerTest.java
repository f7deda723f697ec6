package dev.assay.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class JobListenerTest {

    @Test
    void backsOffLongerWithEachAttemptUpToACap() {
        assertThat(JobListener.backoff(0)).isEqualTo(Duration.ofMillis(500));
        assertThat(JobListener.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(JobListener.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(JobListener.backoff(5)).isEqualTo(Duration.ofSeconds(15));
        assertThat(JobListener.backoff(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(15));
    }
}

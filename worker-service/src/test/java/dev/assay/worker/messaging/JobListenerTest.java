package dev.assay.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class JobListenerTest {

    @Test
    void backsOffLongerWithEachAttemptUpToACap() {
        Duration first = Duration.ofMillis(500);

        assertThat(JobListener.backoff(first, 0)).isEqualTo(Duration.ofMillis(500));
        assertThat(JobListener.backoff(first, 1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(JobListener.backoff(first, 3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(JobListener.backoff(first, 5)).isEqualTo(Duration.ofSeconds(15));
        assertThat(JobListener.backoff(first, Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(15));
        assertThat(JobListener.backoff(Duration.ZERO, 3)).isEqualTo(Duration.ZERO);
    }
}

package dev.assay.gateway.job;

import static dev.assay.protocol.JobStatus.CANCELLED;
import static dev.assay.protocol.JobStatus.COMPLETED;
import static dev.assay.protocol.JobStatus.FAILED;
import static dev.assay.protocol.JobStatus.PROCESSING;
import static dev.assay.protocol.JobStatus.QUEUED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.protocol.JobStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JobTransitionsTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
        "QUEUED,     QUEUED,     false",
        "QUEUED,     PROCESSING, true",
        "QUEUED,     COMPLETED,  true",
        "QUEUED,     FAILED,     true",
        "QUEUED,     CANCELLED,  true",
        "PROCESSING, QUEUED,     false",
        "PROCESSING, PROCESSING, true",
        "PROCESSING, COMPLETED,  true",
        "PROCESSING, FAILED,     true",
        "PROCESSING, CANCELLED,  true",
        "COMPLETED,  QUEUED,     false",
        "COMPLETED,  PROCESSING, false",
        "COMPLETED,  COMPLETED,  false",
        "COMPLETED,  FAILED,     false",
        "COMPLETED,  CANCELLED,  false",
        "FAILED,     QUEUED,     true",
        "FAILED,     PROCESSING, false",
        "FAILED,     COMPLETED,  false",
        "FAILED,     FAILED,     false",
        "FAILED,     CANCELLED,  false",
        "CANCELLED,  QUEUED,     true",
        "CANCELLED,  PROCESSING, false",
        "CANCELLED,  COMPLETED,  false",
        "CANCELLED,  FAILED,     false",
        "CANCELLED,  CANCELLED,  false",
    })
    void allowsExactlyTheTransitionsOfTheLifecycle(JobStatus from, JobStatus to, boolean allowed) {
        assertThat(JobTransitions.isAllowed(from, to)).isEqualTo(allowed);
        assertThat(JobTransitions.sourcesOf(to).contains(from)).isEqualTo(allowed);
    }

    @Test
    void eventsNeverLeaveATerminalState() {
        for (JobStatus to : JobStatus.values()) {
            assertThat(JobTransitions.eventSourcesOf(to)).noneMatch(JobStatus::isTerminal);
        }
        assertThat(JobTransitions.eventSourcesOf(QUEUED)).isEmpty();
        assertThat(JobTransitions.eventSourcesOf(COMPLETED)).containsExactlyInAnyOrder(QUEUED, PROCESSING);
        assertThat(JobTransitions.sourcesOf(QUEUED)).containsExactlyInAnyOrder(FAILED, CANCELLED);
    }
}

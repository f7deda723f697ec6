package dev.assay.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class JobRecordTest {

    private final JobRecord job = new JobRecord(UUID.randomUUID());

    @Test
    void stagesAreTimedByTheFirstEventOnThePrimaryConnection() {
        job.event("ann", "ann/dashboard", true, "QUEUED", null, 5);
        job.accepted("ann", 1024, 1, 10);
        job.event("ann", "ann/dashboard", true, "PROCESSING", null, 20);
        job.event("ann", "ann/dashboard", true, "PROCESSING", null, 30);
        job.event("ann", "ann/dashboard", true, "COMPLETED", null, 40);

        assertThat(job.isAccepted()).isTrue();
        assertThat(job.queuedNanos()).as("an event may overtake the 202").isEqualTo(5);
        assertThat(job.startedNanos()).isEqualTo(20);
        assertThat(job.finishedNanos()).isEqualTo(40);
        assertThat(job.terminalStatus()).isEqualTo("COMPLETED");
    }

    @Test
    void idleDashboardsCountForDeliveryButNotForTiming() {
        job.accepted("ann", 1024, 1, 10);
        job.event("ann", "ann/idle0", false, "COMPLETED", null, 15);

        assertThat(job.hasTerminalOn("ann/idle0")).isTrue();
        assertThat(job.hasTerminalOn("ann/dashboard")).isFalse();
        assertThat(job.finishedNanos()).isZero();
    }

    @Test
    void aLaterTerminalEventDoesNotReplaceTheFirst() {
        job.accepted("ann", 1024, 1, 10);
        job.event("ann", "ann/dashboard", true, "FAILED", "unreadable", 20);
        job.event("ann", "ann/dashboard", true, "COMPLETED", null, 30);

        assertThat(job.terminalStatus()).isEqualTo("FAILED");
        assertThat(job.error()).isEqualTo("unreadable");
        assertThat(job.finishedNanos()).isEqualTo(20);
    }

    @Test
    void eventsPushedToAnotherUserAreReported() {
        job.accepted("ann", 1024, 1, 10);
        job.event("ann", "ann/dashboard", true, "QUEUED", null, 11);
        job.event("bob", "bob/dashboard", true, "QUEUED", null, 12);

        assertThat(job.foreignReceivers()).containsExactly("bob");
    }
}

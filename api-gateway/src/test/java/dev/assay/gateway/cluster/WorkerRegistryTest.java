package dev.assay.gateway.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import dev.assay.protocol.WorkerHeartbeat;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerRegistryTest {

    private static final Instant START = Instant.parse("2026-12-03T10:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final WorkerRegistry registry =
            new WorkerRegistry(new ClusterProperties(Duration.ofSeconds(5), Duration.ofSeconds(10)), clock);

    @Test
    void aWorkerIsListedAsItsLatestHeartbeatDescribesIt() {
        registry.record(heartbeat("worker-a", 0, 0));
        clock.advance(Duration.ofSeconds(5));
        registry.record(heartbeat("worker-a", 2, 7));

        assertThat(registry.liveWorkers()).singleElement().satisfies(worker -> {
            assertThat(worker.activeJobs()).isEqualTo(2);
            assertThat(worker.jobsDone()).isEqualTo(7);
        });
    }

    @Test
    void aWorkerIsListedUntilItMissedThreeHeartbeatsAndForgottenAfterwards() {
        registry.record(heartbeat("worker-a", 0, 0));

        clock.advance(Duration.ofSeconds(15));
        assertThat(registry.liveWorkers()).extracting(WorkerHeartbeat::workerId).containsExactly("worker-a");

        clock.advance(Duration.ofMillis(1));
        assertThat(registry.liveWorkers()).isEmpty();
    }

    @Test
    void aWorkerThatNamesItsIntervalIsForgottenAfterMissingThreeOfItsOwnHeartbeats() {
        registry.record(new WorkerHeartbeat("slow", "host", 1, 0, 0, clock.instant(), null, Duration.ofSeconds(20)));

        clock.advance(Duration.ofSeconds(60));
        assertThat(registry.liveWorkers()).as("listed between its beats, though this gateway's interval is 5 s")
                .extracting(WorkerHeartbeat::workerId).containsExactly("slow");

        clock.advance(Duration.ofMillis(1));
        assertThat(registry.liveWorkers()).isEmpty();
    }

    @Test
    void aForgottenWorkerThatBeatsAgainIsListedAgain() {
        registry.record(heartbeat("worker-a", 0, 0));
        clock.advance(Duration.ofMinutes(1));
        assertThat(registry.liveWorkers()).isEmpty();

        registry.record(heartbeat("worker-a", 1, 3));

        assertThat(registry.liveWorkers()).extracting(WorkerHeartbeat::workerId).containsExactly("worker-a");
    }

    @Test
    void workersAreListedByIdAndEachAgesOnItsOwn() {
        registry.record(heartbeat("worker-c", 0, 0));
        clock.advance(Duration.ofSeconds(10));
        registry.record(heartbeat("worker-b", 0, 0));
        registry.record(heartbeat("worker-a", 0, 0));
        assertThat(registry.liveWorkers()).extracting(WorkerHeartbeat::workerId)
                .containsExactly("worker-a", "worker-b", "worker-c");

        clock.advance(Duration.ofSeconds(10));

        assertThat(registry.liveWorkers()).extracting(WorkerHeartbeat::workerId)
                .containsExactly("worker-a", "worker-b");
    }

    @Test
    void theAgeOfAHeartbeatIsMeasuredByTheGatewaysClockNotTheWorkers() {
        registry.record(new WorkerHeartbeat("skewed", "host", 1, 0, 0, START.minus(Duration.ofHours(1)), null, null));

        assertThat(registry.liveWorkers()).extracting(WorkerHeartbeat::workerId).containsExactly("skewed");
    }

    private WorkerHeartbeat heartbeat(String workerId, int activeJobs, long jobsDone) {
        return new WorkerHeartbeat(workerId, "host-of-" + workerId, 2, activeJobs, jobsDone, clock.instant(), null,
                null);
    }

    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

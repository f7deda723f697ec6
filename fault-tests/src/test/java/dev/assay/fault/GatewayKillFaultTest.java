package dev.assay.fault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.assay.protocol.JobStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.assay.fault.AssayCluster.ALICE;
import static dev.assay.fault.AssayCluster.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Issue 6, fault 3: one gateway of two is killed with {@code kill -9} while jobs run. */
class GatewayKillFaultTest {

    private static AssayCluster cluster;
    private static List<Path> files;

    @BeforeAll
    static void startCluster() {
        cluster = AssayCluster.start("gateway-kill", 2, 2,
                () -> files = FaultFiles.eventLogs("fault-files/gateway-kill", 30, 15_000));
    }

    @AfterAll
    static void stopCluster() {
        AssayCluster.closeQuietly(cluster);
    }

    @Test
    void everyJobCompletesAndTheOtherGatewaysLiveClientsGetEveryJobsEventsWhenAGatewayIsKilledMidRun()
            throws Exception {
        FaultReport report = new FaultReport("gateway-kill");
        AssayCluster.Gateway doomed = cluster.gateway(1);
        AssayCluster.Gateway survivor = cluster.gateway(2);
        try (LiveEvents aliceOnSurvivor = survivor.live(ALICE); LiveEvents bobOnSurvivor = survivor.live(BOB);
             LiveEvents aliceOnDoomed = doomed.live(ALICE)) {
            // Alice uploads through the gateway that will die and watches through the other one; Bob uses the other.
            List<UUID> alicesJobs = doomed.api(ALICE).upload(files.subList(0, 15)).jobIds();
            List<UUID> bobsJobs = survivor.api(BOB).upload(files.subList(15, 30)).jobIds();
            List<UUID> all = new ArrayList<>(alicesJobs);
            all.addAll(bobsJobs);
            await("first jobs complete").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
                    .until(() -> alicesJobs.stream().filter(id -> aliceOnSurvivor.count(id, JobStatus.COMPLETED) > 0)
                            .count() + bobsJobs.stream().filter(id -> bobOnSurvivor.count(id, JobStatus.COMPLETED) > 0)
                            .count() >= 4);

            report.injected("kill -9 " + doomed.process() + " with a live client of Alice on it");
            doomed.process().kill();

            JobTally alices = JobTally.await(survivor.api(ALICE), aliceOnSurvivor, alicesJobs, Duration.ofMinutes(4));
            JobTally bobs = JobTally.await(survivor.api(BOB), bobOnSurvivor, bobsJobs, Duration.ofMinutes(4));
            report.counted(alices);
            report.counted(bobs);
            report.note("Alice's client on the killed gateway got " + aliceOnDoomed.events().size() + " events");
            assertThat(alices.notIn("COMPLETED")).as("Alice's jobs not COMPLETED: %s", alices).isEmpty();
            assertThat(bobs.notIn("COMPLETED")).as("Bob's jobs not COMPLETED: %s", bobs).isEmpty();
            assertThat(alices.duplicates() + bobs.duplicates()).as("COMPLETED pushed more than once").isZero();
            for (UUID id : alicesJobs) {
                assertThat(aliceOnSurvivor.count(id, JobStatus.COMPLETED))
                        .as("COMPLETED of Alice's job %s pushed to her client on the surviving gateway", id)
                        .isEqualTo(1);
            }
            for (UUID id : bobsJobs) {
                assertThat(bobOnSurvivor.count(id, JobStatus.COMPLETED))
                        .as("COMPLETED of Bob's job %s pushed to his client on the surviving gateway", id)
                        .isEqualTo(1);
            }
            assertThat(aliceOnSurvivor.events()).as("Alice's client got only Alice's jobs")
                    .allMatch(event -> alicesJobs.contains(event.jobId()));
        }
    }
}

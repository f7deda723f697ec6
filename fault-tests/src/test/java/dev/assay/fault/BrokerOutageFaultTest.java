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
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 6, fault 2: the broker is stopped for 10 s while jobs run, one of them long enough to run through the outage,
 * and files are uploaded meanwhile.
 */
class BrokerOutageFaultTest {

    private static final Duration OUTAGE = Duration.ofSeconds(10);

    private static AssayCluster cluster;
    private static List<Path> files;
    private static Path longFile;

    @BeforeAll
    static void startCluster() {
        cluster = AssayCluster.start("broker-outage", 1, 2,
                () -> {
                    files = FaultFiles.eventLogs("fault-files/broker-outage", 30, 15_000);
                    longFile = FaultFiles.longEventLog();
                });
    }

    @AfterAll
    static void stopCluster() {
        AssayCluster.closeQuietly(cluster);
    }

    @Test
    void everyJobCompletesOnceWhenTheBrokerIsDownForTenSecondsMidRunIncludingThoseUploadedMeanwhile()
            throws Exception {
        FaultReport report = new FaultReport("broker-outage");
        AssayApi api = cluster.gateway().api(ALICE);
        try (LiveEvents live = cluster.gateway().live(ALICE)) {
            UUID longJob = api.upload(longFile).jobId();
            await("the long job starts").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50))
                    .until(() -> live.count(longJob, JobStatus.PROCESSING) > 0);
            List<UUID> jobs = new ArrayList<>(List.of(longJob));
            jobs.addAll(api.upload(files.subList(0, 20)).jobIds());
            await("first jobs complete").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
                    .until(() -> jobs.stream().filter(id -> live.count(id, JobStatus.COMPLETED) > 0).count() >= 2);

            long stoppedAt = System.nanoTime();
            cluster.broker().stopApp();
            report.injected("rabbitmqctl stop_app on " + cluster.broker().node() + " for " + OUTAGE.toSeconds() + " s");
            List<UUID> uploadedDuringOutage;
            try {
                AssayApi.Answer answer = api.upload(files.subList(20, 30));
                assertThat(answer.status()).as("upload while the broker is down: %s", answer.text()).isEqualTo(202);
                uploadedDuringOutage = answer.jobIds();
                report.note("uploaded " + uploadedDuringOutage.size() + " files during the outage: 202");
            } finally {
                Duration left = OUTAGE.minusNanos(System.nanoTime() - stoppedAt);
                if (!left.isNegative()) {
                    Thread.sleep(left.toMillis());
                }
                cluster.broker().startApp();
                report.note("broker started again");
            }
            jobs.addAll(uploadedDuringOutage);
            report.note("the long job was " + api.job(longJob).body().get("status").asString()
                    + " when the broker came back");

            JobTally tally = JobTally.await(api, live, jobs, Duration.ofMinutes(4));
            report.counted(tally);
            assertThat(tally.notIn("COMPLETED")).as("jobs not COMPLETED: %s", tally).isEmpty();
            assertThat(tally.duplicates()).as("COMPLETED pushed more than once: %s", tally).isZero();
            // The dashboard stayed connected to the gateway throughout, so nothing tells it to resync: every outcome,
            // including those of jobs that ran through the outage, must reach it live.
            assertThat(jobs).as("jobs whose COMPLETED never reached the connected client")
                    .allMatch(id -> live.count(id, JobStatus.COMPLETED) == 1);
            // the outage is longer than the cluster's 5 s lease: a gateway that took the workers' silence for their
            // death would have queued their running jobs again (a second QUEUED)
            assertThat(jobs).as("jobs taken back from their workers because of the outage")
                    .allMatch(id -> live.count(id, JobStatus.QUEUED) == 1);
            for (UUID id : uploadedDuringOutage) {
                assertThat(api.result(id).status()).as("result of job %s uploaded during the outage", id)
                        .isEqualTo(200);
            }
        }
    }
}

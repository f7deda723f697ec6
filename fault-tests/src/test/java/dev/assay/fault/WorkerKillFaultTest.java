package dev.assay.fault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.assay.protocol.JobEvent;
import dev.assay.protocol.JobStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static dev.assay.fault.AssayCluster.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Issue 6, fault 1: one of three workers is killed with {@code kill -9} while 50 jobs run. */
class WorkerKillFaultTest {

    private static final int JOBS = 50;

    private static final Map<Path, JsonNode> expected = new LinkedHashMap<>();
    private static AssayCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = AssayCluster.start("worker-kill", 1, 3, () -> {
            for (Path file : FaultFiles.eventLogs("fault-files/worker-kill", JOBS, 15_000)) {
                expected.put(file, ExpectedResults.analyse(file));
            }
        });
    }

    @AfterAll
    static void stopCluster() {
        AssayCluster.closeQuietly(cluster);
    }

    @ParameterizedTest(name = "kill -9 after {0} of 50 jobs completed")
    @ValueSource(ints = {3, 30})
    void everyJobCompletesOnceWithTheEnginesResultWhenAWorkerIsKilledMidRun(int completedBeforeKill)
            throws Exception {
        FaultReport report = new FaultReport("worker-kill-after-" + completedBeforeKill);
        AssayApi api = cluster.gateway().api(ALICE);
        ExecutorService uploaders = Executors.newFixedThreadPool(4);
        try (LiveEvents live = cluster.gateway().live(ALICE)) {
            // as the dashboard uploads: one file per request, here four at a time; jobs start meanwhile
            Map<UUID, Path> files = new ConcurrentHashMap<>();
            List<Future<?>> uploads = expected.keySet().stream()
                    .<Future<?>>map(file -> uploaders.submit(() -> files.put(api.upload(file).jobId(), file)))
                    .toList();
            await("first jobs complete").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
                    .until(() -> completed(live, files.keySet()) >= completedBeforeKill);

            JavaProcess victim = workerBusyWithAJob(live);
            report.injected("kill -9 " + victim + " after " + completed(live, files.keySet()) + " of " + JOBS
                    + " jobs completed");
            victim.kill();
            for (Future<?> upload : uploads) {
                upload.get();
            }
            report.note("started " + cluster.startWorker() + " in its place");

            JobTally tally = JobTally.await(api, live, files.keySet(), Duration.ofMinutes(4));
            report.counted(tally);
            assertThat(tally.accepted()).isEqualTo(JOBS);
            assertThat(tally.notIn("COMPLETED")).as("jobs not COMPLETED: %s", tally).isEmpty();
            assertThat(tally.duplicates()).as("COMPLETED pushed more than once: %s", tally).isZero();
            for (Map.Entry<UUID, Path> job : files.entrySet()) {
                AssayApi.Answer result = api.result(job.getKey());
                assertThat(result.status()).as(result.text()).isEqualTo(200);
                ExpectedResults.assertSameResult("result of " + job.getValue().getFileName(), result.body(),
                        expected.get(job.getValue()));
            }
        } finally {
            uploaders.shutdownNow();
        }
    }

    /** The worker of the latest job that started and has not ended, or any worker when none is busy. */
    private static JavaProcess workerBusyWithAJob(LiveEvents live) {
        List<JobEvent> events = live.events();
        for (int i = events.size() - 1; i >= 0; i--) {
            JobEvent event = events.get(i);
            boolean ended = live.events(event.jobId()).stream().anyMatch(e -> e.status().isTerminal());
            if (event.status() == JobStatus.PROCESSING && !ended) {
                var worker = cluster.workerOf(event.workerId()).filter(JavaProcess::isAlive);
                if (worker.isPresent()) {
                    return worker.get();
                }
            }
        }
        return cluster.workers().get(0);
    }

    private static long completed(LiveEvents live, java.util.Set<UUID> jobs) {
        return jobs.stream().filter(id -> live.count(id, JobStatus.COMPLETED) > 0).count();
    }
}

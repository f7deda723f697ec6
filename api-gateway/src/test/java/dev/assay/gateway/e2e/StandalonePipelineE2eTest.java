package dev.assay.gateway.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.UUID;

import dev.assay.gateway.job.JobQueue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The same pipeline in one process: H2, the upload folder and an in-process worker pool, no broker. */
class StandalonePipelineE2eTest extends StandaloneGatewayTest {

    @Autowired
    JobQueue jobQueue;

    @Autowired
    JdbcClient jdbc;

    @Test
    void threeUsersUploadTwentyFilesAtOnceAndEachSeesOnlyTheirOwnJobsCompleteWithTheEnginesResults()
            throws Exception {
        Map<UUID, String> workerOfJob = new PipelineFlow(port, json).run();

        assertThat(new HashSet<>(workerOfJob.values())).as("the local pool is one worker").hasSize(1);
    }

    @Test
    void theClusterViewShowsTheLocalPoolAsOneWorker() {
        GatewayClient http = new GatewayClient(port, json);

        JsonNode cluster = http.get(User.CAROL, "/api/cluster").jsonBody();

        assertThat(cluster.get("mode").asString()).isEqualTo("standalone");
        assertThat(cluster.get("workers")).hasSize(1);
        assertThat(cluster.get("workers").get(0).get("concurrency").asInt()).isEqualTo(2);
        assertThat(cluster.get("queueDepth").asLong()).isNotNegative();
        assertThat(cluster.get("jobsByStatus").propertyNames())
                .containsExactlyInAnyOrder("QUEUED", "PROCESSING", "COMPLETED", "FAILED", "CANCELLED");
    }

    @Test
    void aJobHandedToThePoolBeforeARestartIsProcessedAfterIt() {
        SmartLifecycle pool = (SmartLifecycle) jobQueue;
        GatewayClient http = new GatewayClient(port, json);
        UUID jobId;
        pool.stop();
        try {
            GatewayClient.Answer accepted = http.upload(User.BOB, corpusFile("538__cabinet-turnover.csv"));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            jobId = UUID.fromString(accepted.jsonBody().get("jobs").get(0).get("id").asString());
            // as if the pool had taken the job and the process had ended before it finished
            jdbc.sql("UPDATE jobs SET published_at = :now WHERE id = :id")
                    .param("now", OffsetDateTime.now(ZoneOffset.UTC))
                    .param("id", jobId)
                    .update();
        } finally {
            pool.start();
        }

        await("the job left behind completes").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> http.job(User.BOB, jobId).jsonBody().get("status").asString(), "COMPLETED"::equals);
    }

    private static Path corpusFile(String name) {
        return PipelineFlow.corpus().resolve(name);
    }
}

package dev.assay.gateway.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.assay.gateway.job.JobRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A job analysed in chunks that ends without its merge (cancelled, deleted, or failed while its chunks run) leaves no
 * partial results behind, on one worker application, the local RabbitMQ and PostgreSQL and a real folder. A file of
 * about 1.3 MB is cut into some eighty chunks, so that the job is still running when it is ended.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("cluster")
class ChunkedJobEndE2eTest {

    private static final Path STORAGE = E2eFiles.temporaryDirectory("assay-e2e-chunk-end-");
    private static Path file;

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    JobRepository jobs;

    private ConfigurableApplicationContext worker;
    private GatewayClient http;

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) {
        ChunkedPipelineE2eTest.clusterOn(STORAGE, registry);
    }

    @BeforeAll
    static void generateTheFile() throws IOException {
        file = STORAGE.resolveSibling(STORAGE.getFileName() + "-events.csv");
        ChunkedPipelineE2eTest.writeEvents(file, 30_000);
    }

    @BeforeEach
    void startWorker() {
        worker = ClusterPipelineE2eTest.startWorker(STORAGE,
                Map.of("assay.chunking.threshold", "256KB", "assay.chunking.chunk-size", "16KB"));
        http = new GatewayClient(port, json);
    }

    @AfterEach
    void stopWorker() {
        worker.close();
    }

    @AfterAll
    static void deleteFiles() throws IOException {
        FileSystemUtils.deleteRecursively(STORAGE);
        Files.deleteIfExists(file);
    }

    @Test
    void aJobCancelledWhileItsChunksRunEndsCancelledAndKeepsNoPartialResults() {
        UUID jobId = uploadAndAwaitAFirstChunk();

        GatewayClient.Answer cancelled = http.cancel(User.ALICE, jobId);

        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.jsonBody().get("status").asString()).isEqualTo("CANCELLED");
        assertPartialResultsStayGone(jobId);
        assertThat(status(jobId)).isEqualTo("CANCELLED");
    }

    @Test
    void aJobDeletedWhileItsChunksRunKeepsNoPartialResults() {
        UUID jobId = uploadAndAwaitAFirstChunk();

        GatewayClient.Answer deleted = http.delete(User.ALICE, jobId);

        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        assertPartialResultsStayGone(jobId);
    }

    @Test
    void aJobWhoseChunkFailsKeepsNoPartialResults() throws IOException {
        UUID jobId = uploadAndAwaitAFirstChunk();
        String storageKey = jobs.findById(jobId).orElseThrow().storageKey();

        Files.delete(STORAGE.resolve(storageKey)); // the next chunks fail for good: the stored file is missing

        await("the job fails").atMost(Duration.ofSeconds(30)).until(() -> status(jobId), "FAILED"::equals);
        assertPartialResultsStayGone(jobId);
    }

    private UUID uploadAndAwaitAFirstChunk() {
        GatewayClient.Answer accepted = http.upload(User.ALICE, file);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        UUID jobId = UUID.fromString(accepted.jsonBody().get("jobs").get(0).get("id").asString());
        await("the job runs and a first partial result is written").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> Files.isDirectory(partials(jobId)) && status(jobId).equals("PROCESSING"));
        return jobId;
    }

    /** Gone, and not written again for a while by a chunk that was running when the job ended. */
    private static void assertPartialResultsStayGone(UUID jobId) {
        await("the partial results are deleted and stay so").atMost(Duration.ofSeconds(30))
                .during(Duration.ofSeconds(2)).until(() -> !Files.exists(partials(jobId)));
    }

    private String status(UUID jobId) {
        return http.job(User.ALICE, jobId).jsonBody().get("status").asString();
    }

    private static Path partials(UUID jobId) {
        return STORAGE.resolve(".chunks").resolve(jobId.toString());
    }
}

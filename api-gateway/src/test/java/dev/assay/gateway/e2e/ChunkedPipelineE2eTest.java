package dev.assay.gateway.e2e;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import dev.assay.analytics.AnalysisOptions;
import dev.assay.analytics.Analytics;
import dev.assay.analytics.ProgressListener;
import dev.assay.protocol.JobStatus;
import dev.assay.testsupport.LocalPostgres;
import dev.assay.testsupport.LocalRabbitMq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A big file analysed in chunks by two worker applications on the local RabbitMQ and PostgreSQL: the merged result
 * equals the engine's single pass, progress is the sum over chunks, and a worker killed while chunks are running
 * changes nothing (its chunk is analysed again, and counted once). The chunking threshold is lowered so that a
 * file of a few MB is cut into about twenty chunks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("cluster")
class ChunkedPipelineE2eTest {

    private static final Path STORAGE = E2eFiles.temporaryDirectory("assay-e2e-chunks-");
    private static final List<ConfigurableApplicationContext> WORKERS = new ArrayList<>();
    private static Path bigFile;
    private static JsonNode singlePass;

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) {
        clusterOn(STORAGE, registry);
    }

    /** A gateway on the local broker and database, storing uploads of up to 64 MB in {@code storage}. */
    static void clusterOn(Path storage, DynamicPropertyRegistry registry) {
        LocalRabbitMq.get().springProperties().forEach((name, value) -> registry.add(name, () -> value));
        LocalPostgres.get().springProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("assay.storage.dir", storage::toString);
        registry.add("assay.users", User::assayUsers);
        registry.add("assay.upload.max-file-size", () -> "64MB");
    }

    @BeforeAll
    static void generateTheFile() throws Exception {
        bigFile = STORAGE.resolveSibling(STORAGE.getFileName() + "-events.csv");
        writeEvents(bigFile, 120_000);
        try (InputStream in = Files.newInputStream(bigFile)) {
            singlePass = JsonMapper.builder().build().valueToTree(
                    Analytics.analyze(in, AnalysisOptions.defaults(), ProgressListener.NONE));
        }
    }

    @AfterEach
    void stopWorkers() {
        WORKERS.forEach(ConfigurableApplicationContext::close);
        WORKERS.clear();
    }

    @AfterAll
    static void deleteFiles() throws IOException {
        FileSystemUtils.deleteRecursively(STORAGE);
        Files.deleteIfExists(bigFile);
    }

    /**
     * Events of 500 users over three weeks (90,000 distinct times, below the engine's exact cap, so that every figure
     * compares exactly); every 50th has a quoted comment holding a line break.
     */
    static void writeEvents(Path file, int rows) throws IOException {
        Random random = new Random(7);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("user_id,event_time,action,amount,comment\n");
            for (int i = 0; i < rows; i++) {
                String comment = i % 50 == 0 ? "\"line one\nline two, with a comma\"" : "plain " + (i % 7);
                out.write("u" + random.nextInt(500) + "," + start.plusSeconds(i % 90_000 * 20L) + ","
                        + List.of("view", "click", "buy").get(random.nextInt(3)) + "," + random.nextInt(10_000)
                        + "," + comment + "\n");
            }
        }
    }

    private static void startWorkers(int count) {
        for (int i = 0; i < count; i++) {
            ConfigurableApplicationContext worker = ClusterPipelineE2eTest.startWorker(STORAGE,
                    Map.of("assay.chunking.threshold", "1MB", "assay.chunking.chunk-size", "256KB"));
            WORKERS.add(worker);
        }
    }

    @Test
    void aBigFileIsAnalysedInChunksByTwoWorkersAndMergedIntoTheSinglePassResult() {
        startWorkers(2);
        GatewayClient http = new GatewayClient(port, json);

        UUID jobId = upload(http);
        awaitCompleted(http, jobId);

        assertSameAsSinglePass(http, jobId);
        List<String> workers = jdbc.sql("SELECT DISTINCT worker_id FROM job_chunks WHERE job_id = :id")
                .param("id", jobId).query(String.class).list();
        assertThat(workers).as("workers that analysed chunks").hasSize(2);
        assertEachChunkCountedOnce(jobId);
        assertThat(Files.exists(STORAGE.resolve(".chunks").resolve(jobId.toString())))
                .as("partial results deleted after the merge").isFalse();
    }

    @Test
    void aWorkerKilledWhileChunksRunChangesNothing() {
        startWorkers(2);
        GatewayClient http = new GatewayClient(port, json);

        UUID jobId = upload(http);
        await("a first chunk is done").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> chunksDone(jobId) > 0);
        killAbruptly(WORKERS.remove(1));
        awaitCompleted(http, jobId);

        assertSameAsSinglePass(http, jobId);
        assertEachChunkCountedOnce(jobId);
    }

    /**
     * Drops the worker's broker connection at once, as if its process died: the broker gives its unacknowledged chunk
     * to the other worker. Then closes what is left of it (a chunk it was analysing may still report, once more).
     */
    private static void killAbruptly(ConfigurableApplicationContext worker) {
        worker.getBean(CachingConnectionFactory.class).resetConnection();
        worker.close();
    }

    private UUID upload(GatewayClient http) {
        GatewayClient.Answer accepted = http.upload(User.ALICE, bigFile);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        return UUID.fromString(accepted.jsonBody().get("jobs").get(0).get("id").asString());
    }

    private static void awaitCompleted(GatewayClient http, UUID jobId) {
        // the killed worker's client library may fail in its own threads while it dies; that is not the job's concern
        await("the chunked job completes").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .dontCatchUncaughtExceptions()
                .until(() -> http.job(User.ALICE, jobId).jsonBody().get("status").asString(),
                        status -> status.equals(JobStatus.COMPLETED.name()) || status.equals(JobStatus.FAILED.name()));
        JsonNode job = http.job(User.ALICE, jobId).jsonBody();
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("COMPLETED");
        assertThat(job.get("progress").asDouble()).isEqualTo(1.0);
    }

    private long chunksDone(UUID jobId) {
        return jdbc.sql("SELECT COUNT(*) FROM job_chunks WHERE job_id = :id").param("id", jobId)
                .query(Long.class).single();
    }

    /** One row per chunk of the run that completed; together they cover the whole file. */
    private void assertEachChunkCountedOnce(UUID jobId) {
        List<Map<String, Object>> rows = jdbc.sql("""
                        SELECT run, COUNT(*) AS done, MAX(chunk_count) AS chunks, SUM(bytes) AS bytes
                        FROM job_chunks WHERE job_id = :id GROUP BY run""")
                .param("id", jobId).query().listOfRows();
        assertThat(rows).as("runs of the job").hasSize(1);
        Map<String, Object> run = rows.get(0);
        assertThat(((Number) run.get("chunks")).intValue()).as("chunks").isGreaterThan(10);
        assertThat(((Number) run.get("done")).intValue()).isEqualTo(((Number) run.get("chunks")).intValue());
        assertThat(((Number) run.get("bytes")).longValue()).isEqualTo(fileSize());
    }

    private static long fileSize() {
        try {
            return Files.size(bigFile);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertSameAsSinglePass(GatewayClient http, UUID jobId) {
        GatewayClient.Answer result = http.result(User.ALICE, jobId);
        assertThat(result.status()).as(result.body()).isEqualTo(200);
        JsonNode merged = result.jsonBody();
        assertThat(merged.get("records").asLong()).isEqualTo(120_000);
        SameResult.assertSameResult("chunked job " + jobId, roundMoments(merged), roundMoments(singlePass));
    }

    /** Means and deviations rounded to 9 digits: merging moments in another order changes their last bits. */
    private static JsonNode roundMoments(JsonNode result) {
        JsonNode copy = result.deepCopy();
        for (JsonNode column : copy.get("columns")) {
            for (String moment : List.of("mean", "stddev")) {
                JsonNode value = column.get(moment);
                if (value != null && value.isNumber()) {
                    ((ObjectNode) column).put(moment, Double.parseDouble(String.format("%.9g", value.asDouble())));
                }
            }
        }
        return copy;
    }
}

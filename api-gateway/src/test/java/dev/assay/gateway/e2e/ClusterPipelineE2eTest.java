package dev.assay.gateway.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.assay.protocol.JobStatus;
import dev.assay.testsupport.LocalPostgres;
import dev.assay.testsupport.LocalRabbitMq;
import dev.assay.testsupport.TcpProxy;
import dev.assay.worker.WorkerApplication;
import dev.assay.worker.job.WorkerIdentity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The distributed pipeline end to end on the local RabbitMQ and PostgreSQL: this gateway (cluster profile) and two
 * worker-service applications started in this JVM, sharing the broker's virtual host and the upload folder. The
 * gateway reaches the broker through a {@link TcpProxy}, so that a test can cut it off without stopping the broker
 * that other test runs share.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("cluster")
// closed afterwards: a cached gateway would keep storing events with its own lease timeout
@DirtiesContext
class ClusterPipelineE2eTest {

    private static final Path STORAGE = E2eFiles.temporaryDirectory("assay-e2e-cluster-");
    private static final List<ConfigurableApplicationContext> WORKERS = new ArrayList<>();
    private static TcpProxy brokerProxy;

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) {
        LocalRabbitMq.get().springProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("spring.rabbitmq.host", () -> "127.0.0.1");
        registry.add("spring.rabbitmq.port", () -> brokerProxy().port());
        LocalPostgres.get().springProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("assay.storage.dir", STORAGE::toString);
        registry.add("assay.users", User::assayUsers);
        registry.add("assay.upload.max-file-size", () -> "4MB");
        registry.add("assay.cluster.heartbeat-interval", () -> "1s");
    }

    private static synchronized TcpProxy brokerProxy() {
        if (brokerProxy == null) {
            LocalRabbitMq broker = LocalRabbitMq.get();
            brokerProxy = TcpProxy.to(broker.host(), broker.port()).start();
        }
        return brokerProxy;
    }

    @BeforeAll
    static void startWorkers() {
        for (int i = 1; i <= 2; i++) {
            WORKERS.add(startWorker(STORAGE));
        }
    }

    @AfterAll
    static void stopWorkers() throws IOException {
        WORKERS.forEach(ConfigurableApplicationContext::close);
        WORKERS.clear();
        FileSystemUtils.deleteRecursively(STORAGE);
    }

    /** A worker-service application on the local broker, one job at a time, reading uploads from {@code storage}. */
    static ConfigurableApplicationContext startWorker(Path storage) {
        return startWorker(storage, LocalRabbitMq.get(), Map.of());
    }

    /** A worker as {@link #startWorker(Path)} with more settings. */
    static ConfigurableApplicationContext startWorker(Path storage, Map<String, String> settings) {
        return startWorker(storage, LocalRabbitMq.get(), settings);
    }

    /** A worker as {@link #startWorker(Path)} on {@code broker}, with more settings. */
    static ConfigurableApplicationContext startWorker(Path storage, LocalRabbitMq broker, Map<String, String> settings) {
        Map<String, Object> properties = new LinkedHashMap<>(broker.springProperties());
        // its own configuration name, so that it does not read the gateway's application.properties
        properties.put("spring.config.name", "assay-e2e-worker");
        // the gateway's class path carries JDBC and Flyway, which a real worker does not have
        properties.put("spring.autoconfigure.exclude", String.join(",",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"));
        properties.put("assay.storage.dir", storage.toString());
        properties.put("assay.worker.concurrency", "1");
        properties.put("assay.worker.heartbeat-interval", "1s");
        properties.put("assay.worker.shutdown-timeout", "5s");
        properties.putAll(settings);
        return new SpringApplicationBuilder(WorkerApplication.class)
                .web(WebApplicationType.NONE)
                .properties(properties)
                .run();
    }

    @Test
    void threeUsersUploadTwentyFilesAtOnceAndEachSeesOnlyTheirOwnJobsCompleteWithTheEnginesResults()
            throws Exception {
        Map<UUID, String> workerOfJob = new PipelineFlow(port, json).run();

        assertThat(new HashSet<>(workerOfJob.values())).as("workers that processed jobs")
                .containsAll(workerIds());
    }

    @Test
    void aJobAcceptedWhileTheBrokerIsUnreachableCompletesOnceItIsBack() throws Exception {
        GatewayClient http = new GatewayClient(port, json);
        Path file = PipelineFlow.corpus().resolve("538__cabinet-turnover.csv");
        try (LiveClient live = LiveClient.connect(port, User.ALICE.name(), User.ALICE.password(), json)) {
            brokerProxy().stop();
            UUID jobId;
            try {
                GatewayClient.Answer accepted = http.upload(User.ALICE, file);
                assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
                jobId = UUID.fromString(accepted.jsonBody().get("jobs").get(0).get("id").asString());
                assertThat(http.job(User.ALICE, jobId).jsonBody().get("status").asString()).isEqualTo("QUEUED");
                GatewayClient.Answer cluster = http.get(User.CAROL, "/api/cluster");
                assertThat(cluster.status()).as("the cluster view without the broker: %s", cluster.body())
                        .isEqualTo(200);
                assertThat(cluster.jsonBody().get("queueDepth").isNull()).as("queue depth unknown").isTrue();
                await("this gateway pushes QUEUED to its own client without the broker").atMost(Duration.ofSeconds(5))
                        .until(() -> live.events().stream()
                                .anyMatch(e -> e.jobId().equals(jobId) && e.status() == JobStatus.QUEUED));
            } finally {
                brokerProxy().start();
            }

            await("the job completes after the broker is back").atMost(Duration.ofSeconds(45))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> http.job(User.ALICE, jobId).jsonBody().get("status").asString(),
                            "COMPLETED"::equals);
            await("its COMPLETED event is pushed").atMost(Duration.ofSeconds(10))
                    .until(() -> live.events().stream()
                            .anyMatch(e -> e.jobId().equals(jobId) && e.status() == JobStatus.COMPLETED));
        }
    }

    @Test
    void requestsWithoutCredentialsAreRefusedWith401() {
        GatewayClient.Answer answer = new GatewayClient(port, json).get(null, "/api/jobs");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anotherUsersJobIsNotFoundExactlyLikeAMissingOne() {
        GatewayClient http = new GatewayClient(port, json);
        GatewayClient.Answer accepted = http.upload(User.ALICE, PipelineFlow.corpus().resolve("csvspectrum__json.csv"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        UUID alicesJob = UUID.fromString(accepted.jsonBody().get("jobs").get(0).get("id").asString());

        GatewayClient.Answer foreign = http.job(User.BOB, alicesJob);
        GatewayClient.Answer missing = http.job(User.BOB, UUID.randomUUID());

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(http.result(User.BOB, alicesJob).status()).isEqualTo(404);
        assertThat(problemWithoutInstance(foreign)).isEqualTo(problemWithoutInstance(missing));
    }

    @Test
    void aFileOverTheLimitIsRefusedWith413AndNothingIsStored() throws IOException {
        Path big = STORAGE.resolveSibling(STORAGE.getFileName() + "-big.csv");
        byte[] megabyte = "id,name,value\n".repeat(1024 * 1024 / 14).getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = Files.newOutputStream(big)) {
            for (int i = 0; i < 5; i++) {
                out.write(megabyte);
            }
        }
        try {
            long storedBefore = storedFiles();

            GatewayClient.Answer answer = new GatewayClient(port, json).upload(User.CAROL, big);

            assertThat(answer.status()).as(answer.body()).isEqualTo(413);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(storedFiles()).isEqualTo(storedBefore);
        } finally {
            Files.deleteIfExists(big);
        }
    }

    @Test
    void anUploadWithoutFilesIsRefusedWith400() {
        MultiValueMap<String, Object> noFiles = new LinkedMultiValueMap<>();
        noFiles.add("delimiter", ",");

        GatewayClient.Answer answer = new GatewayClient(port, json).upload(User.BOB, noFiles);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theClusterViewListsBothWorkersTheBacklogAndTheJobsPerState() {
        GatewayClient http = new GatewayClient(port, json);

        await("both workers' heartbeats").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode cluster = http.get(User.CAROL, "/api/cluster").jsonBody();
            assertThat(cluster.get("mode").asString()).isEqualTo("cluster");
            List<String> listed = new ArrayList<>();
            cluster.get("workers").forEach(worker -> listed.add(worker.get("workerId").asString()));
            assertThat(listed).containsAll(workerIds());
            assertThat(cluster.get("queueDepth").asLong()).isNotNegative();
            assertThat(cluster.get("jobsByStatus").propertyNames())
                    .containsExactlyInAnyOrder("QUEUED", "PROCESSING", "COMPLETED", "FAILED", "CANCELLED");
            for (JsonNode worker : cluster.get("workers")) {
                assertThat(worker.get("concurrency").asInt()).isEqualTo(1);
                assertThat(worker.get("host").asString()).isNotBlank();
                assertThat(worker.get("lastHeartbeat").asString()).isNotBlank();
            }
        });
    }

    @Test
    void probesAnswerAnyoneAndTheMetricsAnAdminWithTheJobsQueuesAndUploads() throws Exception {
        GatewayClient http = new GatewayClient(port, json);
        assertThat(http.get(null, "/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(http.get(null, "/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(http.get(User.CAROL, "/actuator/health/readiness").jsonBody().get("components").propertyNames())
                .contains("db", "rabbit");
        assertThat(http.get(User.CAROL, "/actuator/health/liveness").jsonBody().path("components").propertyNames())
                .doesNotContain("db", "rabbit");
        assertThat(http.get(null, "/actuator/prometheus", MediaType.TEXT_PLAIN).status()).isEqualTo(401);
        assertThat(http.get(User.BOB, "/actuator/prometheus", MediaType.TEXT_PLAIN).status()).isEqualTo(404);
        Scrape before = Scrape.of(http);
        Path file = STORAGE.resolveSibling(STORAGE.getFileName() + "-metrics.csv");
        Files.writeString(file, "user,value\nann,1\nbob,2\n");
        long size = Files.size(file);

        GatewayClient.Answer accepted;
        try {
            accepted = http.upload(User.CAROL, file);
        } finally {
            Files.delete(file);
        }
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        UUID jobId = UUID.fromString(accepted.jsonBody().get("jobs").get(0).get("id").asString());
        await("the job completes").atMost(Duration.ofSeconds(30))
                .until(() -> http.job(User.CAROL, jobId).jsonBody().get("status").asString(), "COMPLETED"::equals);

        await("the metrics count it").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Scrape after = Scrape.of(http);
            assertThat(after.value("assay_jobs{state=\"COMPLETED\"}"))
                    .isGreaterThan(before.value("assay_jobs{state=\"COMPLETED\"}"));
            assertThat(after.value("assay_uploads_total{outcome=\"accepted\"}"))
                    .isEqualTo(before.value("assay_uploads_total{outcome=\"accepted\"}") + 1);
            assertThat(after.value("assay_upload_bytes_total")).isEqualTo(before.value("assay_upload_bytes_total") + size);
            assertThat(after.value("assay_events_stored_total{outcome=\"applied\"}"))
                    .isGreaterThanOrEqualTo(before.value("assay_events_stored_total{outcome=\"applied\"}") + 2);
            assertThat(after.value("assay_live_events_pushed_total"))
                    .isGreaterThanOrEqualTo(before.value("assay_live_events_pushed_total") + 2);
            assertThat(after.value("assay_queue_messages{queue=\"assay.jobs\"}")).isNotNegative();
            assertThat(after.value("assay_queue_messages{queue=\"assay.jobs.dlq\"}")).isNotNegative();
            assertThat(after.value("assay_jobs_queued_oldest_age_seconds")).isNotNegative();
            assertThat(after.value("assay_live_sessions")).isNotNegative();
            assertThat(after.text()).contains("http_server_requests_seconds_count").doesNotContain("rabbitmq_acknowledged");
        });
    }

    /** One scrape of the gateway's Prometheus endpoint, as an ADMIN. */
    private record Scrape(String text) {

        static Scrape of(GatewayClient http) {
            GatewayClient.Answer answer = http.get(User.CAROL, "/actuator/prometheus", MediaType.TEXT_PLAIN);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            return new Scrape(answer.body());
        }

        /** The value of one series, such as {@code assay_jobs{state="QUEUED"}}; 0 if it was never written. */
        double value(String series) {
            return text.lines()
                    .filter(line -> line.startsWith(series + " "))
                    .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no series " + series + " in the scrape"));
        }
    }

    private static List<String> workerIds() {
        return WORKERS.stream().map(worker -> worker.getBean(WorkerIdentity.class).workerId()).toList();
    }

    /** A problem's type, title and status: what tells a missing job from a forbidden one, if anything did. */
    private static JsonNode problemWithoutInstance(GatewayClient.Answer answer) {
        ObjectNode problem = (ObjectNode) answer.jsonBody().deepCopy();
        problem.remove(List.of("instance", "detail"));
        return problem;
    }

    private static long storedFiles() throws IOException {
        try (var files = Files.walk(STORAGE)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}

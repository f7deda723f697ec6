package dev.assay.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.assay.protocol.JobRequested;
import dev.assay.protocol.Topology;
import dev.assay.testsupport.LocalRabbitMq;

/**
 * What an operator sees of a worker started as in production (its own virtual host, the real application class):
 * the actuator on its own port with health probes and Prometheus metrics, and JSON log lines carrying the job id.
 */
@ExtendWith(OutputCaptureExtension.class)
class WorkerOperationsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.builder().build();

    private static OwnVirtualHost virtualHost;
    private static ConfigurableApplicationContext worker;
    private static String actuator;

    @BeforeAll
    static void startWorker() {
        virtualHost = new OwnVirtualHost("assay-test-operations-");
        Map<String, Object> properties = new LinkedHashMap<>(LocalRabbitMq.get().springProperties());
        properties.put("spring.rabbitmq.virtual-host", virtualHost.name);
        properties.put("assay.storage.dir", BrokerTestSupport.STORAGE.toString());
        properties.put("assay.worker.concurrency", "1");
        properties.put("assay.log-format", "json");
        properties.put("management.server.port", "0");
        // Boot configures logging once per JVM; an application started after the other tests' must be let do it again
        resetLogging();
        worker = new SpringApplicationBuilder(WorkerApplication.class).properties(properties).run();
        actuator = "http://127.0.0.1:" + worker.getEnvironment().getProperty("local.management.port") + "/actuator";
    }

    @AfterAll
    static void stopWorker() {
        if (worker != null) {
            worker.close();
            resetLogging();
        }
        if (virtualHost != null) {
            virtualHost.close();
        }
    }

    @Test
    void answersLivenessWithoutTheBrokerAndReadinessWithIt() throws Exception {
        HttpResponse<String> liveness = get("/health/liveness");
        HttpResponse<String> readiness = get("/health/readiness");

        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(json.readTree(liveness.body()).path("status").asString()).isEqualTo("UP");
        assertThat(json.readTree(liveness.body()).path("components").has("rabbit")).isFalse();
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(json.readTree(readiness.body()).path("components").path("rabbit").path("status").asString())
                .isEqualTo("UP");
    }

    @Test
    void exportsJobMetricsAndLogsTheProcessedJobAsJsonWithItsId(CapturedOutput output) throws Exception {
        Path file = BrokerTestSupport.STORAGE.resolve(UUID.randomUUID() + "/events.csv");
        Files.createDirectories(file.getParent());
        long size = EventsCsv.write(file, 256 * 1024);
        JobRequested job = new JobRequested(UUID.randomUUID(), "alice",
                BrokerTestSupport.STORAGE.relativize(file).toString(), "events.csv", size, Map.of(), 0, Instant.now());

        virtualHost.rabbitTemplate.convertAndSend(Topology.JOBS_EXCHANGE, Topology.JOBS_ROUTING_KEY, job);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(prometheus())
                .contains("assay_worker_jobs_processed_total{outcome=\"COMPLETED\"} 1.0"));
        String metrics = prometheus();
        assertThat(metrics)
                .contains("assay_worker_job_duration_seconds_bucket{outcome=\"COMPLETED\",le=\"1.0\"}")
                .contains("assay_worker_job_duration_seconds_count{outcome=\"COMPLETED\"} 1")
                .contains("assay_worker_job_read_bytes_total " + (double) job.sizeBytes())
                .contains("assay_worker_job_throughput_bytes_per_second_count 1")
                .contains("assay_worker_jobs_active 0.0")
                .contains("assay_worker_jobs_processed_total{outcome=\"FAILED\"} 0.0")
                .contains("jvm_memory_used_bytes")
                // the RabbitMQ client's per-ack metrics are switched off
                .doesNotContain("rabbitmq_acknowledged");
        List<JsonNode> jobLines = output.getOut().lines()
                .filter(line -> line.startsWith("{"))
                .map(json::readTree)
                .filter(line -> job.jobId().toString().equals(line.path("jobId").asString()))
                .toList();
        assertThat(jobLines).anySatisfy(line -> assertThat(line.path("message").asString())
                .contains("COMPLETED"));
    }

    private static void resetLogging() {
        LoggingSystem.get(WorkerOperationsTest.class.getClassLoader()).cleanUp();
    }

    private static String prometheus() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(actuator + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

package dev.assay.gateway.e2e;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.assay.gateway.job.Job;
import dev.assay.gateway.job.JobRepository;
import dev.assay.protocol.CancelJob;
import dev.assay.protocol.JobEvent;
import dev.assay.protocol.JobStatus;
import dev.assay.protocol.Topology;
import dev.assay.testsupport.LocalPostgres;
import dev.assay.testsupport.LocalRabbitMq;
import dev.assay.testsupport.TcpProxy;
import dev.assay.worker.WorkerApplication;
import dev.assay.worker.job.FileSystemStoredFiles;
import dev.assay.worker.job.StoredFiles;
import dev.assay.worker.job.WorkerIdentity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Jobs survive their worker: a gateway (cluster profile, a 3 s lease) and worker-service applications in this JVM on
 * the local RabbitMQ and PostgreSQL. Workers read uploads slowly (about 640 KB/s), so that a job can be caught
 * running; a worker can be cut off from the broker through its own {@link TcpProxy}, as a dead or partitioned one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("cluster")
@DirtiesContext
class JobRecoveryE2eTest {

    private static final Path STORAGE = E2eFiles.temporaryDirectory("assay-e2e-recovery-");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Map<ConfigurableApplicationContext, TcpProxy> workers = new LinkedHashMap<>();

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JobRepository jobs;

    @Autowired
    RabbitTemplate rabbitTemplate;

    @Autowired
    AmqpAdmin amqpAdmin;

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) {
        LocalRabbitMq.get().springProperties().forEach((name, value) -> registry.add(name, () -> value));
        LocalPostgres.get().springProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("assay.storage.dir", STORAGE::toString);
        registry.add("assay.users", User::assayUsers);
        registry.add("assay.upload.max-file-size", () -> "8MB");
        registry.add("assay.cluster.heartbeat-interval", () -> "500ms");
        registry.add("assay.recovery.lease-timeout", () -> "3s");
        registry.add("assay.recovery.sweep-interval", () -> "500ms");
    }

    @AfterEach
    void stopWorkers() {
        workers.forEach((worker, proxy) -> {
            worker.close();
            proxy.close();
        });
        workers.clear();
    }

    @AfterAll
    static void deleteStorage() throws IOException {
        FileSystemUtils.deleteRecursively(STORAGE);
    }

    @Test
    void aJobWhoseWorkerIsCutOffIsQueuedAgainWhenItsLeaseRunsOutAndCompletesOnceOnAnotherWorker() throws Exception {
        GatewayClient http = new GatewayClient(port, json);
        ConfigurableApplicationContext lost = startWorker();
        String lostWorker = workerId(lost);
        try (LiveClient live = LiveClient.connect(port, User.ALICE.name(), User.ALICE.password(), json)) {
            UUID jobId = upload(http, 3L * 1024 * 1024);
            await("the job runs on the first worker").atMost(TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        Job job = jobs.findById(jobId).orElseThrow();
                        return job.status() == JobStatus.PROCESSING && lostWorker.equals(job.workerId());
                    });

            workers.get(lost).stop();
            ConfigurableApplicationContext rescuer = startWorker();

            await("the job completes on the other worker").atMost(TIMEOUT).pollInterval(Duration.ofMillis(250))
                    .until(() -> jobs.findById(jobId).orElseThrow().status() == JobStatus.COMPLETED);
            Job done = jobs.findById(jobId).orElseThrow();
            assertThat(done.workerId()).isEqualTo(workerId(rescuer));
            assertThat(attemptsOf(jobId)).as("queued again once").isOne();
            assertThat(http.result(User.ALICE, jobId).status()).isEqualTo(200);
            await("its COMPLETED event is pushed").atMost(Duration.ofSeconds(10)).until(() -> live.events().stream()
                    .anyMatch(e -> e.jobId().equals(jobId) && e.status() == JobStatus.COMPLETED));
            assertThat(live.events()).filteredOn(e -> e.jobId().equals(jobId))
                    .extracting(JobEvent::status).contains(JobStatus.QUEUED)
                    .filteredOn(status -> status == JobStatus.COMPLETED).hasSize(1);
        }
    }

    @Test
    void aRunningJobIsCancelledWithinTwoSeconds() throws Exception {
        GatewayClient http = new GatewayClient(port, json);
        startWorker();
        UUID jobId = upload(http, 4L * 1024 * 1024);
        await("the job runs").atMost(TIMEOUT)
                .until(() -> jobs.findById(jobId).orElseThrow().status() == JobStatus.PROCESSING);

        long cancelledAt = System.nanoTime();
        assertThat(http.cancel(User.ALICE, jobId).status()).isEqualTo(200);

        await("the job is cancelled").atMost(TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> jobs.findById(jobId).orElseThrow().status() == JobStatus.CANCELLED);
        assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aProcessingEventOfACancelledJobMakesTheGatewayBroadcastTheCancelAgain() throws Exception {
        GatewayClient http = new GatewayClient(port, json);
        UUID jobId = upload(http, 64 * 1024);
        assertThat(http.cancel(User.ALICE, jobId).status()).isEqualTo(200);
        Job cancelled = jobs.findById(jobId).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        // not exclusive: the template receives on its publisher connection, not on the one that declares
        Queue control = new Queue("test.control." + UUID.randomUUID(), false, false, false);
        amqpAdmin.declareQueue(control);
        try {
            amqpAdmin.declareBinding(BindingBuilder.bind(control).to(new FanoutExchange(Topology.CONTROL_EXCHANGE)));

            // a worker that missed the cancel starts the job
            rabbitTemplate.convertAndSend(Topology.EVENTS_EXCHANGE, "", new JobEvent(jobId, "alice",
                    JobStatus.PROCESSING, cancelled.seq() + 1, 0.0, 0L, 0L, 0.0, java.time.Instant.now(),
                    "late-worker", null, null));

            await("the cancel is broadcast again").atMost(Duration.ofSeconds(10)).until(() ->
                    rabbitTemplate.receiveAndConvert(control.getName(), 200) instanceof CancelJob cancel
                            && cancel.jobId().equals(jobId) && cancel.seq() == cancelled.seq());
            assertThat(jobs.findById(jobId).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        } finally {
            amqpAdmin.deleteQueue(control.getName());
        }
    }

    private UUID upload(GatewayClient http, long size) throws IOException {
        Path file = STORAGE.resolveSibling(STORAGE.getFileName() + "-" + UUID.randomUUID() + ".csv");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("user_id,event,amount\n");
            for (long i = 0; Files.size(file) < size; i++) {
                for (int j = 0; j < 1000; j++) {
                    out.write("user-" + (i * 1000 + j) % 977 + ",click," + (j % 100) + "\n");
                }
                out.flush();
            }
        }
        try {
            GatewayClient.Answer accepted = http.upload(User.ALICE, file);
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            return UUID.fromString(accepted.jsonBody().get("jobs").get(0).get("id").asString());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** A worker reaching the broker through a proxy of its own, one job at a time, reading uploads slowly. */
    private ConfigurableApplicationContext startWorker() {
        LocalRabbitMq broker = LocalRabbitMq.get();
        TcpProxy proxy = TcpProxy.to(broker.host(), broker.port()).start();
        Map<String, Object> properties = new LinkedHashMap<>(broker.springProperties());
        properties.put("spring.rabbitmq.host", "127.0.0.1");
        properties.put("spring.rabbitmq.port", proxy.port());
        properties.put("spring.config.name", "assay-e2e-worker");
        properties.put("spring.autoconfigure.exclude", String.join(",",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"));
        properties.put("assay.storage.dir", STORAGE.toString());
        properties.put("assay.worker.concurrency", "1");
        properties.put("assay.worker.heartbeat-interval", "500ms");
        properties.put("assay.worker.shutdown-timeout", "1s");
        properties.put("assay.worker.confirm-timeout", "2s");
        properties.put("assay.worker.retry-backoff", "100ms");
        ConfigurableApplicationContext worker = new SpringApplicationBuilder(WorkerApplication.class,
                SlowStoredFiles.class)
                .web(WebApplicationType.NONE)
                .properties(properties)
                .run();
        workers.put(worker, proxy);
        return worker;
    }

    private static String workerId(ConfigurableApplicationContext worker) {
        return worker.getBean(WorkerIdentity.class).workerId();
    }

    private int attemptsOf(UUID jobId) {
        return jdbc.sql("SELECT attempts FROM jobs WHERE id = :id").param("id", jobId).query(Integer.class).single();
    }

    /** The workers' file store, read at about 640 KB/s. */
    @TestConfiguration(proxyBeanMethods = false)
    static class SlowStoredFiles {

        @Bean
        @Primary
        StoredFiles slowStoredFiles() {
            FileSystemStoredFiles files = new FileSystemStoredFiles(STORAGE);
            return key -> new FilterInputStream(files.open(key)) {
                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                    return super.read(buffer, offset, Math.min(length, 64 * 1024));
                }
            };
        }
    }
}

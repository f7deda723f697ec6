package dev.assay.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.assay.gateway.cluster.WorkerRegistry;
import dev.assay.gateway.job.Job;
import dev.assay.gateway.job.JobRepository;
import dev.assay.gateway.job.JobService;
import dev.assay.gateway.job.NewFile;
import dev.assay.gateway.storage.FileStore;
import dev.assay.protocol.JobRequested;
import dev.assay.protocol.JobStatus;
import dev.assay.protocol.Topology;
import dev.assay.protocol.WorkerHeartbeat;
import dev.assay.testsupport.LocalPostgres;
import dev.assay.testsupport.LocalRabbitMq;
import dev.assay.testsupport.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job table as the outbox of the cluster job queue: an accepted job waits unpublished until the fair dispatcher
 * publishes it, at once when the broker is reachable, and when it is back otherwise. The gateway reaches the shared broker through a {@link TcpProxy}, which the
 * test cuts off; the broker itself is never stopped (other test runs use it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("cluster")
// closed afterwards: a cached gateway would keep storing events with its own lease timeout
@DirtiesContext
class JobOutboxTest {

    private static final Path STORAGE = temporaryDirectory();
    private static LocalRabbitMq broker;
    private static TcpProxy brokerProxy;

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) {
        broker().springProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("spring.rabbitmq.host", () -> "127.0.0.1");
        registry.add("spring.rabbitmq.port", () -> brokerProxy().port());
        // a database and virtual host of its own: the dispatcher counts every job in flight, and the jobs this test
        // reads off the queue itself stay in flight for good
        LocalPostgres.withNewDatabase().springProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("assay.storage.dir", STORAGE::toString);
        registry.add("assay.users", () -> "outbox-user:outbox-password");
        registry.add("assay.dispatch.tick-interval", () -> "500ms");
        registry.add("assay.cluster.confirm-timeout", () -> "3s");
        // no worker runs here: one heartbeat, recorded before each test, keeps a worker live for the whole test
        registry.add("assay.cluster.heartbeat-interval", () -> "10m");
    }

    private static synchronized LocalRabbitMq broker() {
        if (broker == null) {
            broker = LocalRabbitMq.withNewVirtualHost();
        }
        return broker;
    }

    private static synchronized TcpProxy brokerProxy() {
        if (brokerProxy == null) {
            brokerProxy = TcpProxy.to(broker().host(), broker().port()).start();
        }
        return brokerProxy;
    }

    @AfterAll
    static void closeProxy() {
        if (brokerProxy != null) {
            brokerProxy.close();
        }
    }

    @Autowired
    JobService jobs;
    @Autowired
    JobRepository repository;
    @Autowired
    FileStore files;
    @Autowired
    JsonMapper json;
    @Autowired
    WorkerRegistry workers;

    @BeforeEach
    void aWorkerIsLive() {
        workers.record(new WorkerHeartbeat("outbox-worker", "host", 1, 0, 0, Instant.now()));
    }

    @AfterEach
    void reconnect() {
        brokerProxy().start();
    }

    @Test
    void aJobAcceptedWhileTheBrokerIsReachableIsPublishedAtOnce() throws IOException {
        Job job = submit();

        await("the dispatcher publishes the job").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> repository.findById(job.id()).orElseThrow().publishedAt() != null);
        assertThat(reachedTheJobQueueOrAWorker(job)).isTrue();
    }

    @Test
    void aJobAcceptedWhileTheBrokerIsUnreachableIsPublishedWhenItIsBack() throws IOException {
        brokerProxy().stop();

        Job job = submit();

        assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
        Job kept = repository.findById(job.id()).orElseThrow();
        assertThat(kept.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(kept.publishedAt()).as("not published yet").isNull();

        brokerProxy().start();

        await("the dispatcher publishes the waiting job").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> repository.findById(job.id()).orElseThrow().publishedAt() != null);
        assertThat(reachedTheJobQueueOrAWorker(job)).isTrue();
    }

    private Job submit() throws IOException {
        byte[] content = "user,ts\nu1,2026-01-01T00:00:00Z\n".getBytes(StandardCharsets.UTF_8);
        NewFile file = new NewFile("outbox.csv", files.store(new ByteArrayInputStream(content)));
        List<Job> accepted = jobs.submit("outbox-user", List.of(file), Map.of());
        return accepted.get(0);
    }

    /**
     * Reads the job queue directly (not through the proxy) for this job's request; a worker of another test in this
     * JVM may have taken it already, which shows in the job's state.
     */
    private boolean reachedTheJobQueueOrAWorker(Job job) {
        LocalRabbitMq broker = broker();
        CachingConnectionFactory connections = new CachingConnectionFactory(broker.host(), broker.port());
        connections.setUsername(broker.username());
        connections.setPassword(broker.password());
        connections.setVirtualHost(broker.virtualHost());
        try {
            RabbitTemplate direct = new RabbitTemplate(connections);
            JacksonJsonMessageConverter converter = new JacksonJsonMessageConverter(json, "dev.assay.protocol");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                if (repository.findById(job.id()).orElseThrow().status() != JobStatus.QUEUED) {
                    return true;
                }
                Message message = direct.receive(Topology.JOBS_QUEUE, 500);
                if (message != null && converter.fromMessage(message) instanceof JobRequested request
                        && request.jobId().equals(job.id())) {
                    assertThat(request.baseSeq()).isEqualTo(job.seq());
                    assertThat(request.storageKey()).isEqualTo(job.storageKey());
                    return true;
                }
            }
            return false;
        } finally {
            connections.destroy();
        }
    }

    private static Path temporaryDirectory() {
        try {
            Path directory = Files.createTempDirectory("assay-outbox-");
            Runtime.getRuntime().addShutdownHook(new Thread(
                    () -> FileSystemUtils.deleteRecursively(directory.toFile()), "delete-" + directory.getFileName()));
            return directory;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

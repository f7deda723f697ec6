package dev.assay.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.assay.protocol.JobEvent;
import dev.assay.protocol.JobRequested;
import dev.assay.protocol.JobStatus;
import dev.assay.protocol.Topology;
import dev.assay.testsupport.LocalRabbitMq;

/**
 * A worker that is stopped (as on SIGTERM) stops taking jobs, lets a running job finish within its shutdown timeout,
 * and otherwise leaves the job to the queue. Runs a worker of its own in a virtual host of its own, so that the
 * worker shared by the other broker tests does not take its jobs.
 */
class GracefulShutdownTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static OwnVirtualHost virtualHost;
    private static RabbitTemplate rabbitTemplate;
    private static RabbitAdmin admin;

    private Queue events;

    @BeforeAll
    static void ownVirtualHost() {
        virtualHost = new OwnVirtualHost("assay-test-shutdown-");
        rabbitTemplate = virtualHost.rabbitTemplate;
        admin = virtualHost.admin;
    }

    @AfterEach
    void emptyQueues() {
        admin.purgeQueue(Topology.JOBS_QUEUE, false);
        admin.deleteQueue(events.getName());
    }

    @AfterAll
    static void deleteVirtualHost() {
        if (virtualHost != null) {
            virtualHost.close();
        }
    }

    @Test
    void aStoppingWorkerFinishesItsRunningJobAndAcksIt() throws Exception {
        ConfigurableApplicationContext worker = startWorker("10s");
        JobRequested job = aSlowJob(2L * 1024 * 1024);
        rabbitTemplate.convertAndSend(Topology.JOBS_EXCHANGE, Topology.JOBS_ROUTING_KEY, job);
        awaitEvent(job, JobStatus.PROCESSING);

        worker.close();

        assertThat(awaitEvent(job, null).status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(jobsQueue().getMessageCount()).isZero();
    }

    @Test
    void aStoppingWorkerGivesBackAJobThatDoesNotFinishInTime() throws Exception {
        ConfigurableApplicationContext worker = startWorker("500ms");
        JobRequested job = aSlowJob(4L * 1024 * 1024);
        rabbitTemplate.convertAndSend(Topology.JOBS_EXCHANGE, Topology.JOBS_ROUTING_KEY, job);
        awaitEvent(job, JobStatus.PROCESSING);

        worker.close();

        assertThat(jobsQueue().getMessageCount()).isEqualTo(1);
    }

    private ConfigurableApplicationContext startWorker(String shutdownTimeout) {
        Map<String, Object> properties = new LinkedHashMap<>(LocalRabbitMq.get().springProperties());
        properties.put("spring.rabbitmq.virtual-host", virtualHost.name);
        properties.put("assay.storage.dir", BrokerTestSupport.STORAGE.toString());
        properties.put("assay.worker.concurrency", "1");
        properties.put("assay.worker.shutdown-timeout", shutdownTimeout);
        ConfigurableApplicationContext worker = new SpringApplicationBuilder(WorkerApplication.class,
                TestFileStoreConfiguration.class)
                .web(WebApplicationType.NONE)
                .properties(properties)
                .run();
        events = new Queue("test.events." + UUID.randomUUID(), false, true, false);
        admin.declareQueue(events);
        admin.declareBinding(BindingBuilder.bind(events).to(new FanoutExchange(Topology.EVENTS_EXCHANGE)));
        return worker;
    }

    private JobEvent awaitEvent(JobRequested job, JobStatus status) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Object message = rabbitTemplate.receiveAndConvert(events.getName(), 500);
            if (message instanceof JobEvent event && event.jobId().equals(job.jobId())
                    && (status == null ? event.status().isTerminal() : event.status() == status)) {
                return event;
            }
        }
        throw new AssertionError("no " + (status == null ? "terminal" : status) + " event for job " + job.jobId());
    }

    private QueueInformation jobsQueue() {
        return admin.getQueueInfo(Topology.JOBS_QUEUE);
    }

    private static JobRequested aSlowJob(long size) throws IOException {
        String key = "slow/" + UUID.randomUUID() + ".csv";
        Path file = BrokerTestSupport.STORAGE.resolve(key);
        Files.createDirectories(file.getParent());
        EventsCsv.write(file, size);
        return new JobRequested(UUID.randomUUID(), "alice", key, "events.csv", Files.size(file), Map.of(), 0,
                Instant.now());
    }
}

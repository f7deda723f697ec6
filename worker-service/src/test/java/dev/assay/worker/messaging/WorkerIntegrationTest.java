package dev.assay.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

import dev.assay.protocol.CancelJob;
import dev.assay.protocol.JobEvent;
import dev.assay.protocol.JobPart;
import dev.assay.protocol.JobRequested;
import dev.assay.protocol.JobStatus;
import dev.assay.protocol.Topology;
import dev.assay.protocol.WorkerHeartbeat;
import dev.assay.testsupport.LocalRabbitMq;
import dev.assay.worker.BrokerTestSupport;
import dev.assay.worker.EventsCsv;
import dev.assay.worker.job.ActiveJobs;
import dev.assay.worker.job.CancelledJobs;
import dev.assay.worker.job.JobProcessor;
import dev.assay.worker.job.WorkerIdentity;

class WorkerIntegrationTest extends BrokerTestSupport {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Autowired
    RabbitTemplate rabbitTemplate;

    @Autowired
    AmqpAdmin amqpAdmin;

    @Autowired
    WorkerIdentity identity;

    @Autowired
    CancelledJobs cancelledJobs;

    @Autowired
    ActiveJobs activeJobs;

    private Queue events;

    @BeforeEach
    void listenToEvents() {
        // not auto-delete: the test's receive calls consume and cancel again and again
        events = new Queue("test.events." + UUID.randomUUID(), false, true, false);
        amqpAdmin.declareQueue(events);
        amqpAdmin.declareBinding(BindingBuilder.bind(events).to(new FanoutExchange(Topology.EVENTS_EXCHANGE)));
    }

    @AfterEach
    void stopListening() {
        amqpAdmin.deleteQueue(events.getName());
    }

    @Test
    void analysesACorpusFileAndAcksTheJobAfterItsCompletedEvent() throws Exception {
        String key = store("538__cabinet-turnover.csv");
        JobRequested job = aJob(key, Files.size(STORAGE.resolve(key)), 3);

        rabbitTemplate.convertAndSend(Topology.JOBS_EXCHANGE, Topology.JOBS_ROUTING_KEY, job);

        List<JobEvent> received = eventsUntilTerminal(job.jobId());
        assertThat(received).first().satisfies(first -> {
            assertThat(first.status()).isEqualTo(JobStatus.PROCESSING);
            assertThat(first.seq()).isEqualTo(4);
            assertThat(first.workerId()).isEqualTo(identity.workerId());
        });
        JobEvent completed = received.get(received.size() - 1);
        assertThat(completed.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(completed.owner()).isEqualTo("alice");
        assertThat(completed.result()).isNotNull();
        assertThat(completed.result().isObject()).isTrue();
        assertThat(completed.bytesRead()).isEqualTo(job.sizeBytes());
        assertThat(received).extracting(JobEvent::seq).isSorted().doesNotHaveDuplicates();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(messagesIn(Topology.JOBS_QUEUE)).isZero());
    }

    @Test
    void failsAJobWhoseFileIsGoneAndDeadLettersIt() throws Exception {
        String key = store("538__cabinet-turnover.csv");
        JobRequested job = aJob(key, Files.size(STORAGE.resolve(key)), 0);
        Files.delete(STORAGE.resolve(key));

        rabbitTemplate.convertAndSend(Topology.JOBS_EXCHANGE, Topology.JOBS_ROUTING_KEY, job);

        List<JobEvent> received = eventsUntilTerminal(job.jobId());
        assertThat(received).singleElement().satisfies(failed -> {
            assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
            assertThat(failed.error()).isEqualTo("The uploaded file is gone");
            assertThat(failed.seq()).isEqualTo(1);
        });
        awaitDeadLettered(job);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(messagesIn(Topology.JOBS_QUEUE)).isZero());
    }

    @Test
    void acksAJobAsSoonAsItHasStartedAndNamesItInHeartbeatsWhileItRuns() throws Exception {
        JobRequested job = aSlowJob(16L * 1024 * 1024);

        rabbitTemplate.convertAndSend(Topology.JOBS_EXCHANGE, Topology.JOBS_ROUTING_KEY, job);
        awaitMessage(m -> m instanceof JobEvent e && e.jobId().equals(job.jobId())
                && e.status() == JobStatus.PROCESSING);

        // ready plus unacknowledged messages: none, while the job still runs
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(messagesIn(Topology.JOBS_QUEUE)).isZero());
        WorkerHeartbeat heartbeat = (WorkerHeartbeat) awaitMessage(m -> m instanceof WorkerHeartbeat h
                && h.workerId().equals(identity.workerId()) && h.jobIds().contains(job.jobId()));
        assertThat(heartbeat.activeJobs()).isEqualTo(heartbeat.jobIds().size());
        assertThat(activeJobs.jobIds()).as("the job still runs").contains(job.jobId());

        rabbitTemplate.convertAndSend(Topology.CONTROL_EXCHANGE, "", new CancelJob(job.jobId(), 1L));
        assertThat(eventsUntilTerminal(job.jobId())).last().extracting(JobEvent::status)
                .isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void dropsTheRequestOfAJobCancelledBeforeItArrivedWithoutStartingIt() throws Exception {
        String key = store("538__cabinet-turnover.csv");
        JobRequested job = aJob(key, Files.size(STORAGE.resolve(key)), 2);
        rabbitTemplate.convertAndSend(Topology.CONTROL_EXCHANGE, "", new CancelJob(job.jobId(), 2L));
        await().atMost(TIMEOUT).until(() -> cancelledJobs.covers(job));

        rabbitTemplate.convertAndSend(Topology.JOBS_EXCHANGE, Topology.JOBS_ROUTING_KEY, job);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(messagesIn(Topology.JOBS_QUEUE)).isZero());
        assertNoEventFor(job.jobId(), Duration.ofSeconds(2));
    }

    @Test
    void dropsAChunkTaskOfAJobCancelledBeforeItArrivedWithoutWritingItsPartialResult() throws Exception {
        String key = "chunked/" + UUID.randomUUID() + ".csv";
        Files.createDirectories(STORAGE.resolve(key).getParent());
        long size = EventsCsv.write(STORAGE.resolve(key), 64 * 1024);
        JobRequested chunk = aJob(key, size, 2).forPart(JobPart.chunk(0, 1, 0, size), 500_002, Instant.now());
        rabbitTemplate.convertAndSend(Topology.CONTROL_EXCHANGE, "", new CancelJob(chunk.jobId(), 6_000_003L));
        await().atMost(TIMEOUT).until(() -> cancelledJobs.covers(chunk));

        rabbitTemplate.convertAndSend(Topology.JOBS_EXCHANGE, Topology.JOBS_ROUTING_KEY, chunk);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(messagesIn(Topology.JOBS_QUEUE)).isZero());
        assertNoEventFor(chunk.jobId(), Duration.ofSeconds(2));
        assertThat(STORAGE.resolve(".chunks").resolve(chunk.jobId().toString())).doesNotExist();
    }

    @Test
    void startsARetryOfAJobCancelledBefore() throws Exception {
        String key = store("538__cabinet-turnover.csv");
        UUID jobId = UUID.randomUUID();
        rabbitTemplate.convertAndSend(Topology.CONTROL_EXCHANGE, "", new CancelJob(jobId, 2L));
        JobRequested retried = new JobRequested(jobId, "alice", key, "turnover.csv",
                Files.size(STORAGE.resolve(key)), Map.of(), 4, Instant.now());
        await().atMost(TIMEOUT).until(() -> cancelledJobs.size() > 0);

        rabbitTemplate.convertAndSend(Topology.JOBS_EXCHANGE, Topology.JOBS_ROUTING_KEY, retried);

        assertThat(eventsUntilTerminal(jobId)).last().extracting(JobEvent::status).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void failsAStartedJobWhoseFileIsCorruptAndCopiesItsRequestToTheDeadLetterQueue() throws Exception {
        String key = "corrupt/" + UUID.randomUUID() + ".csv.gz";
        Files.createDirectories(STORAGE.resolve(key).getParent());
        byte[] notReallyGzip = new byte[4096];
        notReallyGzip[0] = 0x1f;
        notReallyGzip[1] = (byte) 0x8b;
        notReallyGzip[2] = 8;
        java.util.Arrays.fill(notReallyGzip, 10, notReallyGzip.length, (byte) 0x55);
        Files.write(STORAGE.resolve(key), notReallyGzip);
        JobRequested job = aJob(key, notReallyGzip.length, 0);

        rabbitTemplate.convertAndSend(Topology.JOBS_EXCHANGE, Topology.JOBS_ROUTING_KEY, job);

        List<JobEvent> received = eventsUntilTerminal(job.jobId());
        assertThat(received).first().extracting(JobEvent::status).isEqualTo(JobStatus.PROCESSING);
        JobEvent failed = received.get(received.size() - 1);
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).startsWith("The file could not be read as gzip");
        Message copy = awaitDeadLettered(job);
        assertThat(copy.getMessageProperties().<String>getHeader(JobListener.FAILURE_HEADER))
                .isEqualTo(failed.error());
    }

    @Test
    void processesAJobAgainWhenTheFileStoreWasBrieflyUnavailable() throws Exception {
        Files.createDirectories(STORAGE.resolve("flaky"));
        String key = "flaky/" + UUID.randomUUID() + ".csv";
        Files.copy(CORPUS.resolve("538__cabinet-turnover.csv"), STORAGE.resolve(key));
        JobRequested job = aJob(key, Files.size(STORAGE.resolve(key)), 3);

        rabbitTemplate.convertAndSend(Topology.JOBS_EXCHANGE, Topology.JOBS_ROUTING_KEY, job);

        List<JobEvent> received = eventsUntilTerminal(job.jobId());
        assertThat(received).last().extracting(JobEvent::status).isEqualTo(JobStatus.COMPLETED);
        // the second delivery is attempt 1: all its events are newer than any the first could have published
        assertThat(received).first().extracting(JobEvent::seq)
                .isEqualTo(3 + JobProcessor.SEQ_SPAN_PER_ATTEMPT + 1);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(messagesIn(Topology.JOBS_QUEUE)).isZero());
    }

    @Test
    void processesAJobDeliveredTwiceAtOnceOnlyOnce() throws Exception {
        Path file = STORAGE.resolve("slow/" + UUID.randomUUID() + ".csv");
        Files.createDirectories(file.getParent());
        long size = EventsCsv.write(file, 1024 * 1024);
        JobRequested job = aJob(STORAGE.relativize(file).toString(), size, 0);

        rabbitTemplate.convertAndSend(Topology.JOBS_EXCHANGE, Topology.JOBS_ROUTING_KEY, job);
        rabbitTemplate.convertAndSend(Topology.JOBS_EXCHANGE, Topology.JOBS_ROUTING_KEY, job);

        List<JobEvent> received = eventsUntilTerminal(job.jobId());
        assertThat(received).filteredOn(event -> event.seq() == 1).hasSize(1);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(messagesIn(Topology.JOBS_QUEUE)).isZero());
        assertThat(rabbitTemplate.receiveAndConvert(events.getName(), 1000))
                .as("no event after the job's terminal one")
                .isNotInstanceOf(JobEvent.class);
    }

    @Test
    void failsAJobWhoseFileCannotBeReadInAnyAttemptAndDeadLettersIt() throws Exception {
        JobRequested job = aJob("unreadable/" + UUID.randomUUID() + ".csv", 100, 0);

        rabbitTemplate.convertAndSend(Topology.JOBS_EXCHANGE, Topology.JOBS_ROUTING_KEY, job);

        List<JobEvent> received = eventsUntilTerminal(job.jobId());
        int attempts = Topology.JOBS_DELIVERY_LIMIT + 1;
        assertThat(received).singleElement().satisfies(failed -> {
            assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
            assertThat(failed.error()).startsWith("The job could not be finished after " + attempts + " attempts");
            assertThat(failed.seq()).isEqualTo(attempts * JobProcessor.SEQ_SPAN_PER_ATTEMPT);
        });
        awaitDeadLettered(job);
    }

    @Test
    void deadLettersMessagesThatAreNotJobRequests() {
        String notJson = "this is not a job " + UUID.randomUUID();
        String noJobId = "{\"owner\":\"alice\",\"marker\":\"" + UUID.randomUUID() + "\"}";

        rabbitTemplate.send(Topology.JOBS_EXCHANGE, Topology.JOBS_ROUTING_KEY, json(notJson));
        rabbitTemplate.send(Topology.JOBS_EXCHANGE, Topology.JOBS_ROUTING_KEY, json(noJobId));

        List<String> deadLettered = new ArrayList<>();
        await().atMost(TIMEOUT).untilAsserted(() -> {
            Message message = rabbitTemplate.receive(Topology.JOBS_DEAD_LETTER_QUEUE, 500);
            if (message != null) {
                deadLettered.add(new String(message.getBody(), StandardCharsets.UTF_8));
            }
            assertThat(deadLettered).contains(notJson, noJobId);
        });
    }

    @Test
    void sendsHeartbeats() {
        WorkerHeartbeat heartbeat = (WorkerHeartbeat) awaitMessage(
                m -> m instanceof WorkerHeartbeat h && h.workerId().equals(identity.workerId()));

        assertThat(heartbeat.concurrency()).isEqualTo(2);
        assertThat(heartbeat.host()).isEqualTo(identity.host());
        assertThat(heartbeat.activeJobs()).isBetween(0, 2);
        assertThat(heartbeat.timestamp()).isNotNull();
    }

    @Test
    void cancelsARunningJob() throws Exception {
        JobRequested job = aSlowJob(8L * 1024 * 1024);
        long size = job.sizeBytes();
        rabbitTemplate.convertAndSend(Topology.JOBS_EXCHANGE, Topology.JOBS_ROUTING_KEY, job);
        awaitMessage(m -> m instanceof JobEvent e && e.jobId().equals(job.jobId())
                && e.status() == JobStatus.PROCESSING);

        long cancelledAt = System.nanoTime();
        rabbitTemplate.convertAndSend(Topology.CONTROL_EXCHANGE, "", new CancelJob(job.jobId(), job.baseSeq() + 1));

        List<JobEvent> received = eventsUntilTerminal(job.jobId());
        JobEvent terminal = received.get(received.size() - 1);
        assertThat(terminal.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(terminal.bytesRead()).isLessThan(size);
        assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(3));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(messagesIn(Topology.JOBS_QUEUE)).isZero());
    }

    private Message awaitDeadLettered(JobRequested job) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Message message = rabbitTemplate.receive(Topology.JOBS_DEAD_LETTER_QUEUE, 500);
            if (message != null
                    && new String(message.getBody(), StandardCharsets.UTF_8).contains(job.jobId().toString())) {
                return message;
            }
        }
        throw new AssertionError("job " + job.jobId() + " not dead-lettered within " + TIMEOUT);
    }

    private void assertNoEventFor(UUID jobId, Duration during) {
        long deadline = System.nanoTime() + during.toNanos();
        while (System.nanoTime() < deadline) {
            Object message = rabbitTemplate.receiveAndConvert(events.getName(), 200);
            assertThat(message instanceof JobEvent event && event.jobId().equals(jobId))
                    .as("an event of job %s: %s", jobId, message).isFalse();
        }
    }

    private static JobRequested aSlowJob(long size) throws IOException {
        Path file = STORAGE.resolve("slow/" + UUID.randomUUID() + ".csv");
        Files.createDirectories(file.getParent());
        long written = EventsCsv.write(file, size);
        return aJob(STORAGE.relativize(file).toString(), written, 0);
    }

    private List<JobEvent> eventsUntilTerminal(UUID jobId) {
        List<JobEvent> received = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Object message = rabbitTemplate.receiveAndConvert(events.getName(), 500);
            if (message instanceof JobEvent event && event.jobId().equals(jobId)) {
                received.add(event);
                if (event.status().isTerminal()) {
                    return received;
                }
            }
        }
        throw new AssertionError("no terminal event for job " + jobId + " within " + TIMEOUT + "; got " + received);
    }

    private Object awaitMessage(Predicate<Object> wanted) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Object message = rabbitTemplate.receiveAndConvert(events.getName(), 500);
            if (message != null && wanted.test(message)) {
                return message;
            }
        }
        throw new AssertionError("no wanted message on " + Topology.EVENTS_EXCHANGE + " within " + TIMEOUT);
    }

    private static JobRequested aJob(String storageKey, long sizeBytes, long baseSeq) {
        return new JobRequested(UUID.randomUUID(), "alice", storageKey, Path.of(storageKey).getFileName().toString(),
                sizeBytes, Map.of(), baseSeq, Instant.now());
    }

    private static String store(String corpusFile) throws IOException {
        String key = UUID.randomUUID() + "/" + corpusFile;
        Files.createDirectories(STORAGE.resolve(key).getParent());
        Files.copy(CORPUS.resolve(corpusFile), STORAGE.resolve(key));
        return key;
    }

    private static Message json(String body) {
        return MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .build();
    }

    /** Ready plus unacknowledged messages of a queue, as the broker counts them. */
    private static long messagesIn(String queue) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("rabbitmqctl", "list_queues", "-q", "--no-table-headers",
                "-p", LocalRabbitMq.get().virtualHost(), "name", "messages").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return output.lines()
                .map(line -> line.trim().split("\\s+"))
                .filter(columns -> columns.length == 2 && columns[0].equals(queue))
                .mapToLong(columns -> Long.parseLong(columns[1]))
                .findFirst()
                .orElseThrow(() -> new AssertionError("queue " + queue + " not listed: " + output));
    }
}

package dev.assay.fault;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.assay.protocol.JobEvent;
import dev.assay.protocol.JobStatus;
import dev.assay.protocol.Topology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.assay.fault.AssayCluster.ADMIN;
import static dev.assay.fault.AssayCluster.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 6, faults 5 and 6: poison on the jobs queue, a job whose file was deleted, and cancelling a job while it is
 * queued and while it is processed. One worker; the tests that need a job to stay queued stop it first.
 */
class BadJobsAndCancelFaultTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private static AssayCluster cluster;
    private static Path smallFile;
    private static Path longFile;

    @BeforeAll
    static void startCluster() {
        cluster = AssayCluster.start("bad-jobs", 1, 1, () -> {
            smallFile = FaultFiles.eventLogs("fault-files/bad-jobs", 1, 2_000).get(0);
            longFile = FaultFiles.longEventLog();
        });
    }

    @AfterAll
    static void stopCluster() {
        AssayCluster.closeQuietly(cluster);
    }

    @Test
    void aMalformedMessageOnTheJobsQueueIsDeadLetteredAndTheWorkersKeepWorking() throws Exception {
        FaultReport report = new FaultReport("malformed-message");
        byte[] garbage = "{\"this is\": not a job".getBytes(StandardCharsets.UTF_8);
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            channel.basicPublish(Topology.JOBS_EXCHANGE, Topology.JOBS_ROUTING_KEY,
                    new AMQP.BasicProperties.Builder().contentType("application/json").deliveryMode(2).build(),
                    garbage);
            report.injected("a malformed message on " + Topology.JOBS_EXCHANGE);

            // the queue may also hold the requests of jobs that failed in the other tests
            await("the message is dead-lettered").atMost(TIMEOUT)
                    .until(() -> nextDeadLetter(channel), body -> body != null && Arrays.equals(body, garbage));
            report.note("found in " + Topology.JOBS_DEAD_LETTER_QUEUE);
        }
        assertTheWorkersKeepWorking(report);
    }

    @Test
    void aJobWhoseFileWasDeletedFailsWithAReasonAndTheWorkersKeepWorking() throws Exception {
        FaultReport report = new FaultReport("deleted-file");
        AssayApi api = cluster.gateway().api(ALICE);
        UUID id = whileNoWorkerRuns(report, () -> {
            Set<Path> before = storedFiles();
            UUID queued = api.upload(smallFile).jobId();
            Set<Path> added = new HashSet<>(storedFiles());
            added.removeAll(before);
            assertThat(added).as("the stored file of job %s", queued).hasSize(1);
            Files.delete(added.iterator().next());
            report.injected("deleted the stored file of queued job " + queued);
            return queued;
        });

        JobTally tally = JobTally.await(api, null, List.of(id), TIMEOUT);
        report.counted(tally);
        String error = api.job(id).body().get("error").asString();
        report.note("reason: " + error);
        assertThat(tally.failed()).as("%s", tally).isEqualTo(1);
        assertThat(error).containsIgnoringCase("file is gone");
        assertTheWorkersKeepWorking(report);
    }

    @Test
    void aJobCancelledWhileQueuedIsNeverProcessed() throws Exception {
        FaultReport report = new FaultReport("cancel-queued");
        AssayApi api = cluster.gateway().api(ALICE);
        try (LiveEvents live = cluster.gateway().live(ALICE)) {
            UUID id = whileNoWorkerRuns(report, () -> {
                UUID queued = api.upload(smallFile).jobId();
                AssayApi.Answer cancel = api.cancel(queued);
                report.injected("cancel of queued job " + queued + ": " + cancel.status());
                assertThat(cancel.status()).as(cancel.text()).isEqualTo(200);
                return queued;
            });
            // one worker, one job at a time, in queue order: once a later job completed, the cancelled one would
            // have been taken, had it been handed to the broker
            assertTheWorkersKeepWorking(report);

            assertThat(api.job(id).body().get("status").asString()).isEqualTo("CANCELLED");
            assertThat(cluster.gateway().process().logContains("Job " + id + " is CANCELLED but"))
                    .as("a worker started the cancelled job").isFalse();
            assertThat(live.events(id)).as("events of the job cancelled while queued").extracting(JobEvent::status)
                    .doesNotContain(JobStatus.PROCESSING, JobStatus.COMPLETED);
        }
    }

    @Test
    void aJobCancelledWhileProcessingStopsAndTheWorkersKeepWorking() throws Exception {
        FaultReport report = new FaultReport("cancel-processing");
        AssayApi api = cluster.gateway().api(ALICE);
        try (LiveEvents live = cluster.gateway().live(ALICE)) {
            UUID id = aLongJobInProgress(api, live);
            AssayApi.Answer cancel = api.cancel(id);
            report.injected("cancel of processing job " + id + ": " + cancel.status());
            assertThat(cancel.status()).as(cancel.text()).isEqualTo(200);

            JobTally tally = JobTally.await(api, live, List.of(id), TIMEOUT);
            report.counted(tally);
            assertThat(tally.cancelled()).as("%s", tally).isEqualTo(1);
            assertThat(live.count(id, JobStatus.COMPLETED)).as("COMPLETED events of the cancelled job").isZero();
        }
        assertTheWorkersKeepWorking(report);
    }

    @Test
    void aJobCancelledWhileItsRequestWaitsInTheBrokerStaysCancelledAndItsRunIsNotShown() throws Exception {
        FaultReport report = new FaultReport("cancel-queued-in-broker");
        AssayApi api = cluster.gateway().api(ALICE);
        try (LiveEvents live = cluster.gateway().live(ALICE)) {
            UUID id = whileItsRequestWaitsInTheBroker(report, api, live, waiting -> {
                AssayApi.Answer cancel = api.cancel(waiting);
                report.injected("cancel of job " + waiting + " while no worker runs: " + cancel.status());
                assertThat(cancel.status()).as(cancel.text()).isEqualTo(200);
            });

            await("the gateway broadcasts the cancel again").atMost(TIMEOUT)
                    .until(() -> cluster.gateway().process().logContains("Job " + id + " is CANCELLED but"));
            report.note("the new worker started the job and was told again to stop it");
            assertTheWorkersKeepWorking(report);
            assertThat(api.job(id).body().get("status").asString()).isEqualTo("CANCELLED");
            assertThat(live.events(id)).as("events of the job cancelled while its request was in the broker")
                    .extracting(JobEvent::status).doesNotContain(JobStatus.PROCESSING, JobStatus.COMPLETED);
        }
    }

    @Test
    void aDeadLetterMovedBackWithTheReadmesShovelIsProcessed() throws Exception {
        FaultReport report = new FaultReport("dlq-requeue");
        AssayApi api = cluster.gateway().api(ALICE);
        try (LiveEvents live = cluster.gateway().live(ALICE)) {
            UUID id = whileItsRequestWaitsInTheBroker(report, api, live, waiting -> {
                try (Connection connection = connect(); Channel channel = connection.createChannel()) {
                    channel.queuePurge(Topology.JOBS_DEAD_LETTER_QUEUE); // the dead letters of the other tests
                    GetResponse request = channel.basicGet(Topology.JOBS_QUEUE, false);
                    assertThat(request).as("the request of job %s in %s", waiting, Topology.JOBS_QUEUE).isNotNull();
                    assertThat(new String(request.getBody(), StandardCharsets.UTF_8)).contains(waiting.toString());
                    channel.basicPublish("", Topology.JOBS_DEAD_LETTER_QUEUE, request.getProps(), request.getBody());
                    channel.basicAck(request.getEnvelope().getDeliveryTag(), false);
                    report.injected("moved the request of queued job " + waiting + " to "
                            + Topology.JOBS_DEAD_LETTER_QUEUE + ", as when its FAILED event is lost with the broker");

                    // the busy job's worker handed it back as it stopped: its request may wait there too
                    long ready = channel.queueDeclarePassive(Topology.JOBS_QUEUE).getMessageCount();
                    cluster.broker().setParameter(cluster.virtualHost(), "shovel", "assay-dlq-requeue",
                            readmeShovelDefinition(cluster.virtualHost()));
                    await("the shovel moves the dead letter back").atMost(TIMEOUT).until(() ->
                            channel.queueDeclarePassive(Topology.JOBS_DEAD_LETTER_QUEUE).getMessageCount() == 0
                                    && channel.queueDeclarePassive(Topology.JOBS_QUEUE).getMessageCount()
                                            == ready + 1);
                    report.note("the README's shovel moved it back to " + Topology.JOBS_QUEUE);
                }
            });

            JobTally tally = JobTally.await(api, live, List.of(id), TIMEOUT);
            report.counted(tally);
            assertThat(tally.completed()).as("%s", tally).isEqualTo(1);
        }
    }

    /**
     * The shovel of the README's section "The dead-letter queue", word for word, with this test's virtual host in
     * place of the default one ({@code amqp://} is the default virtual host of the local node).
     */
    private static String readmeShovelDefinition(String virtualHost) throws IOException {
        String readme = Files.readString(FaultFiles.repositoryRoot().resolve("README.md"));
        Matcher shovel = Pattern.compile("set_parameter -p / shovel assay-dlq-requeue \\\\\\s*'([^']+)'")
                .matcher(readme);
        assertThat(shovel.find()).as("the README's shovel command").isTrue();
        String uri = "amqp:///" + URLEncoder.encode(virtualHost, StandardCharsets.UTF_8);
        return shovel.group(1).replace("\"amqp://\"", "\"" + uri + "\"");
    }

    /** What a test does to a job, given its id. */
    private interface JobAction {
        void on(UUID job) throws Exception;
    }

    /**
     * Keeps the worker busy with a long job and uploads a small one, which is dispatched behind it (the prefetch
     * margin), so that its request waits in the broker; then, while no worker runs, cancels the busy job (on a fast
     * machine it may have finished as its worker stopped: 409) and runs the action on the small job.
     *
     * @return the small job
     */
    private static UUID whileItsRequestWaitsInTheBroker(FaultReport report, AssayApi api, LiveEvents live,
            JobAction action) throws Exception {
        UUID busy = aLongJobInProgress(api, live);
        UUID waiting = api.upload(smallFile).jobId();
        return whileNoWorkerRuns(report, () -> {
            assertThat(readyJobRequests()).as("job requests waiting in " + Topology.JOBS_QUEUE).isPositive();
            AssayApi.Answer cancel = api.cancel(busy);
            report.note("cancel of the busy job " + busy + ": " + cancel.status());
            assertThat(cancel.status()).as(cancel.text()).isIn(200, 409);
            action.on(waiting);
            return waiting;
        });
    }

    /** Uploads the long file and waits until its job has read some of it. */
    private static UUID aLongJobInProgress(AssayApi api, LiveEvents live) {
        UUID id = api.upload(longFile).jobId();
        await("the job is being processed").atMost(TIMEOUT).until(() -> live.events(id).stream()
                .anyMatch(event -> event.status() == JobStatus.PROCESSING && event.bytesRead() != null
                        && event.bytesRead() > 0));
        return id;
    }

    /**
     * Stops the workers and waits until the gateway no longer counts any as live (so that it dispatches nothing),
     * runs the action, then starts a new worker.
     */
    private static <T> T whileNoWorkerRuns(FaultReport report, Callable<T> action) throws Exception {
        for (JavaProcess worker : cluster.workers()) {
            worker.stop();
            report.note("stopped " + worker);
        }
        AssayApi admin = cluster.gateway().api(ADMIN);
        await("the gateway counts no live worker").atMost(TIMEOUT)
                .until(() -> admin.cluster().body().get("workers").isEmpty());
        try {
            return action.call();
        } finally {
            report.note("started " + cluster.startWorker());
        }
    }

    private static void assertTheWorkersKeepWorking(FaultReport report) throws Exception {
        AssayApi api = cluster.gateway().api(ALICE);
        try (LiveEvents live = cluster.gateway().live(ALICE)) {
            UUID id = api.upload(smallFile).jobId();
            JobTally tally = JobTally.await(api, live, List.of(id), TIMEOUT);
            report.counted(tally);
            assertThat(tally.completed()).as("a job uploaded afterwards completes: %s", tally).isEqualTo(1);
        }
    }

    private static Set<Path> storedFiles() throws IOException {
        try (Stream<Path> files = Files.walk(cluster.storage())) {
            return Set.copyOf(files.filter(Files::isRegularFile).toList());
        }
    }

    /** The job requests ready in the jobs queue, delivered to no consumer. */
    private static long readyJobRequests() throws Exception {
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(Topology.JOBS_QUEUE).getMessageCount();
        }
    }

    /** Takes the next message off the dead-letter queue: its body, or null when the queue is empty. */
    private static byte[] nextDeadLetter(Channel channel) throws IOException {
        GetResponse response = channel.basicGet(Topology.JOBS_DEAD_LETTER_QUEUE, true);
        return response == null ? null : response.getBody();
    }

    private static Connection connect() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(cluster.broker().port());
        factory.setVirtualHost(cluster.virtualHost());
        return factory.newConnection("fault-tests");
    }
}

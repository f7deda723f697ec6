package dev.assay.gateway.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.assay.gateway.job.EventBus;
import dev.assay.protocol.JobEvent;
import dev.assay.protocol.JobRequested;
import dev.assay.protocol.JobStatus;
import dev.assay.protocol.Topology;
import dev.assay.protocol.WorkerHeartbeat;
import dev.assay.worker.job.FileSystemStoredFiles;
import dev.assay.worker.job.JobProcessor;
import dev.assay.worker.job.WorkerIdentity;
import org.flywaydb.core.Flyway;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The standalone pool around the workers' real job processor and engine, on an in-memory H2 database with the
 * gateway's schema; its events go to a recording bus instead of the store and the live push.
 */
class LocalWorkerPoolTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final WorkerIdentity IDENTITY = new WorkerIdentity("local-test-worker", "test-host");
    private static final String CONTENT = "user,action,amount\nann,login,1\nbob,buy,2\nann,buy,3\n";

    @TempDir
    Path storage;

    private final RecordingBus bus = new RecordingBus();
    private final Queue<WorkerHeartbeat> heartbeats = new ConcurrentLinkedQueue<>();
    private final JsonMapper json = JsonMapper.builder().build();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private JdbcClient jdbc;
    private LocalWorkerPool pool;

    @BeforeEach
    void database() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:pool-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/h2").load().migrate();
        jdbc = JdbcClient.create(dataSource);
    }

    @AfterEach
    void stopPool() {
        bus.releaseAll();
        if (pool != null) {
            pool.stop();
        }
    }

    @Test
    void aJobIsProcessedByTheWorkersProcessorAndItsEventsGoToTheBus() throws Exception {
        pool = startedPool(1, Duration.ofSeconds(5));
        assertThat(heartbeats).as("heartbeats once started: the dispatcher serves only a live worker").isNotEmpty();
        UUID jobId = storedJob(JobStatus.QUEUED, 1);

        pool.enqueue(request(jobId, 1));

        JobEvent completed = bus.awaitTerminal(jobId);
        assertThat(completed.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(completed.result()).isNotNull();
        assertThat(completed.workerId()).isEqualTo(IDENTITY.workerId());
        assertThat(bus.of(jobId)).extracting(JobEvent::seq).allSatisfy(seq -> assertThat(seq).isGreaterThan(1));
        await().atMost(TIMEOUT).until(() -> heartbeats.stream().anyMatch(beat -> beat.jobsDone() == 1));
        assertThat(heartbeats.peek().concurrency()).isEqualTo(1);
        assertThat(meters.get("assay.worker.jobs.processed").tag("outcome", "COMPLETED").counter().count())
                .as("the pool reports the worker metrics a worker process does").isEqualTo(1);
        assertThat(meters.get("assay.worker.job.read").counter().count()).isEqualTo(CONTENT.length());
    }

    @Test
    void aJobCancelledWhileWaitingEndsCancelledWithoutBeingAnalysed() throws Exception {
        pool = startedPool(1, Duration.ofSeconds(5));
        UUID running = storedJob(JobStatus.QUEUED, 1);
        UUID waiting = storedJob(JobStatus.QUEUED, 1);
        bus.holdFirstProgressOf(running);
        pool.enqueue(request(running, 1));
        bus.awaitHeld();
        pool.enqueue(request(waiting, 1));

        pool.cancel(waiting, 1);
        bus.releaseAll();

        assertThat(bus.awaitTerminal(running).status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(bus.awaitTerminal(waiting).status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(bus.of(waiting)).extracting(JobEvent::status).containsExactly(JobStatus.CANCELLED);
    }

    @Test
    void aJobWaitingOrRunningHereIsNotTakenTwice() throws Exception {
        pool = startedPool(1, Duration.ofSeconds(5));
        UUID jobId = storedJob(JobStatus.QUEUED, 1);
        bus.holdFirstProgressOf(jobId);
        pool.enqueue(request(jobId, 1));
        bus.awaitHeld();

        pool.enqueue(request(jobId, 1));
        assertThat(pool.waitingJobs()).hasValue(0);
        bus.releaseAll();

        bus.awaitTerminal(jobId);
        await().during(Duration.ofMillis(300)).atMost(TIMEOUT)
                .until(() -> bus.of(jobId).stream().filter(event -> event.status().isTerminal()).count() == 1);
    }

    @Test
    void atStartInterruptedJobsAreTakenAgainAndQueuedOnesGoBackToTheDispatcher() throws Exception {
        UUID dispatched = storedJob(JobStatus.QUEUED, 1);
        jdbc.sql("UPDATE jobs SET published_at = queued_at WHERE id = :id").param("id", dispatched).update();
        UUID processing = storedJob(JobStatus.PROCESSING, 4);
        UUID completed = storedJob(JobStatus.COMPLETED, 3);

        pool = startedPool(2, Duration.ofSeconds(5));

        assertThat(bus.awaitTerminal(processing).status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(bus.of(processing)).extracting(JobEvent::seq).allSatisfy(seq -> assertThat(seq).isGreaterThan(4));
        assertThat(jdbc.sql("SELECT published_at FROM jobs WHERE id = :id").param("id", dispatched)
                .query(OffsetDateTime.class).optional()).as("waiting to be dispatched again").isEmpty();
        assertThat(bus.of(dispatched)).isEmpty();
        assertThat(bus.of(completed)).isEmpty();
    }

    @Test
    void aJobWhoseResultIsNotAcceptedIsTriedAgainAndFailedAfterTheDeliveryLimit() throws Exception {
        bus.refuse(JobStatus.COMPLETED);
        pool = startedPool(1, Duration.ofSeconds(5));
        UUID jobId = storedJob(JobStatus.QUEUED, 1);

        pool.enqueue(request(jobId, 1));

        JobEvent failed = await().atMost(TIMEOUT).until(() -> bus.of(jobId).stream()
                .filter(event -> event.status() == JobStatus.FAILED).findFirst().orElse(null), event -> event != null);

        assertThat(bus.refusals()).isEqualTo(Topology.JOBS_DELIVERY_LIMIT);
        assertThat(failed.seq()).isEqualTo(2);
        assertThat(failed.error()).contains(Topology.JOBS_DELIVERY_LIMIT + " attempts");
    }

    @Test
    void onStopRunningJobsAreAbandonedWithoutATerminalStateAndWaitingOnesLeftAlone() throws Exception {
        pool = startedPool(1, Duration.ofMillis(200));
        UUID running = storedJob(JobStatus.QUEUED, 1);
        UUID waiting = storedJob(JobStatus.QUEUED, 1);
        bus.holdFirstProgressOf(running);
        pool.enqueue(request(running, 1));
        bus.awaitHeld();
        pool.enqueue(request(waiting, 1));

        Thread stopping = new Thread(pool::stop);
        stopping.start();
        // past the shutdown timeout, so that the pool abandons the job it still runs
        Thread.sleep(500);
        bus.releaseAll();
        stopping.join(TIMEOUT.toMillis());

        await().during(Duration.ofMillis(300)).atMost(TIMEOUT)
                .until(() -> bus.of(running).stream().noneMatch(event -> event.status().isTerminal()));
        assertThat(bus.of(waiting)).isEmpty();
    }

    private LocalWorkerPool startedPool(int concurrency, Duration shutdownTimeout) {
        FileSystemStoredFiles files = new FileSystemStoredFiles(storage);
        LocalWorkerPool started = new LocalWorkerPool(
                sink -> new JobProcessor(files, sink, json, IDENTITY.workerId(), Duration.ZERO, Clock.systemUTC()),
                bus, new UnfinishedJobs(jdbc, json), heartbeats::add, IDENTITY,
                new LocalWorkerPool.Settings(concurrency, Duration.ofMillis(100), shutdownTimeout,
                        Duration.ofMillis(20)), meters);
        started.start();
        return started;
    }

    /** A job in the database and its file in the store. */
    private UUID storedJob(JobStatus status, long seq) throws IOException {
        UUID id = UUID.randomUUID();
        Files.writeString(storage.resolve(storageKey(id)), CONTENT);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("""
                        INSERT INTO jobs (id, owner, file_name, storage_key, size_bytes, sha256, status, seq, options,
                                          submitted_at, queued_at)
                        VALUES (:id, 'ann', 'events.csv', :key, :size, :sha, :status, :seq, '{}', :now, :now)
                        """)
                .param("id", id)
                .param("key", storageKey(id))
                .param("size", CONTENT.length())
                .param("sha", "0".repeat(64))
                .param("status", status.name())
                .param("seq", seq)
                .param("now", now)
                .update();
        return id;
    }

    private static JobRequested request(UUID jobId, long baseSeq) {
        return new JobRequested(jobId, "ann", storageKey(jobId), "events.csv", CONTENT.length(), Map.of(), baseSeq,
                Instant.now());
    }

    private static String storageKey(UUID jobId) {
        return "events-" + jobId + ".csv";
    }

    /** An event bus that records, and on request holds a job's first progress event or refuses a state. */
    private static final class RecordingBus implements EventBus {

        private final Queue<JobEvent> events = new ConcurrentLinkedQueue<>();
        private final Set<UUID> held = ConcurrentHashMap.newKeySet();
        private final CountDownLatch holding = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private volatile JobStatus refused;
        private final AtomicInteger refusals = new AtomicInteger();

        @Override
        public void publish(JobEvent event) {
            if (event.status() == refused) {
                refusals.incrementAndGet();
                throw new IllegalStateException("refused by the test");
            }
            events.add(event);
            if (event.status() == JobStatus.PROCESSING && held.remove(event.jobId())) {
                holding.countDown();
                try {
                    release.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        void holdFirstProgressOf(UUID jobId) {
            held.add(jobId);
        }

        void awaitHeld() {
            await().atMost(TIMEOUT).until(() -> holding.getCount() == 0);
        }

        void releaseAll() {
            release.countDown();
        }

        void refuse(JobStatus status) {
            refused = status;
        }

        int refusals() {
            return refusals.get();
        }

        List<JobEvent> of(UUID jobId) {
            return events.stream().filter(event -> event.jobId().equals(jobId)).toList();
        }

        JobEvent awaitTerminal(UUID jobId) {
            return await().atMost(TIMEOUT).until(() -> of(jobId).stream()
                    .filter(event -> event.status().isTerminal()).findFirst().orElse(null), event -> event != null);
        }
    }
}

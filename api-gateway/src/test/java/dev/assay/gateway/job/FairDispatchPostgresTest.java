package dev.assay.gateway.job;

import static dev.assay.gateway.job.JobFixtures.T0;
import static dev.assay.gateway.job.JobFixtures.aQueuedJob;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.zaxxer.hikari.HikariDataSource;
import dev.assay.gateway.cluster.ClusterProperties;
import dev.assay.gateway.cluster.WorkerRegistry;
import dev.assay.protocol.JobRequested;
import dev.assay.protocol.WorkerHeartbeat;
import dev.assay.testsupport.LocalPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fair dispatcher and the queue positions on PostgreSQL, in a database of their own (they count every job in
 * it): the fleet's target, turns between users, the per-user cap, several dispatchers sharing one database, and
 * positions that match the order jobs are then dispatched in.
 */
class FairDispatchPostgresTest {

    private static HikariDataSource dataSource;

    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final JobRepository jobs = new JobRepository(jdbc, JsonMapper.builder().build());
    private final WaitingJobs waiting = new WaitingJobs(jdbc);
    private final TransactionTemplate transactions =
            new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    private final WorkerRegistry workers =
            new WorkerRegistry(new ClusterProperties(Duration.ofMinutes(1), Duration.ofSeconds(5)), Clock.systemUTC());
    private final Queue<JobRequested> published = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void database() {
        LocalPostgres postgres = LocalPostgres.withNewDatabase();
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.url());
        dataSource.setUsername(postgres.username());
        dataSource.setPassword(postgres.password());
        dataSource.setMaximumPoolSize(6);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/postgresql").load().migrate();
    }

    @AfterAll
    static void closeDatabase() {
        dataSource.close();
    }

    @BeforeEach
    void emptyTables() {
        jdbc.sql("DELETE FROM jobs").update();
        jdbc.sql("DELETE FROM dispatch_owners").update();
    }

    private FairDispatcher dispatcher(int prefetch, int perUserCap, JobQueue queue) {
        return new FairDispatcher(jobs, waiting, queue, workers,
                new DispatchProperties(prefetch, perUserCap, Duration.ofMinutes(1)), transactions, Clock.systemUTC());
    }

    private FairDispatcher dispatcher(int prefetch, int perUserCap) {
        return dispatcher(prefetch, perUserCap, published::add);
    }

    private void workersRunning(int concurrency) {
        workers.record(new WorkerHeartbeat("worker-1", "host", concurrency, 0, 0, Instant.now()));
    }

    private List<Job> waitingJobs(String owner, int count, int firstSecond) {
        List<Job> stored = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Job job = aQueuedJob(owner, T0.plusSeconds(firstSecond + i));
            jobs.insert(job);
            stored.add(job);
        }
        return stored;
    }

    private List<String> ownersPublished() {
        return published.stream().map(JobRequested::owner).toList();
    }

    private void finish(JobRequested request) {
        jdbc.sql("UPDATE jobs SET status = 'COMPLETED', seq = seq + 1 WHERE id = :id").param("id", request.jobId())
                .update();
    }

    @Test
    void aRoundFillsTheFleetPlusThePrefetchMarginTakingUsersInTurn() {
        workersRunning(2);
        waitingJobs("ann", 10, 0);
        waitingJobs("bob", 2, 100);
        FairDispatcher dispatcher = dispatcher(1, 0);

        assertThat(dispatcher.dispatchRound()).isEqualTo(3);
        assertThat(ownersPublished()).containsExactly("ann", "bob", "ann");
        assertThat(dispatcher.dispatchRound()).as("the fleet is full").isZero();

        finish(published.peek());
        assertThat(dispatcher.dispatchRound()).isEqualTo(1);
        assertThat(ownersPublished()).as("bob's turn: his last dispatch is older than ann's")
                .containsExactly("ann", "bob", "ann", "bob");
        assertThat(published).extracting(JobRequested::jobId).doesNotHaveDuplicates();
    }

    @Test
    void aUserAtThePerUserCapWaitsWhileOthersAreServed() {
        workersRunning(4);
        waitingJobs("ann", 10, 0);
        waitingJobs("bob", 10, 100);

        assertThat(dispatcher(4, 2).dispatchRound()).isEqualTo(4);

        assertThat(ownersPublished()).containsExactly("ann", "bob", "ann", "bob");
    }

    @Test
    void nothingIsPublishedWhileNoWorkerIsLiveAndTheWaitingJobsGoOutOnceOneIs() {
        List<Job> stored = waitingJobs("ann", 2, 0);
        FairDispatcher dispatcher = dispatcher(8, 0);

        assertThat(dispatcher.target()).as("the target without a live worker").isZero();
        assertThat(dispatcher.dispatchRound()).isZero();
        assertThat(published).isEmpty();
        assertThat(stored).allSatisfy(job -> assertThat(jobs.findById(job.id()).orElseThrow().publishedAt()).isNull());

        workersRunning(1);
        assertThat(dispatcher.dispatchRound()).isEqualTo(2);
        assertThat(published).extracting(JobRequested::jobId)
                .containsExactlyElementsOf(stored.stream().map(Job::id).toList());
    }

    @Test
    void twoDispatchersOnOneDatabaseNeverPublishTheSameJobTwice() throws Exception {
        workersRunning(1);
        List<Job> all = new ArrayList<>();
        for (String owner : List.of("ann", "bob", "cid")) {
            all.addAll(waitingJobs(owner, 60, 0));
        }
        Map<UUID, AtomicInteger> publishes = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService gateways = Executors.newFixedThreadPool(2);
        List<Future<Integer>> dispatched = new ArrayList<>();
        try {
            for (int gateway = 0; gateway < 2; gateway++) {
                FairDispatcher dispatcher = dispatcher(1000, 0, request -> {
                    publishes.computeIfAbsent(request.jobId(), id -> new AtomicInteger()).incrementAndGet();
                    pause(); // a broker confirm takes a moment: the two rounds overlap
                });
                dispatched.add(gateways.submit(() -> {
                    start.await();
                    int total = 0;
                    for (int round = dispatcher.dispatchRound(); round > 0; round = dispatcher.dispatchRound()) {
                        total += round;
                    }
                    return total;
                }));
            }
            start.countDown();
            int first = dispatched.get(0).get();
            int second = dispatched.get(1).get();
            System.out.printf("Two dispatchers published %d and %d of %d jobs%n", first, second, all.size());
            assertThat(first + second).isEqualTo(all.size());
        } finally {
            gateways.shutdownNow();
        }

        assertThat(publishes.keySet()).containsExactlyInAnyOrderElementsOf(all.stream().map(Job::id).toList());
        assertThat(publishes.values()).allSatisfy(count -> assertThat(count.get()).as("publishes of a job").isOne());
        assertThat(all).allSatisfy(job -> assertThat(jobs.findById(job.id()).orElseThrow().publishedAt()).isNotNull());
    }

    @Test
    void aJobTheQueueRefusesStaysWaitingForALaterRound() {
        workersRunning(1);
        Job job = waitingJobs("ann", 1, 0).get(0);

        assertThat(dispatcher(1, 0, request -> {
            throw new IllegalStateException("broker down");
        }).dispatchRound()).isZero();
        assertThat(jobs.findById(job.id()).orElseThrow().publishedAt()).isNull();

        assertThat(dispatcher(1, 0).dispatchRound()).isEqualTo(1);
        assertThat(jobs.findById(job.id()).orElseThrow().publishedAt()).isNotNull();
    }

    @Test
    void queuePositionsFollowTheOrderTheJobsAreThenDispatchedIn() {
        workersRunning(2);
        Clock clock = Clock.fixed(T0.plusSeconds(1000), ZoneOffset.UTC);
        Job done = waitingJobs("dan", 1, 0).get(0);
        jdbc.sql("UPDATE jobs SET status = 'COMPLETED', started_at = :start, finished_at = :end WHERE id = :id")
                .param("start", T0.atOffset(ZoneOffset.UTC)).param("end", T0.plusSeconds(10).atOffset(ZoneOffset.UTC))
                .param("id", done.id()).update();
        Job running = waitingJobs("dan", 1, 1).get(0);
        jdbc.sql("UPDATE jobs SET status = 'PROCESSING', published_at = queued_at WHERE id = :id")
                .param("id", running.id()).update();
        Job dispatchedAlready = waitingJobs("cid", 1, 2).get(0);
        jobs.markPublished(dispatchedAlready.id(), 1, T0.plusSeconds(2));
        waiting.recordDispatch("ann", T0.plusSeconds(500));
        List<Job> queued = new ArrayList<>(List.of(dispatchedAlready));
        queued.addAll(waitingJobs("ann", 3, 10));
        queued.addAll(waitingJobs("bob", 2, 20));

        Function<Job, QueuePlace> placeOf = new QueuePlaces(waiting, workers, clock).of(queued);

        assertThat(placeOf.apply(done)).isEqualTo(QueuePlace.NONE);
        assertThat(placeOf.apply(running)).isEqualTo(QueuePlace.NONE);
        assertThat(placeOf.apply(dispatchedAlready).position()).isOne();
        assertThat(placeOf.apply(dispatchedAlready).workersOnline()).isTrue();
        // 1 running + 3 in line before ann's first job - 2 places: 2 places to free, 10 s each, 2 at a time
        assertThat(queued.get(1).owner()).isEqualTo("ann");
        assertThat(placeOf.apply(queued.get(1)).estimatedStartAt()).isEqualTo(T0.plusSeconds(1000 + 10));
        assertThat(placeOf.apply(dispatchedAlready).estimatedStartAt()).as("a free place now")
                .isEqualTo(T0.plusSeconds(1000));
        List<Job> byPosition = queued.stream().sorted(Comparator.comparing(job -> placeOf.apply(job).position()))
                .toList();
        assertThat(byPosition).extracting(job -> placeOf.apply(job).position()).containsExactly(1, 2, 3, 4, 5, 6);

        dispatcher(100, 0).dispatchRound();
        List<UUID> dispatchOrder = new ArrayList<>(List.of(dispatchedAlready.id()));
        published.forEach(request -> dispatchOrder.add(request.jobId()));
        assertThat(dispatchOrder).containsExactlyElementsOf(byPosition.stream().map(Job::id).toList());
        assertThat(ownersPublished()).as("bob, never dispatched, first").containsExactly("bob", "ann", "bob", "ann",
                "ann");
    }

    @Test
    void theJobsOfOneRoundStandInLineInTheOrderTheyWerePublished() {
        workersRunning(1);
        List<Job> queued = new ArrayList<>(waitingJobs("ann", 6, 0));
        queued.addAll(waitingJobs("bob", 6, 0));

        dispatcher(100, 0).dispatchRound();

        assertThat(published).hasSize(12);
        Function<Job, QueuePlace> placeOf = new QueuePlaces(waiting, workers, Clock.systemUTC()).of(queued);
        List<UUID> byPlace = queued.stream().sorted(Comparator.comparing(job -> placeOf.apply(job).position()))
                .map(Job::id).toList();
        assertThat(byPlace).containsExactlyElementsOf(published.stream().map(JobRequested::jobId).toList());
    }

    @Test
    void noEstimateWithoutAWorkerOrACompletedJob() {
        Job job = waitingJobs("ann", 1, 0).get(0);

        QueuePlace place = new QueuePlaces(waiting, workers, Clock.systemUTC()).of(List.of(job)).apply(job);

        assertThat(place.position()).isOne();
        assertThat(place.estimatedStartAt()).isNull();
        assertThat(place.workersOnline()).as("no worker has reported in").isFalse();
    }

    private static void pause() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.assay.gateway.job;

import static dev.assay.gateway.job.JobFixtures.T0;
import static dev.assay.gateway.job.JobFixtures.aQueuedJob;
import static dev.assay.gateway.job.JobFixtures.completed;
import static dev.assay.gateway.job.JobFixtures.processing;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.assay.gateway.cluster.BrokerContact;
import dev.assay.protocol.ChunkReport;
import dev.assay.protocol.JobEvent;
import dev.assay.protocol.JobStatus;
import dev.assay.testsupport.LocalPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/**
 * Leases and the stuck-job sweeper on PostgreSQL: a PROCESSING event or a heartbeat of the job's worker renews the
 * lease; a job whose lease ran out is queued again once (whichever sweeper gets there first), at a seq above the
 * lost attempt's, or ends FAILED after the allowed attempts, or CANCELLED when its owner had asked. A job cut into
 * chunks holds no lease.
 */
@JdbcTest(properties = {"assay.recovery.lease-timeout=30s", "assay.recovery.max-attempts=3"})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ImportAutoConfiguration(JacksonAutoConfiguration.class)
@Import({JobRepository.class, JobStateUpdater.class, JobLeases.class, StuckJobSweeper.class, SimpleMeterRegistry.class,
        StuckJobSweeperTest.Fakes.class})
@EnableConfigurationProperties(RecoveryProperties.class)
@ActiveProfiles("cluster")
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class StuckJobSweeperTest {

    private static final Duration LEASE = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        LocalPostgres.get().springProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    static class Fakes {
        @Bean
        MovableClock clock() {
            return new MovableClock();
        }

        @Bean
        RecordingEventBus eventBus() {
            return new RecordingEventBus();
        }

        @Bean
        BrokerContact brokerContact(MovableClock clock) {
            return new BrokerContact(clock);
        }
    }

    @Autowired
    JobRepository jobs;
    @Autowired
    JobStateUpdater updater;
    @Autowired
    StuckJobSweeper sweeper;
    @Autowired
    JobLeases leases;
    @Autowired
    MovableClock clock;
    @Autowired
    RecordingEventBus events;
    @Autowired
    BrokerContact broker;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;

    private final String owner = "user-" + UUID.randomUUID();

    @BeforeEach
    void noOtherStuckJobs() {
        clock.set(T0.minus(LEASE));
        broker.onCreate(null); // connected a lease timeout before every test starts
        clock.set(T0);
        jdbc.sql("UPDATE jobs SET lease_until = NULL WHERE status = 'PROCESSING'").update();
        events.published.clear();
    }

    @Test
    void aProcessingEventGrantsALeaseAndTheHoldersHeartbeatsRenewIt() {
        Job job = started(2);
        assertThat(leaseOf(job)).isEqualTo(T0.plus(LEASE));

        clock.set(T0.plusSeconds(20));
        assertThat(updater.renewLeases("another-worker", List.of(job.id()))).isZero();
        assertThat(updater.renewLeases("worker-1", List.of(job.id(), UUID.randomUUID()))).isOne();
        assertThat(leaseOf(job)).isEqualTo(T0.plusSeconds(20).plus(LEASE));

        clock.set(T0.plusSeconds(40));
        assertThat(sweeper.sweep()).as("lease still running").isZero();
        assertThat(reload(job).status()).isEqualTo(JobStatus.PROCESSING);
    }

    @Test
    void queuesAJobWhoseLeaseRanOutAgainOnceAtASeqAboveTheLostAttempt() {
        Job job = started(2);
        clock.set(T0.plus(LEASE).plusMillis(1));

        assertThat(sweeper.sweep()).isOne();
        assertThat(sweeper.sweep()).as("a second gateway finds nothing left").isZero();

        Job queued = reload(job);
        long newSeq = 2 + StuckJobSweeper.SEQ_JUMP;
        assertThat(queued.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(queued.seq()).isEqualTo(newSeq);
        assertThat(queued.publishedAt()).as("left to the outbox").isNull();
        assertThat(queued.workerId()).isNull();
        assertThat(attemptsOf(job)).isOne();
        assertThat(events.published).singleElement().satisfies(event -> {
            assertThat(event.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(event.seq()).isEqualTo(newSeq);
        });

        assertThat(updater.apply(processing(job, 3, 0.9))).as("the lost attempt's late progress").isFalse();
        assertThat(updater.apply(completed(job, 2 + 6_000_000 - 1, json.readTree("{}"))))
                .as("the lost attempt's late result").isFalse();
        assertThat(reload(job).status()).isEqualTo(JobStatus.QUEUED);
    }

    @Test
    void noJobIsTakenBackWhileTheBrokerIsAwayNorUntilALeaseTimeoutAfterItIsBack() {
        Job job = started(2);
        broker.onShutDown(null);
        Instant back = T0.plus(LEASE).plusSeconds(10);
        clock.set(back);
        assertThat(sweeper.sweep()).as("the broker is away: the worker's silence proves nothing").isZero();

        broker.onCreate(null);
        clock.set(back.plus(LEASE).minusMillis(1));
        assertThat(sweeper.sweep()).as("heartbeats may still be on their way").isZero();
        assertThat(reload(job).status()).isEqualTo(JobStatus.PROCESSING);

        clock.set(back.plus(LEASE));
        assertThat(sweeper.sweep()).as("a lease timeout of silence with the broker there").isOne();
        assertThat(reload(job).status()).isEqualTo(JobStatus.QUEUED);
    }

    @Test
    void theConditionalUpdateLetsOnlyOneOfTwoSweepersRecoverAJob() {
        Job job = started(2);
        Instant later = T0.plus(LEASE).plusSeconds(1);
        JobLeases.ExpiredLease expired = leases.expired(later, 1000).stream()
                .filter(lease -> lease.id().equals(job.id())).findFirst().orElseThrow();

        assertThat(leases.requeue(expired, 2 + StuckJobSweeper.SEQ_JUMP, later)).isTrue();
        assertThat(leases.requeue(expired, 2 + StuckJobSweeper.SEQ_JUMP, later)).isFalse();
        assertThat(leases.end(expired, JobStatus.FAILED, 2 + StuckJobSweeper.SEQ_JUMP, "x", later)).isFalse();
    }

    @Test
    void failsAJobWithAReasonWhenItsLastAllowedAttemptLosesItsLeaseToo() {
        Job job = started(2);
        for (int attempt = 1; attempt <= 3; attempt++) {
            clock.set(clock.instant().plus(LEASE).plusSeconds(1));
            assertThat(sweeper.sweep()).isOne();
            if (attempt < 3) {
                long seq = reload(job).seq();
                assertThat(updater.apply(processing(job, seq + 1, 0.1))).isTrue();
            }
        }

        Job failed = reload(job);
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).startsWith("The job was started 3 times and each time its worker stopped answering");
        assertThat(failed.finishedAt()).isNotNull();
        assertThat(events.published).last().extracting(JobEvent::status).isEqualTo(JobStatus.FAILED);
    }

    @Test
    void cancelsAJobWhoseOwnerAskedToCancelItWhenItsLeaseRunsOut() {
        Job job = started(2);
        assertThat(jobs.requestCancel(job.id(), owner, T0)).isTrue();
        clock.set(T0.plus(LEASE).plusSeconds(1));

        assertThat(sweeper.sweep()).isOne();

        assertThat(reload(job).status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void aRetryByTheOwnerStartsTheAttemptsAfresh() {
        Job job = started(2);
        clock.set(T0.plus(LEASE).plusSeconds(1));
        sweeper.sweep();
        Job queued = reload(job);
        jdbc.sql("UPDATE jobs SET status = 'FAILED' WHERE id = :id").param("id", job.id()).update();

        assertThat(jobs.requeue(job.id(), owner, queued.seq(), clock.instant())).isTrue();

        assertThat(attemptsOf(job)).isZero();
    }

    @Test
    void aJobCutIntoChunksHoldsNoLeaseSoChunksWaitingBehindOtherWorkNeverMakeItLookStuck() {
        Job job = aQueuedJob(owner);
        jobs.insert(job);
        JobEvent cut = processing(job, 2, 0.0);
        assertThat(updater.apply(new JobEvent(job.id(), owner, JobStatus.PROCESSING, 2, 0.0, 0L, 0L, null,
                cut.timestamp(), "splitter", null, null, ChunkReport.cut(16), null))).isTrue();
        assertThat(updater.apply(processing(job, 3, 0.5))).as("the summed progress of finished chunks").isTrue();
        assertThat(updater.renewLeases("worker-1", List.of(job.id()))).isZero();

        assertThat(jdbc.sql("SELECT lease_until FROM jobs WHERE id = :id").param("id", job.id())
                .query(OffsetDateTime.class).optional()).isEmpty();
        clock.set(T0.plus(LEASE.multipliedBy(10)));
        assertThat(sweeper.sweep()).isZero();
        assertThat(reload(job).status()).isEqualTo(JobStatus.PROCESSING);

        jdbc.sql("UPDATE jobs SET status = 'FAILED' WHERE id = :id").param("id", job.id()).update();
        assertThat(jobs.requeue(job.id(), owner, 3, clock.instant())).isTrue();
        assertThat(updater.apply(processing(job, 5, 0.1))).as("a retry that is not cut").isTrue();
        assertThat(leaseOf(job)).as("leased again").isEqualTo(clock.instant().plus(LEASE));
    }

    private Job started(long seq) {
        Job job = aQueuedJob(owner);
        jobs.insert(job);
        assertThat(updater.apply(processing(job, seq, 0.0))).isTrue();
        return job;
    }

    private Job reload(Job job) {
        return jobs.findById(job.id()).orElseThrow();
    }

    private Instant leaseOf(Job job) {
        return jdbc.sql("SELECT lease_until FROM jobs WHERE id = :id").param("id", job.id())
                .query(OffsetDateTime.class).single().toInstant();
    }

    private int attemptsOf(Job job) {
        return jdbc.sql("SELECT attempts FROM jobs WHERE id = :id").param("id", job.id()).query(Integer.class)
                .single();
    }

    static final class MovableClock extends Clock {

        private volatile Instant now = T0;

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    static final class RecordingEventBus implements EventBus {

        final List<JobEvent> published = new CopyOnWriteArrayList<>();

        @Override
        public void publish(JobEvent event) {
            published.add(event);
        }
    }
}

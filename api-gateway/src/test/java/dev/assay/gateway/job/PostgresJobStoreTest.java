package dev.assay.gateway.job;

import static dev.assay.gateway.job.JobFixtures.T0;
import static dev.assay.gateway.job.JobFixtures.aQueuedJob;
import static dev.assay.gateway.job.JobFixtures.completed;
import static dev.assay.gateway.job.JobFixtures.failed;
import static dev.assay.gateway.job.JobFixtures.processing;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import dev.assay.protocol.JobEvent;
import dev.assay.protocol.JobStatus;
import dev.assay.testsupport.LocalPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/** The job table on PostgreSQL: idempotent events, owner scoping, paging, the dispatcher's claim. */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ImportAutoConfiguration(JacksonAutoConfiguration.class)
@Import({JobRepository.class, JobStateUpdater.class, JobLeases.class, PostgresJobStoreTest.FixedClock.class,
        SimpleMeterRegistry.class})
@EnableConfigurationProperties(RecoveryProperties.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class PostgresJobStoreTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        LocalPostgres.get().springProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    static class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(T0, ZoneOffset.UTC);
        }
    }

    @Autowired
    JobRepository jobs;
    @Autowired
    JobStateUpdater updater;
    @Autowired
    ObjectMapper json;

    private final String owner = "user-" + UUID.randomUUID();

    private Job stored() {
        Job job = aQueuedJob(owner);
        jobs.insert(job);
        return job;
    }

    private Job reload(Job job) {
        return jobs.findById(job.id()).orElseThrow();
    }

    @Test
    void storesAndReadsAJobAsGiven() {
        Job job = stored();
        assertThat(reload(job)).isEqualTo(job);
    }

    @Test
    void appliesNewerEventsAndRecordsProgress() {
        Job job = stored();

        assertThat(updater.apply(processing(job, 2, 0.25))).isTrue();
        assertThat(updater.apply(processing(job, 3, 0.5))).isTrue();

        Job now = reload(job);
        assertThat(now.status()).isEqualTo(JobStatus.PROCESSING);
        assertThat(now.seq()).isEqualTo(3);
        assertThat(now.progress()).isEqualTo(0.5);
        assertThat(now.recordsRead()).isEqualTo(30);
        assertThat(now.workerId()).isEqualTo("worker-1");
        assertThat(now.startedAt()).isEqualTo(T0.plus(2, ChronoUnit.SECONDS));
    }

    @Test
    void neverMovesBackwardsOnAnOlderOrDuplicateEvent() {
        Job job = stored();
        updater.apply(processing(job, 3, 0.5));

        assertThat(updater.apply(processing(job, 2, 0.25))).as("older").isFalse();
        assertThat(updater.apply(processing(job, 3, 0.9))).as("duplicate seq").isFalse();

        assertThat(reload(job).progress()).isEqualTo(0.5);
        assertThat(reload(job).seq()).isEqualTo(3);
    }

    @Test
    void aTerminalStateIsFinal() {
        Job job = stored();
        JobEvent done = completed(job, 4, json.readTree("{\"records\": 100}"));
        assertThat(updater.apply(done)).isTrue();

        assertThat(updater.apply(processing(job, 5, 0.1))).isFalse();
        assertThat(updater.apply(failed(job, 6, "late failure"))).isFalse();
        assertThat(updater.apply(done)).as("redelivered").isFalse();

        Job now = reload(job);
        assertThat(now.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(now.seq()).isEqualTo(4);
        assertThat(now.finishedAt()).isEqualTo(T0.plus(4, ChronoUnit.SECONDS));
        assertThat(json.readTree(jobs.findResult(job.id(), owner).orElseThrow()))
                .isEqualTo(json.readTree("{\"records\": 100}"));
    }

    @Test
    void aFailureKeepsItsReasonAndAQueuedJobMayCompleteWithoutProcessingFirst() {
        Job failing = stored();
        assertThat(updater.apply(failed(failing, 2, "The file is not text"))).isTrue();
        assertThat(reload(failing).error()).isEqualTo("The file is not text");

        Job quick = stored();
        assertThat(updater.apply(completed(quick, 2, json.readTree("{}")))).isTrue();
        assertThat(reload(quick).status()).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void anEventOfAnUnknownJobChangesNothing() {
        Job unknown = aQueuedJob(owner);
        assertThat(updater.apply(processing(unknown, 2, 0.5))).isFalse();
        assertThat(jobs.findById(unknown.id())).isEmpty();
    }

    @Test
    void retryQueuesAFailedJobAgainAtTheNextSeqAndClearsItsLastRun() {
        Job job = stored();
        jobs.markPublished(job.id(), 1, T0);
        updater.apply(failed(job, 3, "boom"));

        assertThat(jobs.requeue(job.id(), owner, 3, T0.plusSeconds(60))).isTrue();

        Job again = reload(job);
        assertThat(again.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(again.seq()).isEqualTo(4);
        assertThat(again.error()).isNull();
        assertThat(again.finishedAt()).isNull();
        assertThat(again.publishedAt()).isNull();
        assertThat(jobs.requeue(job.id(), owner, 3, T0)).as("stale seq").isFalse();
        assertThat(updater.apply(failed(job, 3, "the old run's late event"))).isFalse();
    }

    @Test
    void cancelsOnlyAJobThatIsStillQueued() {
        Job queued = stored();
        assertThat(jobs.cancelQueued(queued.id(), owner, 1, T0)).isTrue();
        assertThat(reload(queued).status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(reload(queued).seq()).isEqualTo(2);

        Job running = stored();
        updater.apply(processing(running, 2, 0.1));
        assertThat(jobs.cancelQueued(running.id(), owner, 2, T0)).isFalse();
        assertThat(reload(running).status()).isEqualTo(JobStatus.PROCESSING);
    }

    @Test
    void everyQueryAUserReachesIsScopedToTheOwner() {
        Job job = stored();
        assertThat(jobs.findOwned(job.id(), owner)).isPresent();
        assertThat(jobs.findOwned(job.id(), "someone-else")).isEmpty();
        assertThat(jobs.delete(job.id(), "someone-else")).isFalse();
        assertThat(jobs.requeue(job.id(), "someone-else", 1, T0)).isFalse();
        assertThat(jobs.cancelQueued(job.id(), "someone-else", 1, T0)).isFalse();
        assertThat(jobs.delete(job.id(), owner)).isTrue();
        assertThat(jobs.findById(job.id())).isEmpty();
    }

    @Test
    void pagesNewestFirstWithAStatusFilter() {
        for (int i = 0; i < 5; i++) {
            jobs.insert(aQueuedJob(owner, T0.plusSeconds(i)));
        }
        Job done = aQueuedJob(owner, T0.plusSeconds(10));
        jobs.insert(done);
        updater.apply(completed(done, 2, json.readTree("{}")));

        List<Job> first = jobs.findPage(owner, null, 0, 4);
        List<Job> second = jobs.findPage(owner, null, 1, 4);
        assertThat(first).extracting(Job::submittedAt).containsExactly(T0.plusSeconds(10), T0.plusSeconds(4),
                T0.plusSeconds(3), T0.plusSeconds(2));
        assertThat(second).extracting(Job::submittedAt).containsExactly(T0.plusSeconds(1), T0);
        assertThat(jobs.count(owner, null)).isEqualTo(6);
        assertThat(jobs.findPage(owner, JobStatus.COMPLETED, 0, 10)).extracting(Job::id).containsExactly(done.id());
        assertThat(jobs.count(owner, JobStatus.COMPLETED)).isEqualTo(1);
    }

    @Test
    void theDispatcherClaimsTheOldestWaitingJobOfTheOwnerAndPublishesItOnce() {
        Job published = stored(T0);
        jobs.markPublished(published.id(), 1, T0);
        Job cancelled = stored(T0.plusSeconds(1));
        jobs.cancelQueued(cancelled.id(), owner, 1, T0);
        Job older = stored(T0.plusSeconds(2));
        Job newest = stored(T0.plusSeconds(3));

        assertThat(jobs.claimNext(owner, 1)).extracting(Job::id).containsExactly(older.id());
        assertThat(jobs.claimNext(owner, 5)).extracting(Job::id).containsExactly(older.id(), newest.id());
        assertThat(jobs.claimNext("someone-else-" + UUID.randomUUID(), 1)).isEmpty();
        assertThat(jobs.markPublished(older.id(), 1, T0)).isTrue();
        assertThat(jobs.markPublished(older.id(), 1, T0)).as("only once").isFalse();
    }

    private Job stored(Instant queuedAt) {
        Job job = aQueuedJob(owner, queuedAt);
        jobs.insert(job);
        return job;
    }
}

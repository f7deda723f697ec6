package dev.assay.gateway.job;

import static dev.assay.gateway.job.JobFixtures.T0;
import static dev.assay.gateway.job.JobFixtures.aQueuedJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.assay.gateway.storage.FileStore;
import dev.assay.gateway.storage.JobFiles;
import dev.assay.gateway.storage.StoredFile;
import dev.assay.protocol.JobEvent;
import dev.assay.protocol.JobStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

class JobServiceTest {

    private final JobRepository repository = mock(JobRepository.class);
    private final FairDispatcher dispatcher = mock(FairDispatcher.class);
    private final EventBus events = mock(EventBus.class);
    private final JobCanceller canceller = mock(JobCanceller.class);
    private final FileStore files = mock(FileStore.class);
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    private JobService service;

    @BeforeEach
    void setUp() {
        service = new JobService(repository, dispatcher, events, canceller, new JobFiles(files),
                new TransactionTemplate(mock(PlatformTransactionManager.class)), clock);
    }

    private Job in(Job job, JobStatus status, long seq) {
        Job changed = new Job(job.id(), job.owner(), job.fileName(), job.storageKey(), job.sizeBytes(), job.sha256(),
                status, seq, null, null, null, null, job.options(), job.submittedAt(), null, null, null, null,
                job.queuedAt(), job.publishedAt());
        given(repository.findOwned(job.id(), job.owner())).willReturn(Optional.of(changed));
        return changed;
    }

    @Test
    void submitStoresQueuedJobsAnnouncesThemAndKicksTheDispatcher() {
        StoredFile stored = new StoredFile("2026/12/01/x", 10, "ab".repeat(32));

        List<Job> jobs = service.submit("alice", List.of(new NewFile("a.csv", stored)), Map.of("delimiter", ";"));

        Job job = jobs.get(0);
        assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(job.seq()).isEqualTo(1);
        assertThat(job.storageKey()).isEqualTo("2026/12/01/x");
        assertThat(job.publishedAt()).as("waiting for the dispatcher").isNull();
        assertThat(job.options()).containsEntry("delimiter", ";");
        then(repository).should().insert(job);
        then(dispatcher).should().kick();
        ArgumentCaptor<JobEvent> event = ArgumentCaptor.captor();
        then(events).should().publish(event.capture());
        assertThat(event.getValue().status()).isEqualTo(JobStatus.QUEUED);
        assertThat(event.getValue().seq()).isEqualTo(1);
        assertThat(event.getValue().owner()).isEqualTo("alice");
    }

    @Test
    void theFilesOfOneRequestAreQueuedInUploadOrder() {
        List<NewFile> files = List.of(new NewFile("first.csv", new StoredFile("k1", 1, "00")),
                new NewFile("second.csv", new StoredFile("k2", 1, "00")),
                new NewFile("third.csv", new StoredFile("k3", 1, "00")));

        List<Job> jobs = service.submit("alice", files, Map.of());

        assertThat(jobs).extracting(Job::fileName).containsExactly("first.csv", "second.csv", "third.csv");
        assertThat(jobs).extracting(Job::queuedAt).isSorted().doesNotHaveDuplicates();
        assertThat(jobs).allSatisfy(job -> assertThat(job.submittedAt()).isEqualTo(job.queuedAt()));
    }

    @Test
    void aNewJobsTimesAreAtTheDatabasesResolutionAsEveryLaterReadShowsThem() {
        Clock withNanos = Clock.fixed(T0.plusNanos(123_456_789), ZoneOffset.UTC);
        JobService service = new JobService(repository, dispatcher, events, canceller, new JobFiles(files),
                new TransactionTemplate(mock(PlatformTransactionManager.class)), withNanos);

        List<Job> jobs = service.submit("alice", List.of(new NewFile("a.csv", new StoredFile("k1", 1, "00")),
                new NewFile("b.csv", new StoredFile("k2", 1, "00"))), Map.of());

        assertThat(jobs).extracting(Job::submittedAt)
                .containsExactly(T0.plusNanos(123_456_000), T0.plusNanos(123_457_000));
    }

    @Test
    void aJobIsAcceptedEvenWhenItsQueuedEventCannotBeAnnounced() {
        willThrow(new IllegalStateException("broker down")).given(events).publish(any());

        List<Job> jobs = service.submit("alice", List.of(new NewFile("a.csv", new StoredFile("k", 1, "00"))),
                Map.of());

        assertThat(jobs).hasSize(1);
        then(dispatcher).should().kick();
    }

    @Test
    void cancellingAQueuedJobCancelsItInTheDatabaseAtOnceAndAnnouncesIt() {
        Job job = in(aQueuedJob("alice"), JobStatus.QUEUED, 3);
        given(repository.cancelQueued(job.id(), "alice", 3, T0)).willReturn(true);

        service.cancel(job.id(), "alice");

        then(canceller).should().cancel(job.id(), 3);
        ArgumentCaptor<JobEvent> event = ArgumentCaptor.captor();
        then(events).should().publish(event.capture());
        assertThat(event.getValue().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(event.getValue().seq()).isEqualTo(4);
    }

    @Test
    void cancellingARunningJobAsksTheWorkersAndAnswers503WhenTheyCannotBeReached() {
        Job job = in(aQueuedJob("alice"), JobStatus.PROCESSING, 5);

        service.cancel(job.id(), "alice");
        then(canceller).should().cancel(job.id(), 5);
        then(repository).should().requestCancel(job.id(), "alice", T0);
        then(repository).should(never()).cancelQueued(any(), any(), anyLong(), any());

        willThrow(new IllegalStateException("broker down")).given(canceller).cancel(job.id(), 5);
        assertThatThrownBy(() -> service.cancel(job.id(), "alice"))
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
    }

    @Test
    void cancellingAJobAnalysedInChunksEndsItAtOnceAboveItsTasksSeqsAndDeletesItsPartialResults() throws Exception {
        Job job = in(aQueuedJob("alice"), JobStatus.PROCESSING, 5);
        long cancelSeq = 5 + StuckJobSweeper.SEQ_JUMP;
        given(repository.cancelChunked(eq(job.id()), eq("alice"), eq(cancelSeq), any(), eq(T0))).willReturn(true);

        service.cancel(job.id(), "alice");

        then(canceller).should().cancel(job.id(), cancelSeq);
        then(files).should().deletePartials(job.id());
        then(repository).should(never()).requestCancel(any(), any(), any());
        ArgumentCaptor<JobEvent> event = ArgumentCaptor.captor();
        then(events).should().publish(event.capture());
        assertThat(event.getValue().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(event.getValue().seq()).isEqualTo(cancelSeq);
    }

    @Test
    void aFinishedJobCannotBeCancelled() {
        Job job = in(aQueuedJob("alice"), JobStatus.COMPLETED, 5);
        assertThatThrownBy(() -> service.cancel(job.id(), "alice")).isInstanceOf(JobConflictException.class);
        then(canceller).should(never()).cancel(any(), anyLong());
    }

    @Test
    void retryQueuesAFailedJobAgainAtItsNewSeqAndKicksTheDispatcher() {
        Job failed = in(aQueuedJob("alice"), JobStatus.FAILED, 6);
        given(repository.requeue(failed.id(), "alice", 6, T0)).willAnswer(call -> {
            in(failed, JobStatus.QUEUED, 7);
            return true;
        });

        Job queued = service.retry(failed.id(), "alice");

        assertThat(queued.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(queued.seq()).isEqualTo(7);
        then(dispatcher).should().kick();
    }

    @Test
    void onlyFailedOrCancelledJobsCanBeRetried() {
        for (JobStatus status : List.of(JobStatus.QUEUED, JobStatus.PROCESSING, JobStatus.COMPLETED)) {
            Job job = in(aQueuedJob("alice"), status, 2);
            assertThatThrownBy(() -> service.retry(job.id(), "alice")).isInstanceOf(JobConflictException.class);
        }
        then(dispatcher).should(never()).kick();
    }

    @Test
    void deletingARunningJobStopsAllItsTasksAndRemovesRowFileAndPartialResults() throws IOException {
        Job job = in(aQueuedJob("alice"), JobStatus.PROCESSING, 2);
        given(repository.delete(job.id(), "alice")).willReturn(true);

        service.delete(job.id(), "alice");

        then(canceller).should().cancel(job.id(), 2 + StuckJobSweeper.SEQ_JUMP);
        then(repository).should().delete(job.id(), "alice");
        then(files).should().delete(job.storageKey());
        then(files).should().deletePartials(job.id());
    }

    @Test
    void anotherUsersJobIsNotFound() {
        Job job = aQueuedJob("alice");
        given(repository.findOwned(job.id(), "alice")).willReturn(Optional.of(job));
        given(repository.findOwned(job.id(), "bob")).willReturn(Optional.empty());

        assertThatThrownBy(() -> service.get(job.id(), "bob")).isInstanceOf(JobNotFoundException.class);
        assertThatThrownBy(() -> service.delete(job.id(), "bob")).isInstanceOf(JobNotFoundException.class);
        assertThatThrownBy(() -> service.result(job.id(), "bob")).isInstanceOf(JobNotFoundException.class);
    }

    @Test
    void theResultOfAJobThatIsNotCompletedIsAConflictNamingItsState() {
        Job job = in(aQueuedJob("alice"), JobStatus.PROCESSING, 2);
        assertThatThrownBy(() -> service.result(job.id(), "alice"))
                .isInstanceOfSatisfying(JobConflictException.class,
                        e -> assertThat(e.getBody().getProperties()).containsEntry("jobStatus", "PROCESSING"));
    }

    @Test
    void pagesCountTheirTotal() {
        given(repository.count("alice", null)).willReturn(41L);
        given(repository.findPage("alice", null, 1, 20)).willReturn(List.of());

        JobPage page = service.page("alice", null, 1, 20);

        assertThat(page.totalItems()).isEqualTo(41);
        assertThat(page.totalPages()).isEqualTo(3);
    }
}

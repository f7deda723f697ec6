package dev.assay.gateway.job;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.assay.gateway.storage.JobFiles;
import dev.assay.worker.job.JobMdc;
import dev.assay.protocol.JobEvent;
import dev.assay.protocol.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * What users do with their jobs: submit, look, cancel, retry, delete. Every method is scoped to the owner; another
 * user's job is reported exactly like a missing one.
 * <p>
 * Submitting commits the jobs QUEUED and unpublished, then kicks the {@link FairDispatcher}, which hands them to
 * the {@link JobQueue} in fair order between users as workers become free; an accepted job is never lost.
 */
@Service
public class JobService {

    private static final Logger log = LoggerFactory.getLogger(JobService.class);

    private final JobRepository jobs;
    private final FairDispatcher dispatcher;
    private final EventBus events;
    private final JobCanceller canceller;
    private final JobFiles files;
    private final TransactionTemplate transactions;
    private final Clock clock;

    JobService(JobRepository jobs, FairDispatcher dispatcher, EventBus events, JobCanceller canceller, JobFiles files,
            TransactionTemplate transactions, Clock clock) {
        this.jobs = jobs;
        this.dispatcher = dispatcher;
        this.events = events;
        this.canceller = canceller;
        this.files = files;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Creates a QUEUED job for each stored file, all in one transaction, then asks the dispatcher to hand them to the
     * workers.
     *
     * @return the new jobs, in the order of {@code newFiles}
     */
    public List<Job> submit(String owner, List<NewFile> newFiles, Map<String, String> options) {
        // at the database's resolution, so that the 202 answer shows the times every later read of the job shows
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Job> created = new ArrayList<>(newFiles.size());
        for (NewFile file : newFiles) {
            // a microsecond apart, so that the files of one request are dispatched and listed in upload order
            Instant at = now.plus(created.size(), ChronoUnit.MICROS);
            created.add(new Job(UUID.randomUUID(), owner, file.fileName(), file.stored().key(),
                    file.stored().sizeBytes(), file.stored().sha256(), JobStatus.QUEUED, 1, null, null, null, null,
                    options, at, null, null, null, null, at, null));
        }
        transactions.executeWithoutResult(status -> created.forEach(jobs::insert));
        for (Job job : created) {
            try (JobMdc jobId = JobMdc.put(job.id())) {
                log.info("Job {} accepted: {} ({} bytes) from {}", job.id(), job.fileName(), job.sizeBytes(), owner);
                announce(job, JobStatus.QUEUED, job.seq(), null);
            }
        }
        dispatcher.kick();
        return created;
    }

    /** The owner's job. */
    public Job get(UUID id, String owner) {
        return jobs.findOwned(id, owner).orElseThrow(() -> new JobNotFoundException(id));
    }

    /** One page of the owner's jobs, newest first; a null owner pages through the jobs of all users. */
    public JobPage page(String owner, JobStatus status, int page, int size) {
        long total = jobs.count(owner, status);
        List<Job> items = jobs.findPage(owner, status, page, size);
        return new JobPage(items, page, size, total, (total + size - 1) / size);
    }

    /** The analysis result JSON of the owner's COMPLETED job. */
    public String result(UUID id, String owner) {
        Job job = kept(id, owner);
        if (job.status() != JobStatus.COMPLETED) {
            throw new JobConflictException(job.status(), "The result is available when the job is COMPLETED; job "
                    + id + " is " + job.status() + ".");
        }
        return jobs.findResult(id, owner).orElseThrow(() -> new JobConflictException(job.status(),
                "Job " + id + " completed without a stored result."));
    }

    /**
     * Cancels the owner's job: a QUEUED job is CANCELLED at once; a PROCESSING job is asked to stop and its worker
     * reports CANCELLED.
     *
     * @return the job as it is after the request
     */
    public Job cancel(UUID id, String owner) {
        Job job = get(id, owner);
        if (job.status().isTerminal()) {
            throw new JobConflictException(job.status(), "Job " + id + " is already " + job.status() + ".");
        }
        if (job.status() == JobStatus.PROCESSING && cancelChunked(job)) {
            return get(id, owner);
        }
        // Tell the workers even for a queued job: one may have taken it a moment ago without having reported yet,
        // and the others then drop its request should it reach them.
        stopOnWorkers(job, job.seq());
        if (job.status() == JobStatus.PROCESSING) {
            jobs.requestCancel(id, owner, clock.instant());
        }
        if (job.status() == JobStatus.QUEUED && jobs.cancelQueued(id, owner, job.seq(), clock.instant())) {
            log.info("Job {} cancelled while queued", id);
            announce(job, JobStatus.CANCELLED, job.seq() + 1, "Cancelled before it started");
            dispatcher.kick();
        }
        return get(id, owner);
    }

    /**
     * Ends a PROCESSING job that is analysed in chunks at once: no worker holds it to report CANCELLED, only short
     * chunk and merge tasks do. Its seq jumps above every event those tasks can publish, and the cancel sent to the
     * workers covers them up to that seq, so they are dropped; its partial results are deleted.
     *
     * @return false when the job is not analysed in chunks (or changed meanwhile)
     */
    private boolean cancelChunked(Job job) {
        long seq = job.seq() + StuckJobSweeper.SEQ_JUMP;
        String reason = "Cancelled while its chunks were analysed";
        if (!jobs.cancelChunked(job.id(), job.owner(), seq, reason, clock.instant())) {
            return false;
        }
        log.info("Job {} cancelled while analysed in chunks", job.id());
        try {
            canceller.cancel(job.id(), seq);
        } catch (RuntimeException e) {
            // a chunk that runs on regardless reports to a CANCELLED job, and ChunkTracker deletes what it wrote
            log.warn("Job {}: the workers could not be told to drop its chunks: {}", job.id(), e.getMessage());
        }
        files.deletePartials(job.id());
        announce(job, JobStatus.CANCELLED, seq, reason);
        dispatcher.kick();
        return true;
    }

    /** The owner's job, when retention has not deleted its file and result yet. */
    public Job kept(UUID id, String owner) {
        Job job = get(id, owner);
        if (job.expired()) {
            throw new JobExpiredException(id);
        }
        return job;
    }

    /** Queues the owner's FAILED or CANCELLED job again; an expired job has no file left to analyse. */
    public Job retry(UUID id, String owner) {
        Job job = kept(id, owner);
        if (!JobTransitions.isAllowed(job.status(), JobStatus.QUEUED)
                || !jobs.requeue(id, owner, job.seq(), clock.instant())) {
            throw new JobConflictException(job.status(),
                    "Only a FAILED or CANCELLED job can be retried; job " + id + " is " + job.status() + ".");
        }
        Job queued = get(id, owner);
        log.info("Job {} queued again at seq {}", id, queued.seq());
        announce(queued, JobStatus.QUEUED, queued.seq(), null);
        dispatcher.kick();
        return queued;
    }

    /** Deletes the owner's job, its file and its result; a job still running is asked to stop first. */
    public void delete(UUID id, String owner) {
        Job job = get(id, owner);
        if (!job.status().isTerminal()) {
            // up to a seq above all its tasks' (chunk and merge tasks included): a deleted job is never retried
            stopOnWorkers(job, job.seq() + StuckJobSweeper.SEQ_JUMP);
        }
        if (!jobs.delete(id, owner)) {
            throw new JobNotFoundException(id);
        }
        files.deleteAll(id, job.storageKey());
        log.info("Job {} deleted", id);
    }

    private void stopOnWorkers(Job job, long upToSeq) {
        try {
            canceller.cancel(job.id(), upToSeq);
        } catch (RuntimeException e) {
            if (job.status() == JobStatus.PROCESSING) {
                log.warn("Job {}: the workers could not be told to stop: {}", job.id(), e.getMessage());
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                        "The workers cannot be reached to stop job " + job.id() + " now; try again shortly.");
                problem.setTitle("Workers unreachable");
                throw new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, e);
            }
            // A queued job is stopped by its state in the database alone; the broadcast was only a precaution.
            log.debug("Job {}: cancel broadcast failed: {}", job.id(), e.getMessage());
        }
    }

    private void announce(Job job, JobStatus status, long seq, String error) {
        try (JobMdc jobId = JobMdc.put(job.id())) {
            events.publish(new JobEvent(job.id(), job.owner(), status, seq, null, null, null, null, clock.instant(),
                    null, error, null));
        } catch (RuntimeException e) {
            // The state is stored; only the live push of this change is lost, and clients reload on reconnect.
            log.warn("Job {}: {} could not be announced: {}", job.id(), status, e.getMessage());
        }
    }
}

package dev.assay.gateway.chunk;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.assay.gateway.job.EventBus;
import dev.assay.gateway.job.Job;
import dev.assay.gateway.job.JobFinished;
import dev.assay.gateway.job.JobQueue;
import dev.assay.gateway.job.JobRepository;
import dev.assay.gateway.storage.JobFiles;
import dev.assay.protocol.ChunkReport;
import dev.assay.protocol.JobEvent;
import dev.assay.protocol.JobPart;
import dev.assay.protocol.JobStatus;

/**
 * Records the chunks of big jobs as workers report them, once per chunk of a run (the run is the {@code seq} of the
 * report, the {@code baseSeq} shared by the chunk tasks of one cutting of the file), so that a chunk analysed twice
 * never counts twice. Each new chunk announces the job's progress, the sum of the finished chunks' bytes over the
 * file's size; the last one asks the workers for the merge. A failure throws, so the broker delivers the report again
 * and the step is retried; two gateways that both see the last chunk both ask for the merge, which is harmless (the
 * second merge finds the job done).
 * <p>
 * A job that ends without its merge (a chunk FAILED, the job was cancelled) has its partial results deleted here; so
 * has a job that a chunk reports to after it ended or was deleted: that chunk ran past the end and may have written
 * its partial result again.
 */
@Component
@Profile("cluster")
public class ChunkTracker {

    private static final Logger log = LoggerFactory.getLogger(ChunkTracker.class);

    private final JdbcClient jdbc;
    private final JobRepository jobs;
    private final EventBus events;
    private final JobQueue queue;
    private final JobFiles files;
    private final Clock clock;

    ChunkTracker(JdbcClient jdbc, JobRepository jobs, EventBus events, JobQueue queue, JobFiles files, Clock clock) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.events = events;
        this.queue = queue;
        this.files = files;
        this.clock = clock;
    }

    /** Records the chunk an event reports, then announces the progress or asks for the merge. */
    public void record(JobEvent event) {
        ChunkReport chunk = event.chunk();
        Optional<Job> found = jobs.findById(event.jobId());
        if (found.isEmpty() || found.get().status().isTerminal()) {
            log.debug("Job {}: chunk {} reported for a finished or unknown job", event.jobId(), chunk.index());
            files.deletePartials(event.jobId());
            return;
        }
        Instant now = clock.instant();
        boolean recorded = jdbc.sql("""
                        INSERT INTO job_chunks (job_id, run, chunk_index, chunk_count, bytes, records, worker_id, done_at)
                        VALUES (:job, :run, :index, :count, :bytes, :records, :worker, :at)
                        ON CONFLICT DO NOTHING""")
                .param("job", event.jobId())
                .param("run", event.seq())
                .param("index", chunk.index())
                .param("count", chunk.count())
                .param("bytes", chunk.bytes())
                .param("records", chunk.records())
                .param("worker", event.workerId())
                .param("at", now.atOffset(ZoneOffset.UTC))
                .update() > 0;
        Totals totals = jdbc.sql("""
                        SELECT COUNT(*) AS done, COALESCE(SUM(bytes), 0) AS bytes, COALESCE(SUM(records), 0) AS records
                        FROM job_chunks WHERE job_id = :job AND run = :run""")
                .param("job", event.jobId())
                .param("run", event.seq())
                .query((rs, n) -> new Totals(rs.getInt("done"), rs.getLong("bytes"), rs.getLong("records")))
                .single();
        Job job = found.get();
        if (totals.done() >= chunk.count()) {
            log.info("Job {}: all {} chunks done; asking for the merge", job.id(), chunk.count());
            queue.enqueue(job.toRequest(now).forPart(JobPart.merge(chunk.count()), job.seq() + 1, now));
        } else if (recorded) {
            double progress = job.sizeBytes() > 0 ? Math.min(1.0, (double) totals.bytes() / job.sizeBytes()) : 0.0;
            events.publish(new JobEvent(job.id(), job.owner(), JobStatus.PROCESSING, job.seq() + 1, progress,
                    totals.bytes(), totals.records(), null, now, event.workerId(), null, null));
        }
    }

    /** The merge deletes the partial results of a job it completes; any other end of the job deletes them here. */
    @EventListener
    void onJobFinished(JobFinished finished) {
        if (finished.status() != JobStatus.COMPLETED) {
            files.deletePartials(finished.jobId());
        }
    }

    private record Totals(int done, long bytes, long records) {
    }
}

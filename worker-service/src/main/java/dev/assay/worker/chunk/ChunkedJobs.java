package dev.assay.worker.chunk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import dev.assay.analytics.AnalysisException;
import dev.assay.analytics.AnalysisOptions;
import dev.assay.analytics.AnalysisResult;
import dev.assay.analytics.Analytics;
import dev.assay.analytics.ChunkContext;
import dev.assay.analytics.PartialResult;
import dev.assay.analytics.ProgressListener;
import dev.assay.analytics.SeekableInput;
import dev.assay.protocol.ChunkReport;
import dev.assay.protocol.JobEvent;
import dev.assay.protocol.JobPart;
import dev.assay.protocol.JobRequested;
import dev.assay.protocol.JobStatus;
import dev.assay.protocol.Topology;
import dev.assay.worker.job.EventSink;
import dev.assay.worker.job.FileSystemStoredFiles;
import dev.assay.worker.job.JobProcessor;
import dev.assay.worker.job.RetryableJobException;

/**
 * Analyses big files in chunks on any number of workers. A whole job whose file is at least the threshold and can be
 * cut (not compressed, not UTF-16) is <em>split</em>: the worker that received it cuts the file at record boundaries,
 * publishes one {@link JobPart.Kind#CHUNK} task per piece on the job queue and is done with it. Any worker analyses
 * a chunk, stores its {@link PartialResult} next to the upload ({@link PartialStore}) and reports it on an event with
 * a {@link ChunkReport}; the gateway records each chunk once and, when all are done, asks for one
 * {@link JobPart.Kind#MERGE} task, which reads the partial results, merges them in file order and completes the job.
 *
 * <p>Events: the split publishes {@code PROCESSING} numbered like a job attempt; chunk tasks carry a {@code baseSeq}
 * half an attempt's span above it, so a chunk's {@code FAILED} is newer than the split's events; the merge task's
 * {@code baseSeq} is the job's stored {@code seq} when the gateway asked for it. No Spring, no broker: thread safe.
 */
public final class ChunkedJobs {

    /** Most chunks a file is cut into, whatever the chunk size. */
    static final int MAX_CHUNKS = 1_000;

    private static final Logger log = LoggerFactory.getLogger(ChunkedJobs.class);

    private final FileSystemStoredFiles files;
    private final PartialStore partials;
    private final TaskPublisher tasks;
    private final EventSink sink;
    private final ObjectMapper json;
    private final String workerId;
    private final long threshold;
    private final long chunkSize;
    private final Clock clock;

    /**
     * @param threshold files of at least this many bytes are analysed in chunks
     * @param chunkSize the size a chunk aims at (cuts move to the next record boundary)
     */
    public ChunkedJobs(FileSystemStoredFiles files, PartialStore partials, TaskPublisher tasks, EventSink sink,
            ObjectMapper json, String workerId, long threshold, long chunkSize, Clock clock) {
        this.files = Objects.requireNonNull(files, "files");
        this.partials = Objects.requireNonNull(partials, "partials");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.json = Objects.requireNonNull(json, "json");
        this.workerId = Objects.requireNonNull(workerId, "workerId");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (threshold < 1 || chunkSize < 1) {
            throw new IllegalArgumentException("the chunking threshold and chunk size must be positive");
        }
        this.threshold = threshold;
        this.chunkSize = chunkSize;
    }

    /**
     * Whether this request is handled here: a chunk or merge task, or a whole job big enough to be split whose file
     * can be cut. Anything else (a small or compressed file, bad options, a missing file) is processed whole.
     */
    public boolean takes(JobRequested request) {
        if (request.part() != null) {
            return true;
        }
        if (request.sizeBytes() < threshold) {
            return false;
        }
        try {
            return context(request).splittable();
        } catch (IOException | AnalysisException | RuntimeException e) {
            log.debug("Job {} is processed whole: {}", request.jobId(), e.toString());
            return false;
        }
    }

    /**
     * Does what the request asks: split the job, analyse a chunk or merge the chunks.
     *
     * On the last delivery the job queue allows, work that still cannot be done ends the job FAILED, so that a job
     * whose chunk keeps failing is not left PROCESSING once the task is dead-lettered (the gateway then deletes the
     * partial results).
     *
     * @param attempt   how many times the request was delivered before
     * @param cancelled whether the job was cancelled or deleted meanwhile: asked before a chunk's partial result is
     *                  written, so that a chunk finishing after its job ended leaves nothing in the file store
     * @throws RetryableJobException if the work could not be done for a reason that may pass (the file store or the
     *                               broker is unavailable); the request should be processed again later
     */
    public void handle(JobRequested request, int attempt, BooleanSupplier cancelled) throws RetryableJobException {
        try {
            JobPart part = request.part();
            if (part == null) {
                split(request, attempt);
            } else if (part.kind() == JobPart.Kind.CHUNK) {
                analyseChunk(request, part, cancelled);
            } else {
                merge(request, part, attempt);
            }
        } catch (RetryableJobException e) {
            if (attempt < Topology.JOBS_DELIVERY_LIMIT) {
                throw e;
            }
            log.error("A part of job {} could not be done in {} attempts; the job fails", request.jobId(),
                    attempt + 1, e);
            publish(event(request, JobStatus.FAILED, request.baseSeq() + attempt * JobProcessor.SEQ_SPAN_PER_ATTEMPT
                    + 2, null, 0, 0, "A part of the job could not be analysed after " + (attempt + 1)
                    + " attempts; the details are in the worker's log under job id " + request.jobId(), null, null));
        }
    }

    private void split(JobRequested request, int attempt) throws RetryableJobException {
        long seq = request.baseSeq() + attempt * JobProcessor.SEQ_SPAN_PER_ATTEMPT;
        long[] cuts;
        try {
            Path file = files.resolve(request.storageKey());
            long size = Files.size(file);
            int pieces = (int) Math.min(MAX_CHUNKS, Math.max(1, (size + chunkSize - 1) / chunkSize));
            cuts = Analytics.recordBoundaries(SeekableInput.of(file), context(request), pieces);
            if (cuts.length == 2 && pieces > 1) {
                log.warn("Job {}: no safe record boundary was found in {} bytes; it is analysed as one chunk",
                        request.jobId(), size);
            }
        } catch (IOException | AnalysisException e) {
            throw new RetryableJobException("The file of job " + request.jobId() + " could not be cut: " + e, e);
        }
        int count = cuts.length - 1;
        publish(event(request, JobStatus.PROCESSING, seq + 1, 0.0, 0, 0, null, null, ChunkReport.cut(count)));
        long chunkBaseSeq = seq + JobProcessor.SEQ_SPAN_PER_ATTEMPT / 2;
        for (int i = 0; i < count; i++) {
            JobRequested task = request.forPart(JobPart.chunk(i, count, cuts[i], cuts[i + 1]), chunkBaseSeq,
                    clock.instant());
            try {
                tasks.publish(task);
            } catch (Exception e) {
                interruptIf(e);
                throw new RetryableJobException("Chunk " + i + " of job " + request.jobId() + " was not queued: " + e,
                        e);
            }
        }
        log.info("Job {} cut into {} chunks", request.jobId(), count);
    }

    private void analyseChunk(JobRequested request, JobPart part, BooleanSupplier cancelled)
            throws RetryableJobException {
        long started = clock.millis();
        PartialResult partial;
        try (InputStream in = ByteRange.open(files.resolve(request.storageKey()), part.start(), part.end())) {
            partial = Analytics.analyzeChunk(in, context(request), part.index() == 0, ProgressListener.NONE);
        } catch (NoSuchFileException e) {
            publish(event(request, JobStatus.FAILED, request.baseSeq() + 1, null, 0, 0, "The stored file is missing",
                    null, null));
            return;
        } catch (AnalysisException e) {
            if (e.reason() == AnalysisException.Reason.IO_ERROR) {
                throw new RetryableJobException("Chunk " + part.index() + " could not be read: " + e.getMessage(), e);
            }
            publish(event(request, JobStatus.FAILED, request.baseSeq() + 1, null, 0, 0, e.getMessage(), null, null));
            return;
        } catch (IOException e) {
            throw new RetryableJobException("Chunk " + part.index() + " could not be read: " + e, e);
        }
        if (cancelled.getAsBoolean()) {
            log.info("Job {} ended while its chunk {} was analysed; the chunk is dropped", request.jobId(),
                    part.index());
            return;
        }
        long records = partial.records();
        try {
            partials.write(request.jobId(), part.index(), partial);
        } catch (IOException e) {
            throw new RetryableJobException("The partial result of chunk " + part.index() + " was not stored: " + e,
                    e);
        }
        long bytes = part.end() - part.start();
        long millis = Math.max(1, clock.millis() - started);
        publish(new JobEvent(request.jobId(), request.owner(), JobStatus.PROCESSING, request.baseSeq(), null, bytes,
                records, bytes * 1000.0 / millis, clock.instant(), workerId, null, null,
                new ChunkReport(part.index(), part.count(), bytes, records), null));
        log.info("Job {}: chunk {} of {} done ({} bytes, {} records, {} ms)", request.jobId(), part.index() + 1,
                part.count(), bytes, records, millis);
    }

    private void merge(JobRequested request, JobPart part, int attempt) throws RetryableJobException {
        UUID jobId = request.jobId();
        if (!partials.holds(jobId)) {
            log.info("Job {}: its partial results are gone (merged already); nothing to merge", jobId);
            return;
        }
        long seq = request.baseSeq() + attempt * JobProcessor.SEQ_SPAN_PER_ATTEMPT;
        publish(event(request, JobStatus.PROCESSING, seq + 1, 1.0, request.sizeBytes(), 0, null, null, null));
        JsonNode result;
        long records;
        try {
            ChunkContext context = context(request);
            PartialResult merged = partials.read(jobId, 0, context);
            for (int i = 1; i < part.count(); i++) {
                merged = merged.merge(partials.read(jobId, i, context));
            }
            AnalysisResult analysis = merged.toResult();
            records = analysis.records();
            result = json.valueToTree(analysis);
        } catch (NoSuchFileException e) {
            if (!partials.holds(jobId)) {
                log.info("Job {}: another merge completed it meanwhile", jobId);
                return;
            }
            publish(event(request, JobStatus.FAILED, seq + 2, null, 0, 0,
                    "A chunk's partial result is missing from the file store", null, null));
            return;
        } catch (IOException | AnalysisException e) {
            throw new RetryableJobException("The chunks of job " + jobId + " could not be merged: " + e, e);
        }
        publish(event(request, JobStatus.COMPLETED, seq + 2, 1.0, request.sizeBytes(), records, null, result, null));
        try {
            partials.delete(jobId);
        } catch (IOException e) {
            log.warn("Job {}: its partial results were not deleted: {}", jobId, e.toString());
        }
        log.info("Job {} COMPLETED from {} chunks", jobId, part.count());
    }

    /** The format decisions, made again from the file's first bytes by every task (they are deterministic). */
    private ChunkContext context(JobRequested request) throws IOException, AnalysisException {
        AnalysisOptions options = AnalysisOptions.fromMap(request.options());
        try (InputStream head = files.open(request.storageKey())) {
            return Analytics.prepareChunks(head, options);
        }
    }

    private JobEvent event(JobRequested request, JobStatus status, long seq, Double progress, long bytes,
            long records, String error, JsonNode result, ChunkReport chunk) {
        return new JobEvent(request.jobId(), request.owner(), status, seq, progress, bytes, records, null,
                clock.instant(), workerId, error, result, chunk, null);
    }

    private void publish(JobEvent event) throws RetryableJobException {
        try {
            sink.publish(event);
        } catch (Exception e) {
            interruptIf(e);
            throw new RetryableJobException("The " + event.status() + " event of job " + event.jobId()
                    + " was not accepted: " + e, e);
        }
    }

    private static void interruptIf(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.assay.worker.job;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import dev.assay.analytics.AnalysisException;
import dev.assay.analytics.AnalysisOptions;
import dev.assay.analytics.AnalysisResult;
import dev.assay.analytics.Analytics;
import dev.assay.analytics.Preview;
import dev.assay.analytics.PreviewListener;
import dev.assay.analytics.ProgressListener;
import dev.assay.protocol.JobEvent;
import dev.assay.protocol.JobRequested;
import dev.assay.protocol.JobStatus;

/**
 * Processes one job: opens its stored file, runs the analysis engine on it and publishes the job's events to an
 * {@link EventSink} — {@code PROCESSING} when it starts and then at most once per progress interval, and exactly one
 * terminal event: {@code COMPLETED} with the result, {@code FAILED} with a reason a person understands, or
 * {@code CANCELLED}.
 *
 * <p>Events are numbered from {@code request.baseSeq() + 1} on a job's first attempt. A job message delivered again
 * (its worker died, or the job was given back) is a later attempt whose events must all be newer than anything the
 * earlier attempts published, because consumers drop events whose {@code seq} is not newer than what they have.
 * Attempt {@code n} therefore numbers its events from {@code baseSeq + n * SEQ_SPAN_PER_ATTEMPT + 1}, and no
 * attempt publishes more than {@link #SEQ_SPAN_PER_ATTEMPT} events.
 *
 * <p>This is the only job-processing code of Assay: the cluster's workers and the standalone mode's in-process pool
 * both use it. It knows neither the broker nor Spring. Thread safe: one instance serves any number of threads, each
 * processing its own job. Log lines written while a job is processed carry its id in the MDC key {@code jobId}.
 */
public final class JobProcessor {

    /** The MDC key holding the id of the job being processed. */
    public static final String MDC_JOB_ID = "jobId";

    /** How many {@code seq} numbers each attempt of a job may use (days of progress events at a few per second). */
    public static final long SEQ_SPAN_PER_ATTEMPT = 1_000_000;

    /** Least time between two events carrying a partial result, unless told otherwise. */
    static final Duration DEFAULT_PARTIAL_INTERVAL = Duration.ofSeconds(2);

    static final String MISSING_FILE = "The uploaded file is gone";
    static final String INVALID_STORAGE_KEY = "The stored file's name is not valid";

    private static final Logger log = LoggerFactory.getLogger(JobProcessor.class);

    private final StoredFiles storedFiles;
    private final EventSink sink;
    private final ObjectMapper objectMapper;
    private final String workerId;
    private final Duration progressInterval;
    private final Duration partialInterval;
    private final Clock clock;
    private final Analysis analysis;

    /**
     * @param storedFiles      where the jobs' files are read from
     * @param sink             where the jobs' events go
     * @param objectMapper     turns the analysis result into the JSON carried by {@code COMPLETED}
     * @param workerId         the id carried by every event
     * @param progressInterval the least time between two {@code PROCESSING} events of one job
     * @param clock            the source of event timestamps and of elapsed time
     */
    public JobProcessor(StoredFiles storedFiles, EventSink sink, ObjectMapper objectMapper, String workerId,
            Duration progressInterval, Clock clock) {
        this(storedFiles, sink, objectMapper, workerId, progressInterval, DEFAULT_PARTIAL_INTERVAL, clock);
    }

    /**
     * As {@link #JobProcessor(StoredFiles, EventSink, ObjectMapper, String, Duration, Clock)}, with the least time
     * between two {@code PROCESSING} events that carry a {@code partial} result.
     */
    public JobProcessor(StoredFiles storedFiles, EventSink sink, ObjectMapper objectMapper, String workerId,
            Duration progressInterval, Duration partialInterval, Clock clock) {
        this(storedFiles, sink, objectMapper, workerId, progressInterval, partialInterval, clock, Analytics::analyze);
    }

    JobProcessor(StoredFiles storedFiles, EventSink sink, ObjectMapper objectMapper, String workerId,
            Duration progressInterval, Clock clock, Analysis analysis) {
        this(storedFiles, sink, objectMapper, workerId, progressInterval, DEFAULT_PARTIAL_INTERVAL, clock, analysis);
    }

    private JobProcessor(StoredFiles storedFiles, EventSink sink, ObjectMapper objectMapper, String workerId,
            Duration progressInterval, Duration partialInterval, Clock clock, Analysis analysis) {
        this.partialInterval = Objects.requireNonNull(partialInterval, "partialInterval");
        this.storedFiles = Objects.requireNonNull(storedFiles, "storedFiles");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper");
        this.workerId = Objects.requireNonNull(workerId, "workerId");
        this.progressInterval = Objects.requireNonNull(progressInterval, "progressInterval");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.analysis = Objects.requireNonNull(analysis, "analysis");
        if (progressInterval.isNegative()) {
            throw new IllegalArgumentException("progressInterval must not be negative: " + progressInterval);
        }
    }

    /**
     * Processes a job to its end.
     *
     * @param request   the job
     * @param cancelled read while the job runs; once it answers {@code true} the job stops and ends {@code CANCELLED}
     * @return the terminal event, after the sink accepted it
     * @throws RetryableJobException if no terminal event could be published for a reason that may pass; the job
     *                               should be processed again later
     */
    public JobEvent process(JobRequested request, BooleanSupplier cancelled) throws RetryableJobException {
        return process(request, 0, cancelled);
    }

    /**
     * Processes an attempt of a job to its end.
     *
     * @param request   the job
     * @param attempt   how many times the job's message was delivered before (0 on the first delivery)
     * @param cancelled read while the job runs; once it answers {@code true} the job stops and ends {@code CANCELLED}
     * @return the terminal event, after the sink accepted it
     * @throws RetryableJobException if no terminal event could be published for a reason that may pass; the job
     *                               should be processed again later
     */
    public JobEvent process(JobRequested request, int attempt, BooleanSupplier cancelled)
            throws RetryableJobException {
        return process(request, attempt, cancelled, () -> { });
    }

    /**
     * Processes an attempt of a job to its end, telling {@code claim} when the job has started: its file is open
     * and its first {@code PROCESSING} event was accepted. From then on the job is this worker's (a cluster worker
     * acks the job's message there); a job that ends before (cancelled, missing file, invalid options) or cannot
     * start now ({@link RetryableJobException}) is never claimed.
     *
     * @param request   the job
     * @param attempt   how many attempts at the job were made before (0 on the first)
     * @param cancelled read while the job runs; once it answers {@code true} the job stops and ends {@code CANCELLED}
     * @param claim     called at most once, on the processing thread, when the job has started
     * @return the terminal event, after the sink accepted it
     * @throws RetryableJobException if no terminal event could be published for a reason that may pass, or the
     *                               claim failed; the job should be processed again later
     */
    public JobEvent process(JobRequested request, int attempt, BooleanSupplier cancelled, Claim claim)
            throws RetryableJobException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(cancelled, "cancelled");
        Objects.requireNonNull(claim, "claim");
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must not be negative: " + attempt);
        }
        return withJobIdInMdc(request, () -> new Run(request, attempt, cancelled, claim).execute());
    }

    /**
     * Publishes again the terminal event of a job whose analysis had finished but whose event the sink did not accept
     * ({@link RetryableJobException#unpublishedOutcome}), so that the job is not analysed a second time.
     *
     * @return the event, after the sink accepted it
     * @throws RetryableJobException if the sink refused it again, with the event to publish later
     */
    public JobEvent publishAgain(JobEvent terminal) throws RetryableJobException {
        publishTerminal(terminal);
        log.info("Job {} {}: its event is accepted now", terminal.jobId(), terminal.status());
        return terminal;
    }

    private JobEvent publishTerminal(JobEvent terminal) throws RetryableJobException {
        try {
            sink.publish(terminal);
            return terminal;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new RetryableJobException("The " + terminal.status() + " event of job " + terminal.jobId()
                    + " was not accepted: " + e, e, terminal);
        }
    }

    /** Told when a job has started; see {@link #process(JobRequested, int, BooleanSupplier, Claim)}. */
    @FunctionalInterface
    public interface Claim {

        /** @throws Exception if the job cannot be taken on now; it is then given back as not started */
        void claim() throws Exception;
    }

    /**
     * Ends a job {@code FAILED} without processing it: for a job that was given back too often (its attempts all
     * ended in {@link RetryableJobException}). The event's {@code seq} is the last of the attempt's span, above
     * anything the attempt published.
     *
     * @param request the job
     * @param attempt the attempt that gives up (as passed to {@link #process(JobRequested, int, BooleanSupplier)})
     * @param error   the reason, for a person
     * @return the terminal event, after the sink accepted it
     * @throws RetryableJobException if the sink did not accept the event
     */
    public JobEvent fail(JobRequested request, int attempt, String error) throws RetryableJobException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(error, "error");
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must not be negative: " + attempt);
        }
        return withJobIdInMdc(request, () -> new Run(request, attempt, () -> false, () -> { }).giveUp(error));
    }

    private static JobEvent withJobIdInMdc(JobRequested request, JobWork work) throws RetryableJobException {
        try (JobMdc jobId = JobMdc.put(request.jobId())) {
            return work.run();
        }
    }

    @FunctionalInterface
    private interface JobWork {
        JobEvent run() throws RetryableJobException;
    }

    /** The analysis engine's entry point; a seam so that tests can drive progress callbacks. */
    @FunctionalInterface
    interface Analysis {
        AnalysisResult analyze(InputStream input, AnalysisOptions options, ProgressListener listener)
                throws AnalysisException;
    }

    /** Thrown out of the engine's progress callback to stop a job that was asked to stop. */
    private static final class JobCancelled extends CancellationException {
        JobCancelled() {
            super("job cancelled");
        }
    }

    /** Thrown out of the engine's progress callback when this worker is interrupted (shutting down). */
    private static final class Interrupted extends RuntimeException {
        Interrupted(Throwable cause) {
            super("interrupted while publishing progress", cause);
        }
    }

    /** The state of one job's processing. */
    private final class Run {

        private final JobRequested request;
        private final BooleanSupplier cancelled;
        private final Claim claim;
        private final long startedMillis;
        private final long lastSeq;
        private long seq;
        private long lastProgressMillis;
        /** Progress events the broker did not take since the last one it took. */
        private int unpublishedProgress;
        private long bytesRead;
        private long recordsRead;

        Run(JobRequested request, int attempt, BooleanSupplier cancelled, Claim claim) {
            this.request = request;
            this.cancelled = cancelled;
            this.claim = claim;
            this.seq = request.baseSeq() + attempt * SEQ_SPAN_PER_ATTEMPT;
            this.lastSeq = seq + SEQ_SPAN_PER_ATTEMPT;
            this.startedMillis = clock.millis();
        }

        JobEvent giveUp(String error) throws RetryableJobException {
            seq = lastSeq - 1;
            return finish(JobStatus.FAILED, error, null);
        }

        JobEvent execute() throws RetryableJobException {
            if (cancelled.getAsBoolean()) {
                return finish(JobStatus.CANCELLED, null, null);
            }
            AnalysisOptions options;
            try {
                options = AnalysisOptions.fromMap(request.options());
            } catch (IllegalArgumentException e) {
                return finish(JobStatus.FAILED, "Invalid analysis options: " + e.getMessage(), null);
            } catch (RuntimeException e) {
                return failUnexpectedly(e);
            }
            InputStream stored;
            try {
                stored = open();
            } catch (MissingFile e) {
                return finish(JobStatus.FAILED, e.getMessage(), null);
            }
            CountingInputStream input = new CountingInputStream(stored);
            try {
                start();
                return analyse(input, options);
            } finally {
                closeQuietly(input);
            }
        }

        private void closeQuietly(InputStream input) {
            try {
                input.close();
            } catch (IOException e) {
                log.debug("Closing the stored file {} failed", request.storageKey(), e);
            }
        }

        private InputStream open() throws RetryableJobException, MissingFile {
            try {
                return storedFiles.open(request.storageKey());
            } catch (NoSuchFileException | FileNotFoundException e) {
                log.warn("Stored file {} of job {} is missing", request.storageKey(), request.jobId());
                throw new MissingFile(MISSING_FILE);
            } catch (IllegalArgumentException e) {
                log.warn("Job {} has an invalid storage key: {}", request.jobId(), e.getMessage());
                throw new MissingFile(INVALID_STORAGE_KEY);
            } catch (IOException e) {
                throw new RetryableJobException("The file store cannot be read right now: " + e.getMessage(), e);
            }
        }

        /** Publishes the first PROCESSING event, which must be accepted, then claims the job. */
        private void start() throws RetryableJobException {
            lastProgressMillis = clock.millis();
            JobEvent started = event(JobStatus.PROCESSING, fraction(), null, null);
            try {
                sink.publish(started);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new RetryableJobException("Job " + request.jobId() + " could not start: its PROCESSING event"
                        + " was not accepted: " + e, e);
            }
            try {
                claim.claim();
            } catch (Exception e) {
                throw new RetryableJobException("Job " + request.jobId() + " could not be claimed: " + e, e);
            }
        }

        private JobEvent analyse(CountingInputStream input, AnalysisOptions options) throws RetryableJobException {
            AnalysisResult result;
            try {
                result = analysis.analyze(input, options, new PreviewListener() {
                    @Override
                    public void onProgress(Progress progress) {
                        Run.this.onProgress(progress);
                    }

                    @Override
                    public void onPreview(Preview preview) {
                        Run.this.onPreview(preview);
                    }

                    @Override
                    public Duration previewInterval() {
                        return partialInterval;
                    }
                });
            } catch (CancellationException e) {
                bytesRead = Math.max(bytesRead, input.count());
                log.info("Job {} cancelled after {} bytes", request.jobId(), bytesRead);
                return finish(JobStatus.CANCELLED, null, null);
            } catch (AnalysisException e) {
                throwIfInterrupted(e);
                bytesRead = Math.max(bytesRead, input.count());
                log.info("Job {} failed: {} ({})", request.jobId(), e.getMessage(), e.reason());
                return finish(JobStatus.FAILED, describe(e), null);
            } catch (Interrupted e) {
                Thread.currentThread().interrupt();
                throw new RetryableJobException("Interrupted while processing job " + request.jobId(), e.getCause());
            } catch (RuntimeException e) {
                throwIfInterrupted(e);
                return failUnexpectedly(e);
            }
            bytesRead = Math.max(bytesRead, input.count());
            JsonNode json;
            try {
                json = objectMapper.valueToTree(result);
            } catch (RuntimeException e) {
                return failUnexpectedly(e);
            }
            JsonNode records = json.get("records");
            if (records != null && records.isIntegralNumber()) {
                recordsRead = records.asLong();
            }
            return finish(JobStatus.COMPLETED, null, json);
        }

        /**
         * A read that failed because the worker interrupted this thread (it is stopping and gave up waiting for the
         * job) says nothing about the file: the job goes back to the queue rather than ending FAILED.
         */
        private void throwIfInterrupted(Exception e) throws RetryableJobException {
            boolean interrupted = Thread.currentThread().isInterrupted();
            for (Throwable cause = e; cause != null && !interrupted; cause = cause.getCause()) {
                interrupted = cause instanceof InterruptedIOException || cause instanceof ClosedByInterruptException
                        || cause instanceof InterruptedException;
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
                throw new RetryableJobException("Interrupted while processing job " + request.jobId(), e);
            }
        }

        private void onProgress(ProgressListener.Progress progress) {
            if (cancelled.getAsBoolean()) {
                throw new JobCancelled();
            }
            bytesRead = progress.bytesRead();
            recordsRead = progress.recordsRead();
            // the last number of the attempt's span is kept for the terminal event
            if (clock.millis() - lastProgressMillis >= progressInterval.toMillis() && seq < lastSeq - 1) {
                publishProgress();
            }
        }

        /** Publishes what the analysis found so far on a progress event, for the job's page to show live. */
        private void onPreview(Preview preview) {
            if (seq < lastSeq - 1) {
                publishProgress(objectMapper.valueToTree(preview));
            }
        }

        private void publishProgress() {
            publishProgress(null);
        }

        private void publishProgress(JsonNode partial) {
            lastProgressMillis = clock.millis();
            JobEvent event = event(JobStatus.PROCESSING, fraction(), null, null, partial);
            try {
                sink.publish(event);
                if (unpublishedProgress > 0) {
                    log.info("Job {}: progress events are published again ({} were not)", request.jobId(),
                            unpublishedProgress);
                    unpublishedProgress = 0;
                }
            } catch (InterruptedException e) {
                throw new Interrupted(e);
            } catch (Exception e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new Interrupted(e);
                }
                // one line per outage, not one per progress event (several a second while the broker is away)
                if (unpublishedProgress++ == 0) {
                    log.warn("Progress event {} of job {} was not published: {}; the next ones are not logged until"
                            + " one is", event.seq(), request.jobId(), e.toString());
                }
            }
        }

        private JobEvent failUnexpectedly(RuntimeException e) throws RetryableJobException {
            log.error("Job {} failed unexpectedly", request.jobId(), e);
            return finish(JobStatus.FAILED, "The analysis failed because of an internal error; the details are in"
                    + " the worker's log under job id " + request.jobId(), null);
        }

        private JobEvent finish(JobStatus status, String error, JsonNode result) throws RetryableJobException {
            Double progress = status == JobStatus.COMPLETED ? Double.valueOf(1.0) : fraction();
            JobEvent terminal = publishTerminal(event(status, progress, error, result));
            log.info("Job {} {} ({} bytes, {} records, {} ms)", request.jobId(), status, bytesRead, recordsRead,
                    clock.millis() - startedMillis);
            return terminal;
        }

        private JobEvent event(JobStatus status, Double progress, String error, JsonNode result) {
            return event(status, progress, error, result, null);
        }

        private JobEvent event(JobStatus status, Double progress, String error, JsonNode result, JsonNode partial) {
            long elapsedMillis = clock.millis() - startedMillis;
            double rate = elapsedMillis > 0 ? bytesRead * 1000.0 / elapsedMillis : 0.0;
            seq++;
            return new JobEvent(request.jobId(), request.owner(), status, seq, progress, bytesRead, recordsRead,
                    rate, clock.instant(), workerId, error, result, null, partial);
        }

        private Double fraction() {
            if (request.sizeBytes() <= 0) {
                return null;
            }
            return Math.min(1.0, (double) bytesRead / request.sizeBytes());
        }
    }

    private static String describe(AnalysisException e) {
        String detail = decapitalize(e.getMessage());
        return switch (e.reason()) {
            case CORRUPT_COMPRESSION -> "The file could not be read as gzip: " + detail;
            case DECOMPRESSION_LIMIT -> "The file is too large once decompressed: " + detail;
            case IO_ERROR -> "The stored file could not be read: " + detail;
        };
    }

    private static String decapitalize(String message) {
        if (message == null || message.isEmpty()) {
            return "no details";
        }
        boolean acronym = message.length() > 1 && Character.isUpperCase(message.charAt(1));
        return acronym ? message : Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }

    /** The stored file cannot be opened and never will be: a permanent failure of the job. */
    private static final class MissingFile extends Exception {
        MissingFile(String message) {
            super(message, null, false, false);
        }
    }
}

package dev.assay.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.json.JsonMapper;

import dev.assay.analytics.AnalysisException;
import dev.assay.analytics.AnalysisOptions;
import dev.assay.analytics.Analytics;
import dev.assay.analytics.ProgressListener;
import dev.assay.protocol.JobEvent;
import dev.assay.protocol.JobRequested;
import dev.assay.protocol.JobStatus;

class JobProcessorTest {

    private static final Path CORPUS = Path.of("..", "..", "shared", "corpus");
    private static final long BASE_SEQ = 7;
    private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(250);

    @TempDir
    Path storage;

    private final RecordingEventSink sink = new RecordingEventSink();
    private final MutableClock clock = new MutableClock();
    private final JsonMapper jsonMapper = JsonMapper.builder().build();

    private JobProcessor processor;

    @BeforeEach
    void createProcessor() {
        processor = processorWith(Analytics::analyze);
    }

    @Test
    void completesACorpusFileWithTheEnginesResultAndNumbersEventsFromBaseSeq() throws Exception {
        JobRequested job = aJobFor(storedCorpusFile("538__cabinet-turnover.csv"));

        JobEvent terminal = processor.process(job, () -> false);

        assertThat(terminal.status()).isEqualTo(JobStatus.COMPLETED);
        try (InputStream input = Files.newInputStream(storage.resolve(job.storageKey()))) {
            assertThat(terminal.result()).isEqualTo(jsonMapper.valueToTree(
                    Analytics.analyze(input, AnalysisOptions.defaults(), ProgressListener.NONE)));
        }
        assertThat(terminal.progress()).isEqualTo(1.0);
        assertThat(terminal.bytesRead()).isEqualTo(job.sizeBytes());
        assertThat(terminal.recordsRead()).isEqualTo(terminal.result().get("records").asLong()).isPositive();
        assertThat(terminal.workerId()).isEqualTo("worker-1");
        assertThat(terminal.owner()).isEqualTo("alice");
        assertThat(terminal.error()).isNull();
        assertThat(sink.events()).first().satisfies(first -> {
            assertThat(first.status()).isEqualTo(JobStatus.PROCESSING);
            assertThat(first.seq()).isEqualTo(BASE_SEQ + 1);
            assertThat(first.progress()).isEqualTo(0.0);
        });
        assertThat(sink.events()).last().isEqualTo(terminal);
        assertThat(sink.events()).extracting(JobEvent::seq)
                .containsExactlyElementsOf(seqsFrom(BASE_SEQ + 1, sink.events().size()));
    }

    @Test
    void numbersTheEventsOfALaterAttemptAboveEverythingEarlierAttemptsCouldPublish() throws Exception {
        JobRequested job = aJobFor(storedFile("a.csv", "a\n1\n"), 4);

        JobEvent terminal = processor.process(job, 2, () -> false);

        long firstOfAttempt = BASE_SEQ + 2 * JobProcessor.SEQ_SPAN_PER_ATTEMPT + 1;
        assertThat(sink.events()).first().extracting(JobEvent::seq).isEqualTo(firstOfAttempt);
        assertThat(terminal.seq()).isBetween(firstOfAttempt + 1, firstOfAttempt + 10);
    }

    @Test
    void failsAJobThatWasGivenBackTooOftenAboveItsAttemptsEventsAndBelowTheNextAttempts() throws Exception {
        JobRequested job = aJobFor("a.csv", 4);

        JobEvent failed = processor.fail(job, 1, "no luck");

        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).isEqualTo("no luck");
        assertThat(failed.seq()).isEqualTo(BASE_SEQ + 2 * JobProcessor.SEQ_SPAN_PER_ATTEMPT);
        assertThat(sink.events()).containsExactly(failed);
    }

    @Test
    void throttlesProgressEventsToOnePerInterval() throws Exception {
        JobRequested job = aJobFor(storedFile("big.csv", "a,b\n1,2\n"), 1000);
        processor = processorWith((input, options, listener) -> {
            for (int i = 1; i <= 100; i++) {
                clock.advance(Duration.ofMillis(10));
                listener.onProgress(new ProgressListener.Progress(i * 10L, i));
            }
            return Analytics.analyze(input, options, ProgressListener.NONE);
        });

        processor.process(job, () -> false);

        // one at the start, then one per 250 ms of the simulated second
        assertThat(sink.progressEvents()).hasSize(5);
        JobEvent fourth = sink.progressEvents().get(4);
        assertThat(fourth.bytesRead()).isEqualTo(1000);
        assertThat(fourth.recordsRead()).isEqualTo(100);
        assertThat(fourth.progress()).isEqualTo(1.0);
        assertThat(fourth.bytesPerSecond()).isEqualTo(1000.0);
        assertThat(sink.progressEvents().get(1).progress()).isEqualTo(0.25);
        assertThat(sink.events()).extracting(JobEvent::seq).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void failsWhenTheStoredFileIsMissing() throws Exception {
        JobEvent terminal = processor.process(aJobFor("uploads/gone.csv", 100), () -> false);

        assertThat(terminal.status()).isEqualTo(JobStatus.FAILED);
        assertThat(terminal.error()).isEqualTo("The uploaded file is gone");
        assertThat(terminal.seq()).isEqualTo(BASE_SEQ + 1);
        assertThat(sink.events()).containsExactly(terminal);
    }

    @Test
    void failsWhenTheStorageKeyLeavesTheStore() throws Exception {
        JobEvent terminal = processor.process(aJobFor("../../etc/passwd", 100), () -> false);

        assertThat(terminal.status()).isEqualTo(JobStatus.FAILED);
        assertThat(terminal.error()).isEqualTo("The stored file's name is not valid");
    }

    @Test
    void failsWithAReasonWhenAGzipFileIsCorrupt() throws Exception {
        byte[] corrupt = {(byte) 0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 'n', 'o', 't', ' ', 'g', 'z', 'i', 'p'};
        Files.write(storage.resolve("broken.csv.gz"), corrupt);

        JobEvent terminal = processor.process(aJobFor("broken.csv.gz", corrupt.length), () -> false);

        assertThat(terminal.status()).isEqualTo(JobStatus.FAILED);
        assertThat(terminal.error()).startsWith("The file could not be read as gzip");
    }

    @Test
    void failsWithTheOptionsProblemWhenOptionsAreInvalid() throws Exception {
        String key = storedFile("small.csv", "a,b\n1,2\n");
        JobRequested job = new JobRequested(UUID.randomUUID(), "alice", key, "small.csv", 8,
                Map.of("noSuchOption", "x"), BASE_SEQ, Instant.now());

        JobEvent terminal = processor.process(job, () -> false);

        assertThat(terminal.status()).isEqualTo(JobStatus.FAILED);
        assertThat(terminal.error()).startsWith("Invalid analysis options: ").contains("noSuchOption");
    }

    @Test
    void stopsARunningJobThatIsCancelled() throws Exception {
        AtomicInteger progressCalls = new AtomicInteger();
        processor = processorWith((input, options, listener) -> {
            for (int i = 1; i <= 1000; i++) {
                progressCalls.incrementAndGet();
                listener.onProgress(new ProgressListener.Progress(i, i));
            }
            throw new AssertionError("the job should have been stopped");
        });

        JobEvent terminal = processor.process(aJobFor(storedFile("a.csv", "a\n1\n"), 4),
                () -> progressCalls.get() >= 3);

        assertThat(terminal.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(progressCalls).hasValue(3);
        assertThat(sink.events()).last().isEqualTo(terminal);
    }

    @Test
    void doesNotStartAJobThatIsAlreadyCancelled() throws Exception {
        JobEvent terminal = processor.process(aJobFor(storedFile("a.csv", "a\n1\n"), 4), () -> true);

        assertThat(terminal.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(sink.events()).containsExactly(terminal);
        assertThat(terminal.seq()).isEqualTo(BASE_SEQ + 1);
    }

    @Test
    void failsWithAGenericReasonOnAnUnexpectedEngineError() throws Exception {
        processor = processorWith((input, options, listener) -> {
            throw new IllegalStateException("bug in the engine");
        });
        JobRequested job = aJobFor(storedFile("a.csv", "a\n1\n"), 4);

        JobEvent terminal = processor.process(job, () -> false);

        assertThat(terminal.status()).isEqualTo(JobStatus.FAILED);
        assertThat(terminal.error()).contains("internal error").contains(job.jobId().toString())
                .doesNotContain("bug in the engine");
    }

    @Test
    void failsWithTheEnginesReasonWhenTheInputCannotBeRead() throws Exception {
        processor = processorWith((input, options, listener) -> {
            throw new AnalysisException(AnalysisException.Reason.DECOMPRESSION_LIMIT, "more than 100x", null);
        });

        JobEvent terminal = processor.process(aJobFor(storedFile("a.gz", "x"), 1), () -> false);

        assertThat(terminal.error()).isEqualTo("The file is too large once decompressed: more than 100x");
    }

    @Test
    void givesTheJobBackWhenTheStoreCannotBeReadRightNow() {
        processor = new JobProcessor(key -> {
            throw new AccessDeniedException(key);
        }, sink, jsonMapper, "worker-1", PROGRESS_INTERVAL, clock);

        assertThatThrownBy(() -> processor.process(aJobFor("a.csv", 4), () -> false))
                .isInstanceOf(RetryableJobException.class);
        assertThat(sink.events()).isEmpty();
    }

    @Test
    void givesTheJobBackWhenTheWorkerInterruptsItWhileReading() throws Exception {
        processor = processorWith((input, options, listener) -> {
            throw new AnalysisException(AnalysisException.Reason.IO_ERROR, "Reading the input failed",
                    new ClosedByInterruptException());
        });
        JobRequested job = aJobFor(storedFile("a.csv", "a\n1\n"), 4);

        try {
            assertThatThrownBy(() -> processor.process(job, () -> false))
                    .isInstanceOf(RetryableJobException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(sink.events()).noneMatch(event -> event.status().isTerminal());
    }

    @Test
    void anOutcomeWhoseEventWasNotAcceptedIsPublishedAgainWithoutAnalysingTheFileAgain() throws Exception {
        AtomicInteger analyses = new AtomicInteger();
        processor = processorWith((input, options, listener) -> {
            analyses.incrementAndGet();
            return Analytics.analyze(input, options, ProgressListener.NONE);
        });
        sink.refuseTerminalEvents();

        RetryableJobException refused = org.junit.jupiter.api.Assertions.assertThrows(RetryableJobException.class,
                () -> processor.process(aJobFor(storedFile("a.csv", "a\n1\n"), 4), () -> false));
        JobEvent outcome = refused.unpublishedOutcome().orElseThrow();
        assertThat(outcome.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(outcome.result()).isNotNull();

        assertThatThrownBy(() -> processor.publishAgain(outcome)).as("the broker is still away")
                .isInstanceOf(RetryableJobException.class)
                .satisfies(e -> assertThat(((RetryableJobException) e).unpublishedOutcome()).contains(outcome));
        sink.acceptTerminalEvents();
        JobEvent published = processor.publishAgain(outcome);

        assertThat(published).isEqualTo(outcome);
        assertThat(sink.events()).last().isEqualTo(outcome);
        assertThat(analyses).hasValue(1);
    }

    @Test
    void givesTheJobBackWhenTheTerminalEventIsNotAccepted() throws Exception {
        sink.refuseTerminalEvents();

        assertThatThrownBy(() -> processor.process(aJobFor(storedFile("a.csv", "a\n1\n"), 4), () -> false))
                .isInstanceOf(RetryableJobException.class)
                .hasMessageContaining("was not accepted");
    }

    @Test
    void goesOnWhenAProgressEventAfterTheFirstIsNotAccepted() throws Exception {
        processor = new JobProcessor(new FileSystemStoredFiles(storage), event -> {
            if (event.status() == JobStatus.PROCESSING && event.seq() > BASE_SEQ + 1) {
                throw new IOException("broker busy");
            }
            sink.publish(event);
        }, jsonMapper, "worker-1", Duration.ZERO, clock, (input, options, listener) -> {
            listener.onProgress(new ProgressListener.Progress(1, 1));
            return Analytics.analyze(input, options, ProgressListener.NONE);
        });

        JobEvent terminal = processor.process(aJobFor(storedFile("a.csv", "a\n1\n"), 4), () -> false);

        assertThat(terminal.status()).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void progressEventsTheBrokerDoesNotTakeAreLoggedOncePerOutageNotEachTime(CapturedOutput output) throws Exception {
        AtomicInteger refused = new AtomicInteger();
        processor = new JobProcessor(new FileSystemStoredFiles(storage), event -> {
            if (event.status() == JobStatus.PROCESSING && event.seq() > BASE_SEQ + 1 && refused.get() < 3) {
                refused.incrementAndGet();
                throw new IOException("broker away");
            }
            sink.publish(event);
        }, jsonMapper, "worker-1", Duration.ZERO, clock, (input, options, listener) -> {
            for (int i = 1; i <= 5; i++) {
                listener.onProgress(new ProgressListener.Progress(i, i));
            }
            return Analytics.analyze(input, options, ProgressListener.NONE);
        });

        JobEvent terminal = processor.process(aJobFor(storedFile("a.csv", "a\n1\n"), 4), () -> false);

        assertThat(terminal.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(output.getOut().lines().filter(line -> line.contains("was not published"))).hasSize(1);
        assertThat(output.getOut()).contains("progress events are published again (3 were not)");
    }

    @Test
    void claimsTheJobOnceItsFirstProcessingEventIsAcceptedAndBeforeTheAnalysis() throws Exception {
        List<String> steps = new ArrayList<>();
        processor = new JobProcessor(new FileSystemStoredFiles(storage), event -> {
            steps.add(event.status().name());
            sink.publish(event);
        }, jsonMapper, "worker-1", PROGRESS_INTERVAL, clock, (input, options, listener) -> {
            steps.add("analysis");
            return Analytics.analyze(input, options, ProgressListener.NONE);
        });

        processor.process(aJobFor(storedFile("a.csv", "a\n1\n"), 4), 0, () -> false, () -> steps.add("claim"));

        assertThat(steps).containsExactly("PROCESSING", "claim", "analysis", "COMPLETED");
    }

    @Test
    void doesNotClaimAJobWhoseFirstProcessingEventIsNotAccepted() throws Exception {
        processor = new JobProcessor(new FileSystemStoredFiles(storage), event -> {
            throw new IOException("broker away");
        }, jsonMapper, "worker-1", PROGRESS_INTERVAL, clock);
        List<String> claims = new ArrayList<>();

        assertThatThrownBy(() -> processor.process(aJobFor(storedFile("a.csv", "a\n1\n"), 4), 0, () -> false,
                () -> claims.add("claim")))
                .isInstanceOf(RetryableJobException.class)
                .hasMessageContaining("could not start");
        assertThat(claims).isEmpty();
    }

    @Test
    void doesNotClaimAJobWhoseFileIsGone() throws Exception {
        List<String> claims = new ArrayList<>();

        JobEvent terminal = processor.process(aJobFor("uploads/gone.csv", 100), 0, () -> false,
                () -> claims.add("claim"));

        assertThat(terminal.status()).isEqualTo(JobStatus.FAILED);
        assertThat(claims).isEmpty();
    }

    private JobProcessor processorWith(JobProcessor.Analysis analysis) {
        return new JobProcessor(new FileSystemStoredFiles(storage), sink, jsonMapper, "worker-1", PROGRESS_INTERVAL,
                clock, analysis);
    }

    private String storedCorpusFile(String name) throws IOException {
        Files.copy(CORPUS.resolve(name), storage.resolve(name));
        return name;
    }

    private String storedFile(String name, String content) throws IOException {
        Files.writeString(storage.resolve(name), content, StandardCharsets.UTF_8);
        return name;
    }

    private JobRequested aJobFor(String storageKey) throws IOException {
        return aJobFor(storageKey, Files.size(storage.resolve(storageKey)));
    }

    private static JobRequested aJobFor(String storageKey, long sizeBytes) {
        return new JobRequested(UUID.randomUUID(), "alice", storageKey, storageKey, sizeBytes, Map.of(), BASE_SEQ,
                Instant.now());
    }

    private static List<Long> seqsFrom(long first, int count) {
        return LongStream.range(first, first + count).boxed().toList();
    }
}

package dev.assay.worker.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.assay.analytics.AnalysisOptions;
import dev.assay.analytics.Analytics;
import dev.assay.analytics.ProgressListener;
import dev.assay.protocol.ChunkReport;
import dev.assay.protocol.JobEvent;
import dev.assay.protocol.JobPart;
import dev.assay.protocol.JobRequested;
import dev.assay.protocol.JobStatus;
import dev.assay.protocol.Topology;
import dev.assay.worker.job.FileSystemStoredFiles;
import dev.assay.worker.job.RetryableJobException;

/** Splitting, chunk analysis and merge on a real folder, with the broker replaced by lists of what was published. */
class ChunkedJobsTest {

    private static final BooleanSupplier NOT_CANCELLED = () -> false;

    @TempDir
    Path store;

    private final List<JobEvent> events = new CopyOnWriteArrayList<>();
    private final List<JobRequested> tasks = new CopyOnWriteArrayList<>();
    private final JsonMapper json = JsonMapper.builder().build();

    private ChunkedJobs chunkedJobs(long threshold, long chunkSize) {
        FileSystemStoredFiles files = new FileSystemStoredFiles(store);
        return new ChunkedJobs(files, new PartialStore(files.root()), tasks::add, events::add, json, "worker-1",
                threshold, chunkSize, Clock.systemUTC());
    }

    @Test
    void aFileCutIntoChunksAnalysedAndMergedGivesTheSinglePassResult() throws Exception {
        JobRequested job = storeCsv("events.csv", 20_000);
        ChunkedJobs chunked = chunkedJobs(64 * 1024, 64 * 1024);

        assertThat(chunked.takes(job)).isTrue();
        chunked.handle(job, 0, NOT_CANCELLED);
        assertThat(tasks).hasSizeGreaterThan(5);
        assertCoversTheFile(tasks, Files.size(store.resolve("events.csv")));
        assertThat(events).as("the cut is announced, so the job holds no lease").first()
                .extracting(JobEvent::chunk).isEqualTo(ChunkReport.cut(tasks.size()));
        for (JobRequested task : List.copyOf(tasks)) {
            chunked.handle(task, 0, NOT_CANCELLED);
        }
        List<JobEvent> reports = events.stream().filter(e -> e.chunk() != null && !e.chunk().isCut()).toList();
        assertThat(reports).hasSize(tasks.size());
        assertThat(reports.stream().mapToLong(e -> e.chunk().records()).sum()).isEqualTo(20_000);

        chunked.handle(job.forPart(JobPart.merge(tasks.size()), 10, Instant.now()), 0, NOT_CANCELLED);

        JobEvent completed = events.get(events.size() - 1);
        assertThat(completed.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(completed.seq()).isEqualTo(12);
        assertThat(comparable(completed.result())).isEqualTo(comparable(singlePass("events.csv")));
        assertThat(store.resolve(PartialStore.DIRECTORY).resolve(job.jobId().toString())).doesNotExist();
    }

    @Test
    void aMergeRequestedTwiceCompletesTheJobOnce() throws Exception {
        JobRequested job = storeCsv("twice.csv", 2_000);
        ChunkedJobs chunked = chunkedJobs(1024, 8 * 1024);
        chunked.handle(job, 0, NOT_CANCELLED);
        for (JobRequested task : List.copyOf(tasks)) {
            chunked.handle(task, 0, NOT_CANCELLED);
        }
        JobRequested merge = job.forPart(JobPart.merge(tasks.size()), 10, Instant.now());

        chunked.handle(merge, 0, NOT_CANCELLED);
        chunked.handle(merge, 0, NOT_CANCELLED);

        assertThat(events.stream().filter(e -> e.status().isTerminal())).hasSize(1);
    }

    @Test
    void aFileIsCutIntoAtMostAThousandChunks() throws Exception {
        JobRequested job = storeCsv("many.csv", 3_000);

        chunkedJobs(1, 1).handle(job, 0, NOT_CANCELLED);

        assertThat(tasks).hasSizeBetween(ChunkedJobs.MAX_CHUNKS / 2, ChunkedJobs.MAX_CHUNKS);
        assertCoversTheFile(tasks, Files.size(store.resolve("many.csv")));
    }

    @Test
    void smallAndCompressedFilesAreAnalysedWhole() throws Exception {
        JobRequested small = storeCsv("small.csv", 100);
        Path gzip = store.resolve("big.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write(Files.readAllBytes(store.resolve("small.csv")));
        }
        JobRequested compressed = request("big.csv.gz", Files.size(gzip));
        ChunkedJobs chunked = chunkedJobs(16, 16);

        assertThat(chunkedJobs(1 << 20, 1 << 20).takes(small)).isFalse();
        assertThat(chunked.takes(compressed)).isFalse();
        assertThat(chunked.takes(request("missing.csv", 1 << 20))).isFalse();
    }

    @Test
    void aChunkAnalysedTwiceReportsTheSameCountsAndIsStoredOnce() throws Exception {
        JobRequested job = storeCsv("again.csv", 2_000);
        ChunkedJobs chunked = chunkedJobs(1024, 8 * 1024);
        chunked.handle(job, 0, NOT_CANCELLED);
        JobRequested first = tasks.get(0);

        chunked.handle(first, 0, NOT_CANCELLED);
        chunked.handle(first, 1, NOT_CANCELLED);

        List<JobEvent> reports = events.stream().filter(e -> e.chunk() != null && !e.chunk().isCut()).toList();
        assertThat(reports).hasSize(2);
        assertThat(reports.get(1).chunk()).isEqualTo(reports.get(0).chunk());
        try (var files = Files.list(store.resolve(PartialStore.DIRECTORY).resolve(job.jobId().toString()))) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).containsExactly("0.partial");
        }
    }

    @Test
    void aChunkWhoseJobEndedWhileItWasAnalysedWritesNoPartialResult() throws Exception {
        JobRequested job = storeCsv("ended.csv", 2_000);
        ChunkedJobs chunked = chunkedJobs(1024, 8 * 1024);
        chunked.handle(job, 0, NOT_CANCELLED);

        chunked.handle(tasks.get(0), 0, () -> true);

        assertThat(store.resolve(PartialStore.DIRECTORY)).doesNotExist();
        assertThat(events).as("only the cut").hasSize(1);
    }

    @Test
    void aChunkThatCannotBeReadGoesBackToTheQueueAndOnItsLastDeliveryFailsTheJob() throws Exception {
        JobRequested job = storeCsv("unreadable.csv", 2_000);
        ChunkedJobs chunked = chunkedJobs(1024, 8 * 1024);
        chunked.handle(job, 0, NOT_CANCELLED);
        Files.delete(store.resolve("unreadable.csv"));
        Files.createDirectory(store.resolve("unreadable.csv")); // opens, but every read fails
        JobRequested chunk = tasks.get(0);

        assertThatThrownBy(() -> chunked.handle(chunk, Topology.JOBS_DELIVERY_LIMIT - 1, NOT_CANCELLED))
                .isInstanceOf(RetryableJobException.class);
        chunked.handle(chunk, Topology.JOBS_DELIVERY_LIMIT, NOT_CANCELLED);

        JobEvent failed = events.get(events.size() - 1);
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).contains("after " + (Topology.JOBS_DELIVERY_LIMIT + 1) + " attempts");
        assertThat(failed.seq()).isGreaterThan(chunk.baseSeq() + 1);
    }

    private static void assertCoversTheFile(List<JobRequested> tasks, long size) {
        long expectedStart = 0;
        for (int i = 0; i < tasks.size(); i++) {
            JobPart part = tasks.get(i).part();
            assertThat(part.kind()).isEqualTo(JobPart.Kind.CHUNK);
            assertThat(part.index()).isEqualTo(i);
            assertThat(part.count()).isEqualTo(tasks.size());
            assertThat(part.start()).isEqualTo(expectedStart);
            assertThat(part.end()).isGreaterThan(part.start());
            expectedStart = part.end();
        }
        assertThat(expectedStart).isEqualTo(size);
    }

    private JobRequested storeCsv(String name, int rows) throws IOException {
        StringBuilder csv = new StringBuilder("user,time,amount,note\n");
        for (int i = 0; i < rows; i++) {
            String note = i % 10 == 0 ? "\"two\nlines\"" : "n" + i % 3;
            csv.append('u').append(i % 37).append(",2026-01-01T00:").append(String.format("%02d:%02d", i / 60 % 60,
                    i % 60)).append("Z,").append(i % 1000).append(',').append(note).append('\n');
        }
        Path file = store.resolve(name);
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return request(name, Files.size(file));
    }

    private static JobRequested request(String name, long size) {
        return new JobRequested(UUID.randomUUID(), "alice", name, name, size, Map.of(), 0, Instant.now());
    }

    /**
     * The result without quantiles (a randomised sketch) and with moments rounded to 9 digits (merging them in
     * another order changes their last bits).
     */
    private static JsonNode comparable(JsonNode result) {
        JsonNode copy = result.deepCopy();
        for (JsonNode column : copy.get("columns")) {
            ObjectNode c = (ObjectNode) column;
            c.remove("quantiles");
            for (String moment : List.of("mean", "stddev")) {
                if (c.get(moment) != null && c.get(moment).isNumber()) {
                    c.put(moment, String.format("%.9g", c.get(moment).asDouble()));
                }
            }
        }
        return copy;
    }

    private JsonNode singlePass(String name) throws Exception {
        try (InputStream in = Files.newInputStream(store.resolve(name))) {
            return json.valueToTree(Analytics.analyze(in, AnalysisOptions.defaults(), ProgressListener.NONE));
        }
    }
}

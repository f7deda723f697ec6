package dev.assay.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** A file cut at record boundaries, analysed piece by piece and merged, gives the single-pass result. */
class SplitMergeTest {

    private static final List<String> FILES = List.of("superstore__Sample_-_Superstore.csv",
            "538__realDonaldTrump.csv", "csvw__manifest.csv", "elastic__apache_logs",
            "elastic__kafka0_server.log.2016-12-19-20", "cowrie__cowrie.json.2018-05-16", "loghub__BGL_2k.log",
            "csvw__test057_comments_padding.csv", "elastic__auth.log",
            "loghub__OpenSSH_2k.log_structured.csv");

    @TestFactory
    Stream<DynamicTest> mergedPiecesEqualTheSinglePassAtRandomRecordBoundaries() {
        Random random = new Random(20261203);
        return FILES.stream().map(name -> {
            long seed = random.nextLong();
            return dynamicTest(name + " (seed " + seed + ")", () -> assertSplitEqualsSinglePass(Corpus.file(name), seed));
        });
    }

    @Test
    void tinyFileSplitIntoMorePiecesThanRecordsStillMerges() throws Exception {
        Path file = Files.createTempFile("tiny", ".csv");
        try {
            Files.writeString(file, "user_id,n\na,1\nb,2\na,3\n");
            assertSplitEqualsSinglePass(file, 7);
        } finally {
            Files.delete(file);
        }
    }

    static void assertSplitEqualsSinglePass(Path file, long seed) throws Exception {
        AnalysisResult single;
        try (InputStream in = Files.newInputStream(file)) {
            single = Analytics.analyze(in, AnalysisOptions.defaults(), ProgressListener.NONE);
        }
        ChunkContext context;
        try (InputStream head = Files.newInputStream(file)) {
            context = Analytics.prepareChunks(head, AnalysisOptions.defaults());
        }
        assertThat(context.splittable()).isTrue();
        long[] fine = Analytics.recordBoundaries(SeekableInput.of(file), context, 40);
        Random random = new Random(seed);
        TreeSet<Long> cuts = new TreeSet<>();
        cuts.add(0L);
        cuts.add(fine[fine.length - 1]);
        for (int i = 1; i < fine.length - 1; i++) {
            if (random.nextInt(3) == 0) {
                cuts.add(fine[i]);
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        List<Long> offsets = new ArrayList<>(cuts);
        PartialResult merged = null;
        for (int i = 0; i + 1 < offsets.size(); i++) {
            int from = offsets.get(i).intValue();
            int to = offsets.get(i + 1).intValue();
            PartialResult piece = Analytics.analyzeChunk(new ByteArrayInputStream(bytes, from, to - from), context,
                    i == 0, ProgressListener.NONE);
            merged = merged == null ? piece : merged.merge(piece);
        }
        AnalysisResult split = merged.toResult();
        assertThat(offsets.size()).as("pieces").isGreaterThanOrEqualTo(2);
        assertThat(comparable(split)).isEqualTo(comparable(single));
    }

    /** The result with sketch quantiles left out and floating-point moments rounded (merge order changes the last bits). */
    static AnalysisResult comparable(AnalysisResult r) {
        List<AnalysisResult.Column> columns = r.columns().stream().map(c -> new AnalysisResult.Column(c.name(),
                c.type(), c.nulls(), c.distinct(), c.distinctIsEstimate(), c.min(), c.max(), round(c.mean()),
                round(c.stddev()), null, c.topValues())).toList();
        return new AnalysisResult(r.format(), r.bytes(), r.lines(), r.records(), r.malformedRecords(),
                r.malformedExamples(), columns, r.users(), r.timeline(), r.log(), r.warnings());
    }

    private static Double round(Double d) {
        return d == null ? null : Double.valueOf(String.format("%.9g", d));
    }

    @Test
    void piecesOfAFileAreCutWhereRecordsEndEvenInsideQuotedLineBreaks() throws IOException, AnalysisException {
        Path file = Files.createTempFile("quoted", ".csv");
        try {
            StringBuilder sb = new StringBuilder("id,text\n");
            for (int i = 0; i < 2000; i++) {
                sb.append(i).append(",\"first line\nsecond line ").append(i).append("\"\n");
            }
            Files.writeString(file, sb);
            ChunkContext context;
            try (InputStream head = Files.newInputStream(file)) {
                context = Analytics.prepareChunks(head, AnalysisOptions.defaults());
            }
            long[] cuts = Analytics.recordBoundaries(SeekableInput.of(file), context, 7);
            assertThat(cuts).hasSize(8).startsWith(0L).endsWith(Files.size(file));
            String text = sb.toString();
            for (int i = 1; i < cuts.length - 1; i++) {
                assertThat(text.substring((int) cuts[i])).as("cut %d", i).matches("(?s)\\d+,\"first line\n.*");
            }
        } finally {
            Files.delete(file);
        }
    }
}

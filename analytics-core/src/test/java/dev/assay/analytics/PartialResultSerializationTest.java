package dev.assay.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Pieces written to bytes and read back (as by workers in other processes) merge into the single-pass result. */
class PartialResultSerializationTest {

    private static final List<String> FILES = List.of("superstore__Sample_-_Superstore.csv",
            "538__realDonaldTrump.csv", "elastic__apache_logs", "elastic__kafka0_server.log.2016-12-19-20",
            "cowrie__cowrie.json.2018-05-16", "csvw__test057_comments_padding.csv", "elastic__auth.log");

    @TestFactory
    Stream<DynamicTest> piecesReadBackFromBytesMergeIntoTheSinglePassResult() {
        return FILES.stream().map(name -> dynamicTest(name, () -> {
            Path file = Corpus.file(name);
            AnalysisOptions options = AnalysisOptions.defaults();
            AnalysisResult single = singlePass(file, options);
            AnalysisResult split = mergedThroughBytes(file, options, 5);
            assertThat(SplitMergeTest.comparable(split)).isEqualTo(SplitMergeTest.comparable(single));
        }));
    }

    @Test
    void sketchesSurviveTheRoundTripWithinTheirError() throws Exception {
        Path file = Corpus.file("538__realDonaldTrump.csv");
        AnalysisOptions options = AnalysisOptions.builder().maxExactDistinct(50).build();
        AnalysisResult single = singlePass(file, options);
        AnalysisResult split = mergedThroughBytes(file, options, 4);

        assertThat(split.records()).isEqualTo(single.records());
        assertThat(split.lines()).isEqualTo(single.lines());
        for (int i = 0; i < single.columns().size(); i++) {
            AnalysisResult.Column expected = single.columns().get(i);
            AnalysisResult.Column actual = split.columns().get(i);
            assertThat(actual.nulls()).as(expected.name()).isEqualTo(expected.nulls());
            assertThat(actual.distinctIsEstimate()).as(expected.name()).isEqualTo(expected.distinctIsEstimate());
            // HLL lgK 12: a relative standard error of about 1.6%; 3 of them bounds a union against a single sketch.
            assertThat((double) actual.distinct()).as(expected.name())
                    .isCloseTo(expected.distinct(), within(Math.max(2.0, expected.distinct() * 0.05)));
        }
        assertThat(single.columns()).anyMatch(AnalysisResult.Column::distinctIsEstimate);
    }

    @Test
    void aPartialResultOfAnotherFormatIsRefused() throws Exception {
        ChunkContext csv = context("user,n\na,1\nb,2\n".getBytes(StandardCharsets.UTF_8), AnalysisOptions.defaults());
        ChunkContext text = context("just some words\nand more words\n".getBytes(StandardCharsets.UTF_8),
                AnalysisOptions.defaults());
        PartialResult piece = Analytics.analyzeChunk(new ByteArrayInputStream("user,n\na,1\n".getBytes(
                StandardCharsets.UTF_8)), csv, true, ProgressListener.NONE);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        piece.writeTo(bytes);

        assertThatThrownBy(() -> PartialResult.readFrom(new ByteArrayInputStream(bytes.toByteArray()), text))
                .isInstanceOf(IOException.class).hasMessageContaining("made for a csv file");
    }

    @Test
    void bytesThatAreNotAPartialResultAreRefused() throws Exception {
        ChunkContext csv = context("user,n\na,1\n".getBytes(StandardCharsets.UTF_8), AnalysisOptions.defaults());

        assertThatThrownBy(() -> PartialResult.readFrom(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}),
                csv)).isInstanceOf(IOException.class).hasMessageContaining("Not a serialized partial result");
    }

    @Test
    void aMergedPartialResultCanNoLongerBeWritten() throws Exception {
        ChunkContext csv = context("user,n\na,1\n".getBytes(StandardCharsets.UTF_8), AnalysisOptions.defaults());
        PartialResult a = Analytics.analyzeChunk(new ByteArrayInputStream("user,n\na,1\n".getBytes(
                StandardCharsets.UTF_8)), csv, true, ProgressListener.NONE);
        PartialResult b = Analytics.analyzeChunk(new ByteArrayInputStream("b,2\n".getBytes(StandardCharsets.UTF_8)),
                csv, false, ProgressListener.NONE);
        a.merge(b);

        assertThatThrownBy(() -> a.writeTo(new ByteArrayOutputStream())).isInstanceOf(IllegalStateException.class);
    }

    private static AnalysisResult singlePass(Path file, AnalysisOptions options) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return Analytics.analyze(in, options, ProgressListener.NONE);
        }
    }

    private static ChunkContext context(byte[] head, AnalysisOptions options) throws AnalysisException {
        return Analytics.prepareChunks(new ByteArrayInputStream(head), options);
    }

    /** Cuts the file into pieces, writes each piece's partial result to bytes, reads them back and merges. */
    private static AnalysisResult mergedThroughBytes(Path file, AnalysisOptions options, int pieces) throws Exception {
        ChunkContext context;
        try (InputStream head = Files.newInputStream(file)) {
            context = Analytics.prepareChunks(head, options);
        }
        long[] cuts = Analytics.recordBoundaries(SeekableInput.of(file), context, pieces);
        assertThat(cuts.length).as("cuts").isGreaterThan(2);
        byte[] bytes = Files.readAllBytes(file);
        PartialResult merged = null;
        for (int i = 0; i + 1 < cuts.length; i++) {
            PartialResult piece = Analytics.analyzeChunk(new ByteArrayInputStream(bytes, (int) cuts[i],
                    (int) (cuts[i + 1] - cuts[i])), context, i == 0, ProgressListener.NONE);
            ByteArrayOutputStream serialized = new ByteArrayOutputStream();
            piece.writeTo(serialized);
            PartialResult back = PartialResult.readFrom(new ByteArrayInputStream(serialized.toByteArray()), context);
            merged = merged == null ? back : merged.merge(back);
        }
        return merged.toResult();
    }
}

package dev.assay.analytics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.assay.analytics.AnalysisOptions;
import dev.assay.analytics.AnalysisResult;
import dev.assay.analytics.Analytics;
import dev.assay.analytics.ProgressListener;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The csv-spectrum files of the corpus parse to exactly the records of their {@code .expected.json}. */
class CsvSpectrumTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Path corpus() {
        String property = System.getProperty("assay.corpus");
        Path dir = property != null ? Path.of(property) : Path.of("..", "..", "shared", "corpus").toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("The test corpus is missing: expected " + dir + " (or set -Dassay.corpus=DIR)");
        }
        return dir;
    }

    @TestFactory
    Stream<DynamicTest> spectrumFilesParseToTheirExpectedRecords() throws IOException {
        List<Path> csvs;
        try (Stream<Path> files = Files.list(corpus())) {
            csvs = files.filter(p -> p.getFileName().toString().startsWith("csvspectrum__")
                    && p.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
        assertThat(csvs).hasSize(11);
        return csvs.stream().flatMap(csv -> Stream.of(4, 1 << 16).map(buffer ->
                dynamicTest(csv.getFileName() + " with a " + buffer + "-byte buffer", () -> {
                    String stem = csv.getFileName().toString().replace(".csv", "");
                    List<Map<String, String>> expected = JSON.readValue(
                            corpus().resolve(stem + ".expected.json").toFile(), new TypeReference<>() { });
                    assertThat(parse(Files.readAllBytes(csv), buffer)).isEqualTo(expected);
                })));
    }

    @TestFactory
    Stream<DynamicTest> spectrumFilesGiveTheirRecordCountAndHeaderThroughTheEngine() throws IOException {
        List<Path> csvs;
        try (Stream<Path> files = Files.list(corpus())) {
            csvs = files.filter(p -> p.getFileName().toString().startsWith("csvspectrum__")
                    && p.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
        return csvs.stream().map(csv -> dynamicTest(csv.getFileName().toString(), () -> {
            String stem = csv.getFileName().toString().replace(".csv", "");
            List<Map<String, String>> expected = JSON.readValue(
                    corpus().resolve(stem + ".expected.json").toFile(), new TypeReference<>() { });
            AnalysisResult r = Analytics.analyze(new ByteArrayInputStream(Files.readAllBytes(csv)),
                    AnalysisOptions.builder().delimiter(',').header(true).build(), ProgressListener.NONE);
            assertThat(r.records()).isEqualTo(expected.size());
            assertThat(r.malformedRecords()).isZero();
            assertThat(r.columns()).extracting(AnalysisResult.Column::name)
                    .containsExactlyElementsOf(expected.get(0).keySet());
        }));
    }

    /** Header plus records as maps, read by the engine's tokenizer. */
    static List<Map<String, String>> parse(byte[] bytes, int buffer) throws IOException {
        CsvReader r = new CsvReader(new ByteArrayInputStream(bytes), (byte) ',', buffer, 1 << 20);
        List<String> header = null;
        List<Map<String, String>> out = new ArrayList<>();
        while (r.next()) {
            List<String> fields = new ArrayList<>();
            for (int i = 0; i < r.fieldCount; i++) {
                fields.add(Bytes.str(r.buf, r.starts[i], r.ends[i]));
            }
            assertThat(r.problem).isNull();
            if (header == null) {
                header = fields;
                continue;
            }
            Map<String, String> rec = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                rec.put(header.get(i), fields.get(i));
            }
            out.add(rec);
        }
        return out;
    }
}

package dev.assay.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadFileTest {

    @Test
    void generatedCsvEndsAtALineEndWithinTheSize() {
        byte[] csv = UploadFile.generatedCsv(1024);
        String text = new String(csv, StandardCharsets.US_ASCII);
        assertThat(csv.length).isBetween(1024 - 64, 1024);
        assertThat(text).startsWith("user_id,timestamp,action,amount\nuser0,2026-12-01T00:00:00Z,view,0.0\n")
                .endsWith("\n");
        assertThat(text.lines().skip(1)).allMatch(line -> line.split(",").length == 4);
    }

    @Test
    void tinySizeStillHasOneDataRow() {
        assertThat(new String(UploadFile.generatedCsv(10), StandardCharsets.US_ASCII).lines()).hasSize(2);
    }

    @Test
    void largeSizesAreFilled() {
        assertThat(UploadFile.generatedCsv(10L << 20).length).isBetween((10 << 20) - 64, 10 << 20);
    }

    @Test
    void corpusLeavesOutManifestExpectationsTinyAndLargeFiles(@TempDir Path corpus) throws IOException {
        Files.writeString(corpus.resolve("MANIFEST.md"), "x".repeat(2000));
        Files.writeString(corpus.resolve("EXPECTED.tsv"), "x".repeat(2000));
        Files.writeString(corpus.resolve("a.expected.json"), "x".repeat(2000));
        Files.writeString(corpus.resolve("tiny.csv"), "a\n1\n");
        Files.writeString(corpus.resolve("big.csv"), "x".repeat(5000));
        Files.writeString(corpus.resolve("real.csv"), "x".repeat(2000));
        assertThat(UploadFile.corpus(corpus, 4096)).singleElement().satisfies(file -> {
            assertThat(file.name()).isEqualTo("real.csv");
            assertThat(file.sizeBytes()).isEqualTo(2000);
        });
    }
}

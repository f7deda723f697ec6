package dev.assay.analytics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** The shared corpus of real files and its EXPECTED.tsv. */
final class Corpus {

    private Corpus() {
    }

    /** {@code -Dassay.corpus=DIR}, else {@code ../shared/corpus} seen from the repository root. */
    static Path dir() {
        String property = System.getProperty("assay.corpus");
        Path dir = property != null ? Path.of(property) : Path.of("..", "..", "shared", "corpus").toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("EXPECTED.tsv"))) {
            throw new IllegalStateException("The test corpus is missing: expected " + dir
                    + "/EXPECTED.tsv (the repository's ../shared/corpus, or set -Dassay.corpus=DIR)");
        }
        return dir;
    }

    static Path file(String name) {
        return dir().resolve(name);
    }

    static List<Map<String, String>> expected() {
        try {
            List<String> lines = Files.readAllLines(dir().resolve("EXPECTED.tsv"));
            String[] header = lines.get(0).split("\t", -1);
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i], i < cells.length ? cells[i] : "");
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's bytes, decompressed when it is gzip. */
    static byte[] content(String name) {
        try (InputStream in = Files.newInputStream(file(name))) {
            InputStream s = name.endsWith(".gz") ? new GZIPInputStream(in) : in;
            return s.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Map<String, AnalysisResult> DEFAULT_RESULTS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The result with default options, analysed once per test run. */
    static AnalysisResult analyzeWithDefaults(String name) {
        return DEFAULT_RESULTS.computeIfAbsent(name, n -> analyze(n, AnalysisOptions.defaults()));
    }

    static AnalysisResult analyze(String name, AnalysisOptions options) {
        try (InputStream in = Files.newInputStream(file(name))) {
            return Analytics.analyze(in, options, ProgressListener.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (AnalysisException e) {
            throw new AssertionError(name + ": " + e.getMessage(), e);
        }
    }
}

package dev.assay.loadgen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A file to upload: its name, size and a way to stream its bytes (generated content is shared, never copied).
 *
 * @param name      the file name sent in the multipart part
 * @param sizeBytes its size
 * @param content   its bytes, or null when {@code path} is given
 * @param path      a file on disk, or null when {@code content} is given
 */
record UploadFile(String name, long sizeBytes, byte[] content, Path path) {

    private static final long MIN_CORPUS_BYTES = 1024;

    BodyPublisher body() {
        if (content != null) {
            return BodyPublishers.ofByteArray(content);
        }
        try {
            return BodyPublishers.ofFile(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An event-log CSV ({@code user_id,timestamp,action,amount}) of at most {@code sizeBytes} bytes cut at a line
     * end, with at least one data row.
     */
    static byte[] generatedCsv(long sizeBytes) {
        if (sizeBytes > Integer.MAX_VALUE - 1024) {
            throw new IllegalArgumentException("generated files are kept in memory; at most 2 GB: " + sizeBytes);
        }
        StringBuilder csv = new StringBuilder((int) sizeBytes + 128).append("user_id,timestamp,action,amount\n");
        String[] actions = {"view", "click", "buy", "share"};
        int lastLineEnd = csv.length();
        for (long row = 0; row == 0 || csv.length() <= sizeBytes; row++) {
            lastLineEnd = csv.length();
            csv.append("user").append(row % 997).append(',')
                    .append(String.format("2026-12-%02dT%02d:%02d:%02dZ", 1 + row / 86_400 % 28,
                            row / 3600 % 24, row / 60 % 60, row % 60)).append(',')
                    .append(actions[(int) (row % actions.length)]).append(',')
                    .append(row % 1000).append('.').append(row % 100).append('\n');
        }
        int headerEnd = csv.indexOf("\n") + 1;
        int end = lastLineEnd > headerEnd ? lastLineEnd : csv.length();
        return csv.substring(0, end).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The regular files of {@code folder} from 1 KB up to {@code maxBytes}, without its manifest and expectations.
     * The tiny edge-case files (empty, NUL bytes, UTF-16) are left out: they test the engine, not the load.
     */
    static List<UploadFile> corpus(Path folder, long maxBytes) {
        try (Stream<Path> files = Files.list(folder)) {
            List<UploadFile> corpus = new ArrayList<>();
            for (Path file : files.sorted(Comparator.comparing(Path::toString)).toList()) {
                String name = file.getFileName().toString();
                long size = Files.size(file);
                boolean expectation = name.equals("MANIFEST.md") || name.equals("EXPECTED.tsv")
                        || name.endsWith(".expected.json");
                if (Files.isRegularFile(file) && size >= MIN_CORPUS_BYTES && size <= maxBytes && !expectation) {
                    corpus.add(new UploadFile(name, size, null, file));
                }
            }
            if (corpus.isEmpty()) {
                throw new IllegalArgumentException("no corpus file of at most " + maxBytes + " bytes in " + folder);
            }
            return corpus;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the corpus " + folder, e);
        }
    }
}

package dev.assay.fault;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** The files the fault tests upload, generated under {@code target/} so that every run has the same ones. */
final class FaultFiles {

    private FaultFiles() {
    }

    /** The module's build folder. */
    static Path target() {
        return Path.of("target").toAbsolutePath();
    }

    /** The repository's root folder (tests run in the module's folder). */
    static Path repositoryRoot() {
        return Path.of("..").toAbsolutePath().normalize();
    }

    /** A new empty folder under {@code target/}. */
    static Path freshDirectory(String name) {
        Path dir = target().resolve(name);
        try {
            deleteRecursively(dir);
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code count} event logs as CSV ({@code user_id,event,amount,ts}), each different (rows and content follow
     * from its number), from about {@code minRows} to {@code 2 * minRows} rows.
     */
    static List<Path> eventLogs(String name, int count, int minRows) {
        Path dir = freshDirectory(name);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path file = dir.resolve(String.format("events-%02d.csv", i));
            SplittableRandom random = new SplittableRandom(i);
            writeEvents(file, minRows + random.nextInt(minRows), random, false);
            files.add(file);
        }
        return files;
    }

    /**
     * A gzipped event log that is small to upload and long to analyse (the worker inflates and reads every row), for
     * jobs that must still be running a while after they start: 12 million rows take a worker about 14 s on the
     * quiet 2-core machine, twice what the consumer-timeout test needs, and keep a busy worker busy while a test stops
     * it (5 million finished within the stop there).
     */
    static Path longEventLog() {
        int rows = 12_000_000;
        Path file = target().resolve("long-events-" + rows + ".csv.gz");
        if (!Files.exists(file)) {
            writeEvents(file, rows, new SplittableRandom(rows), true);
        }
        return file;
    }

    private static void writeEvents(Path file, int rows, SplittableRandom random, boolean gzip) {
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        try (OutputStream out = open(partial, gzip);
             Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            writer.write("user_id,event,amount,ts\n");
            StringBuilder line = new StringBuilder(64);
            for (int row = 0; row < rows; row++) {
                line.setLength(0);
                line.append('u').append(random.nextInt(5_000)).append(",e").append(random.nextInt(40)).append(',')
                        .append(random.nextInt(100_000)).append('.').append(random.nextInt(10)).append(random.nextInt(10))
                        .append(",2026-11-").append(10 + random.nextInt(20)).append('T')
                        .append(10 + random.nextInt(14)).append(':').append(10 + random.nextInt(50)).append(":00Z\n");
                writer.append(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OutputStream open(Path file, boolean gzip) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        if (!gzip) {
            return out;
        }
        return new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path each : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(each);
            }
        }
    }
}

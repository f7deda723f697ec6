package dev.assay.worker.chunk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

import dev.assay.analytics.ChunkContext;
import dev.assay.analytics.PartialResult;

/**
 * The partial results of chunks, kept on the shared file store next to the uploads, in {@code .chunks/<jobId>/}
 * (one file per chunk, {@code <index>.partial}). A chunk analysed twice (its worker died after writing) replaces
 * its file atomically, so the merge reads each chunk once whatever happened. The gateway deletes them through this
 * class too, for a job that ends without its merge (it owns the file store and sees every end of a job).
 */
public final class PartialStore {

    static final String DIRECTORY = ".chunks";

    private final Path root;

    /** @param storeRoot the shared file store's directory */
    public PartialStore(Path storeRoot) {
        this.root = Objects.requireNonNull(storeRoot, "storeRoot").resolve(DIRECTORY);
    }

    /** Writes the partial result of chunk {@code index} of a job, replacing an earlier one. */
    void write(UUID jobId, int index, PartialResult partial) throws IOException {
        Path dir = Files.createDirectories(jobDirectory(jobId));
        Path temporary = Files.createTempFile(dir, index + "-", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                partial.writeTo(out);
            }
            Files.move(temporary, dir.resolve(index + ".partial"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Reads the partial result of chunk {@code index}.
     *
     * @throws NoSuchFileException if the chunk's file is missing
     */
    PartialResult read(UUID jobId, int index, ChunkContext context) throws IOException {
        try (InputStream in = Files.newInputStream(jobDirectory(jobId).resolve(index + ".partial"))) {
            return PartialResult.readFrom(in, context);
        }
    }

    /** Whether partial results of the job are kept (false once its merge deleted them). */
    boolean holds(UUID jobId) {
        return Files.isDirectory(jobDirectory(jobId));
    }

    /** Deletes the partial results of a job, and any temporary file a chunk left beside them; none is fine. */
    public void delete(UUID jobId) throws IOException {
        Path dir = jobDirectory(jobId);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
        } catch (NoSuchFileException e) {
            return; // deleted meanwhile by another gateway or the merge
        }
        Files.deleteIfExists(dir);
    }

    private Path jobDirectory(UUID jobId) {
        return root.resolve(jobId.toString());
    }
}

package dev.assay.worker.job;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/** The file store as a directory that gateway and workers share (a local folder or a network mount). */
public final class FileSystemStoredFiles implements StoredFiles {

    private final Path root;

    /** @param root the store's directory; keys are resolved below it and may not leave it */
    public FileSystemStoredFiles(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    /** The store's directory, absolute and normalised. */
    public Path root() {
        return root;
    }

    @Override
    public InputStream open(String storageKey) throws IOException {
        return Files.newInputStream(resolve(storageKey));
    }

    /**
     * The path of a key inside the store.
     *
     * @throws IllegalArgumentException if the key is empty, absolute or escapes the store's directory
     */
    public Path resolve(String storageKey) {
        if (storageKey == null || storageKey.isBlank()) {
            throw new IllegalArgumentException("The storage key is empty");
        }
        Path relative;
        try {
            relative = Path.of(storageKey);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("The storage key is not a valid file name: " + storageKey, e);
        }
        Path resolved = root.resolve(relative).normalize();
        if (relative.isAbsolute() || !resolved.startsWith(root) || resolved.equals(root)) {
            throw new IllegalArgumentException("The storage key points outside the file store: " + storageKey);
        }
        return resolved;
    }
}

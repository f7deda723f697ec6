package dev.assay.gateway.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.assay.worker.chunk.PartialStore;

/**
 * A {@link FileStore} in a folder: keys are {@code yyyy/MM/dd/<uuid>} below the root. A file is written under a
 * temporary name and moved into place only when complete, so a reader never sees half a file.
 */
public final class FileSystemFileStore implements FileStore {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    private static final Pattern KEY = Pattern.compile("\\d{4}/\\d{2}/\\d{2}/[0-9a-f-]{36}");

    private final Path root;
    private final Clock clock;
    private final PartialStore partials;

    /**
     * @param root  the folder that holds the files; created when missing
     * @param clock decides the date folder of new files
     */
    public FileSystemFileStore(Path root, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.clock = clock;
        this.partials = new PartialStore(this.root);
    }

    /** The folder that holds the files. */
    public Path root() {
        return root;
    }

    @Override
    public StoredFile store(InputStream content) throws IOException {
        String key = DAY.format(LocalDate.now(clock)) + "/" + UUID.randomUUID();
        Path target = root.resolve(key);
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        MessageDigest digest = sha256();
        long size;
        try {
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), digest)) {
                size = content.transferTo(out);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        return new StoredFile(key, size, HexFormat.of().formatHex(digest.digest()));
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(resolve(key));
    }

    @Override
    public boolean delete(String key) throws IOException {
        return Files.deleteIfExists(resolve(key));
    }

    @Override
    public void deletePartials(UUID jobId) throws IOException {
        partials.delete(jobId);
    }

    private Path resolve(String key) throws NoSuchFileException {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new NoSuchFileException(String.valueOf(key), null, "not a key of this store");
        }
        return root.resolve(key);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

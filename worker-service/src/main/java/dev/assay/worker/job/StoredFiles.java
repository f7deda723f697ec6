package dev.assay.worker.job;

import java.io.IOException;
import java.io.InputStream;

/**
 * Read access to the shared file store that the gateway writes uploads into.
 *
 * <p>Implementations must be safe for use by several threads at once.
 */
public interface StoredFiles {

    /**
     * Opens a stored file for reading.
     *
     * @param storageKey the file's name inside the store, as carried by the job request
     * @return a new stream positioned at the file's first byte; the caller closes it
     * @throws java.nio.file.NoSuchFileException if no file is stored under the key (a permanent failure)
     * @throws IllegalArgumentException          if the key is not a valid name inside the store (a permanent failure)
     * @throws IOException                       if the file exists but cannot be read right now (worth retrying)
     */
    InputStream open(String storageKey) throws IOException;
}

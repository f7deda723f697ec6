package dev.assay.gateway.storage;

import java.io.IOException;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes what a job keeps in the {@link FileStore}: its upload and the partial results of its chunks. A failure is
 * logged, not thrown: the job's state is decided already, and a file left behind costs disk, not correctness.
 * <p>
 * The gateway, not the workers, deletes the partial results of a job that ends without its merge: only the gateway
 * sees every way a job ends (a chunk's FAILED, a cancel, a delete by its owner or an administrator, retention), while a
 * worker sees one task at a time and none at all of a job deleted between its tasks.
 */
@Component
public class JobFiles {

    private static final Logger log = LoggerFactory.getLogger(JobFiles.class);

    private final FileStore files;

    public JobFiles(FileStore files) {
        this.files = files;
    }

    /** Deletes the job's upload and any partial results of its chunks. */
    public void deleteAll(UUID jobId, String storageKey) {
        try {
            files.delete(storageKey);
        } catch (IOException e) {
            log.warn("Job {}: its file {} could not be deleted: {}", jobId, storageKey, e.getMessage());
        }
        deletePartials(jobId);
    }

    /** Deletes the partial results of the job's chunks, if it has any. */
    public void deletePartials(UUID jobId) {
        try {
            files.deletePartials(jobId);
        } catch (IOException e) {
            log.warn("Job {}: the partial results of its chunks could not be deleted: {}", jobId, e.getMessage());
        }
    }
}

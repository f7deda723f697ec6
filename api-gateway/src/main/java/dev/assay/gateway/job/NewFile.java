package dev.assay.gateway.job;

import dev.assay.gateway.storage.StoredFile;

/**
 * A file that is stored and waits to become a job.
 *
 * @param fileName the name the client gave it
 * @param stored   where and what was stored
 */
public record NewFile(String fileName, StoredFile stored) {
}

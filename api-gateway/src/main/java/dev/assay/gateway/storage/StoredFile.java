package dev.assay.gateway.storage;

/**
 * A file in the {@link FileStore}.
 *
 * @param key       the store's name for it, e.g. {@code 2026/12/03/<uuid>}
 * @param sizeBytes its size
 * @param sha256    lowercase hex SHA-256 of its content
 */
public record StoredFile(String key, long sizeBytes, String sha256) {
}

package dev.assay.worker.config;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the uploaded files are, under {@code assay.storage}.
 *
 * @param dir the file store's directory, shared with the gateway ({@code ASSAY_STORAGE_DIR})
 */
@ConfigurationProperties("assay.storage")
public record StorageProperties(@DefaultValue("./data/uploads") Path dir) {
}

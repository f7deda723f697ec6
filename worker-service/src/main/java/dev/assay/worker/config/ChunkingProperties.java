package dev.assay.worker.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * When a job is analysed in chunks by several workers, under {@code assay.chunking}.
 *
 * @param threshold files of at least this size are cut into chunks ({@code ASSAY_CHUNKING_THRESHOLD}); gzip files and
 *                  UTF-16 text are always analysed whole
 * @param chunkSize the size a chunk aims at; cuts move on to the next record boundary
 *                  ({@code ASSAY_CHUNKING_CHUNK_SIZE})
 */
@ConfigurationProperties("assay.chunking")
public record ChunkingProperties(
        @DefaultValue("64MB") DataSize threshold,
        @DefaultValue("64MB") DataSize chunkSize) {

    public ChunkingProperties {
        if (threshold.toBytes() < 1 || chunkSize.toBytes() < 1) {
            throw new IllegalArgumentException("assay.chunking.threshold and assay.chunking.chunk-size must be "
                    + "positive, not " + threshold + " and " + chunkSize);
        }
    }
}

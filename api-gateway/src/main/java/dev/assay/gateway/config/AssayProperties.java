package dev.assay.gateway.config;

import java.nio.file.Path;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's own settings (prefix {@code assay}).
 *
 * @param mode    how the gateway runs; follows the active profile ({@code ASSAY_MODE})
 * @param users   users created at start when missing: {@code name:password[:ROLE],...} ({@code ASSAY_USERS})
 * @param storage where uploaded files are kept
 * @param upload  limits of one upload request
 */
@Validated
@ConfigurationProperties(prefix = "assay")
public record AssayProperties(
        @DefaultValue("standalone") @NotNull Mode mode,
        @DefaultValue("") String users,
        @DefaultValue @Valid Storage storage,
        @DefaultValue @Valid Upload upload) {

    /** How the gateway runs. */
    public enum Mode {
        /** One process: in-process workers, H2 and uploads under {@code ./data}. */
        STANDALONE,
        /** Gateways, RabbitMQ, PostgreSQL and worker replicas. */
        CLUSTER;

        /** The name used in configuration and in {@code GET /api/cluster}. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param dir root folder of the file store ({@code ASSAY_STORAGE_DIR}); shared with the workers in a cluster
     */
    public record Storage(@DefaultValue("./data/uploads") @NotNull Path dir) {
    }

    /**
     * @param maxFileSize largest accepted file
     * @param maxFiles    most files in one request
     */
    public record Upload(
            @DefaultValue("1GB") @NotNull DataSize maxFileSize,
            @DefaultValue("100") @Min(1) @Max(10_000) int maxFiles) {
    }
}

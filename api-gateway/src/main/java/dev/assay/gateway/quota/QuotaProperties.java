package dev.assay.gateway.quota;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The global quotas of every user (prefix {@code assay.quota}); administrators override them per user. The largest
 * file is {@code assay.upload.max-file-size}.
 *
 * @param maxActiveJobs    most QUEUED and PROCESSING jobs of one user ({@code ASSAY_QUOTA_MAX_ACTIVE_JOBS})
 * @param maxStorage       most storage of one user's kept files ({@code ASSAY_QUOTA_MAX_STORAGE})
 * @param uploadsPerMinute most files one user uploads in any minute ({@code ASSAY_QUOTA_UPLOADS_PER_MINUTE})
 * @param retryAfter       seconds a client is told to wait when it has too many active jobs
 */
@Validated
@ConfigurationProperties(prefix = "assay.quota")
public record QuotaProperties(
        @DefaultValue("50") @Min(1) int maxActiveJobs,
        @DefaultValue("20GB") @NotNull DataSize maxStorage,
        @DefaultValue("120") @Min(1) int uploadsPerMinute,
        @DefaultValue("30") @Min(1) int retryAfter) {
}

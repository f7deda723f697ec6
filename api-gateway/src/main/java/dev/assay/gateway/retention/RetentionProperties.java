package dev.assay.gateway.retention;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long uploaded files and results are kept (prefix {@code assay.retention}).
 *
 * @param maxAge   files and results of jobs that finished longer ago are deleted ({@code ASSAY_RETENTION_MAX_AGE});
 *                 {@code 0} keeps them for ever
 * @param interval how often the retention task looks ({@code ASSAY_RETENTION_INTERVAL})
 */
@Validated
@ConfigurationProperties(prefix = "assay.retention")
public record RetentionProperties(
        @DefaultValue("30d") @NotNull Duration maxAge,
        @DefaultValue("1h") @NotNull Duration interval) {
}

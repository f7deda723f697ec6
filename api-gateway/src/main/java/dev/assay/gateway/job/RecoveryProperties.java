package dev.assay.gateway.job;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a cluster recovers jobs whose worker stopped answering (prefix {@code assay.recovery}).
 *
 * @param leaseTimeout  how long a started job is held without news from its worker (a heartbeat naming it, or one
 *                      of its events) before it is taken away and queued again ({@code ASSAY_RECOVERY_LEASE_TIMEOUT});
 *                      keep it several worker heartbeat intervals long
 * @param maxAttempts   how many times a job may be started; when the lease of the last one runs out too, the job
 *                      ends FAILED ({@code ASSAY_RECOVERY_MAX_ATTEMPTS})
 * @param sweepInterval how often each gateway looks for jobs whose lease ran out ({@code ASSAY_RECOVERY_SWEEP_INTERVAL})
 */
@Validated
@ConfigurationProperties("assay.recovery")
public record RecoveryProperties(
        @DefaultValue("30s") @NotNull Duration leaseTimeout,
        @DefaultValue("3") @Min(1) @Max(100) int maxAttempts,
        @DefaultValue("5s") @NotNull Duration sweepInterval) {

    public RecoveryProperties {
        requirePositive("lease-timeout", leaseTimeout);
        requirePositive("sweep-interval", sweepInterval);
    }

    private static void requirePositive(String name, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException("assay.recovery." + name + " must be positive, not " + value);
        }
    }
}

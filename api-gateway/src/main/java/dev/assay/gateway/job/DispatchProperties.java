package dev.assay.gateway.job;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How accepted jobs are handed to the workers (prefix {@code assay.dispatch}).
 *
 * @param prefetch          jobs dispatched beyond what the workers can run at once, so that a worker finishing a job
 *                          finds the next one waiting; more evens out bursts, less lets a newcomer's job start sooner
 * @param perUserMaxInFlight most jobs of one user dispatched and not finished at a time; 0 for no cap (one user alone
 *                          then gets every worker)
 * @param tickInterval      how often the dispatcher looks for work even without a local trigger (jobs accepted or
 *                          finished through another gateway, a broker that is back)
 */
@Validated
@ConfigurationProperties("assay.dispatch")
public record DispatchProperties(
        @DefaultValue("8") @Min(0) int prefetch,
        @DefaultValue("0") @Min(0) int perUserMaxInFlight,
        @DefaultValue("1s") @NotNull Duration tickInterval) {
}

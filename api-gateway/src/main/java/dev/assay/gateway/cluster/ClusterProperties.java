package dev.assay.gateway.cluster;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's view of the cluster (prefix {@code assay.cluster}).
 *
 * @param heartbeatInterval how often a worker sends a heartbeat, for workers whose heartbeats do not say so (older
 *                          ones); a worker not heard from for {@link #MISSED_HEARTBEATS} of its intervals is no longer
 *                          listed
 * @param confirmTimeout    how long the gateway waits for the broker to confirm an event it publishes
 */
@ConfigurationProperties("assay.cluster")
public record ClusterProperties(
        @DefaultValue("5s") Duration heartbeatInterval,
        @DefaultValue("10s") Duration confirmTimeout) {

    /** Heartbeats a worker may miss before it is dropped from the cluster view. */
    public static final int MISSED_HEARTBEATS = 3;

    public ClusterProperties {
        requirePositive("heartbeat-interval", heartbeatInterval);
        requirePositive("confirm-timeout", confirmTimeout);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("assay.cluster." + name + " must be positive, not " + value);
        }
    }
}

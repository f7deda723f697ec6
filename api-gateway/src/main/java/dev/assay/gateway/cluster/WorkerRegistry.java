package dev.assay.gateway.cluster;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.assay.protocol.WorkerHeartbeat;
import org.springframework.stereotype.Component;

/**
 * The workers this gateway has heard from recently, by their heartbeats. A worker that missed
 * {@link ClusterProperties#MISSED_HEARTBEATS} heartbeats in a row is forgotten. Age is measured by this gateway's
 * clock at receipt, so skewed worker clocks do not matter. Thread safe.
 */
@Component
public class WorkerRegistry {

    private final Map<String, Seen> workers = new ConcurrentHashMap<>();
    private final ClusterProperties properties;
    private final Clock clock;

    public WorkerRegistry(ClusterProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** Records a heartbeat; the newest heartbeat of a worker replaces the ones before it. */
    public void record(WorkerHeartbeat heartbeat) {
        if (heartbeat == null || heartbeat.workerId() == null) {
            return;
        }
        workers.put(heartbeat.workerId(), new Seen(heartbeat, clock.instant()));
    }

    /** The workers heard from within the expiry, ordered by worker id. */
    public List<WorkerHeartbeat> liveWorkers() {
        Instant oldest = clock.instant().minus(properties.expiry());
        workers.values().removeIf(seen -> seen.receivedAt().isBefore(oldest));
        return workers.values().stream()
                .map(Seen::heartbeat)
                .sorted(Comparator.comparing(WorkerHeartbeat::workerId))
                .toList();
    }

    /** How many jobs the live workers run at once, together. */
    public int concurrency() {
        return liveWorkers().stream().mapToInt(WorkerHeartbeat::concurrency).sum();
    }

    private record Seen(WorkerHeartbeat heartbeat, Instant receivedAt) {
    }
}

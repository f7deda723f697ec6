package dev.assay.gateway.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.assay.protocol.WorkerHeartbeat;
import org.springframework.stereotype.Component;

/**
 * The workers this gateway has heard from recently, by their heartbeats. A worker that missed
 * {@link ClusterProperties#MISSED_HEARTBEATS} heartbeats in a row is forgotten, counted in the interval its heartbeat
 * names (this gateway's {@code assay.cluster.heartbeat-interval} for workers that name none), so that workers set to
 * beat less often do not drop out between beats. Age is measured by this gateway's clock at receipt, so skewed worker
 * clocks do not matter. Thread safe.
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
        Duration interval = heartbeat.interval() != null && heartbeat.interval().compareTo(Duration.ZERO) > 0
                ? heartbeat.interval() : properties.heartbeatInterval();
        Instant forgetAfter = clock.instant().plus(interval.multipliedBy(ClusterProperties.MISSED_HEARTBEATS));
        workers.put(heartbeat.workerId(), new Seen(heartbeat, forgetAfter));
    }

    /** The workers heard from within the expiry, ordered by worker id. */
    public List<WorkerHeartbeat> liveWorkers() {
        Instant now = clock.instant();
        workers.values().removeIf(seen -> seen.forgetAfter().isBefore(now));
        return workers.values().stream()
                .map(Seen::heartbeat)
                .sorted(Comparator.comparing(WorkerHeartbeat::workerId))
                .toList();
    }

    /** How many jobs the live workers run at once, together. */
    public int concurrency() {
        return liveWorkers().stream().mapToInt(WorkerHeartbeat::concurrency).sum();
    }

    private record Seen(WorkerHeartbeat heartbeat, Instant forgetAfter) {
    }
}

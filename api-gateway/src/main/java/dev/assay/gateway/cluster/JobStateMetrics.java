package dev.assay.gateway.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.assay.protocol.JobStatus;

/**
 * Gauges read from the database, shared by every gateway: {@code assay.jobs} (all users' jobs per state) and
 * {@code assay.jobs.queued.oldest.age} (seconds since the oldest job still QUEUED was queued; 0 when none waits), the
 * second being the autoscaling signal that a queue depth alone misses. One query serves all of them and is repeated
 * at most once per {@link #MAX_AGE}, however many scrapes come.
 */
@Component
class JobStateMetrics implements MeterBinder {

    static final Duration MAX_AGE = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final Clock clock;
    private Snapshot snapshot;

    JobStateMetrics(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (JobStatus status : JobStatus.values()) {
            Gauge.builder("assay.jobs", this, metrics -> metrics.current().counts().get(status))
                    .tag("state", status.name())
                    .description("Jobs of all users in each state")
                    .register(registry);
        }
        Gauge.builder("assay.jobs.queued.oldest.age", this, JobStateMetrics::oldestQueuedAgeSeconds)
                .baseUnit("seconds")
                .description("How long the oldest job still waiting for a worker has waited (0 when none waits)")
                .register(registry);
    }

    private double oldestQueuedAgeSeconds() {
        Instant oldest = current().oldestQueuedAt();
        if (oldest == null) {
            return 0;
        }
        return Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }

    private synchronized Snapshot current() {
        Instant now = clock.instant();
        if (snapshot == null || snapshot.takenAt().plus(MAX_AGE).isBefore(now)) {
            snapshot = query(now);
        }
        return snapshot;
    }

    private Snapshot query(Instant now) {
        Map<JobStatus, Double> counts = new EnumMap<>(JobStatus.class);
        for (JobStatus status : JobStatus.values()) {
            counts.put(status, 0.0);
        }
        Instant[] oldestQueued = new Instant[1];
        jdbc.sql("SELECT status, COUNT(*) AS jobs, MIN(queued_at) AS oldest FROM jobs GROUP BY status")
                .query(row -> {
                    JobStatus status = JobStatus.valueOf(row.getString("status"));
                    counts.put(status, (double) row.getLong("jobs"));
                    if (status == JobStatus.QUEUED) {
                        OffsetDateTime oldest = row.getObject("oldest", OffsetDateTime.class);
                        oldestQueued[0] = oldest == null ? null : oldest.toInstant();
                    }
                });
        return new Snapshot(now, counts, oldestQueued[0]);
    }

    private record Snapshot(Instant takenAt, Map<JobStatus, Double> counts, Instant oldestQueuedAt) {
    }
}

package dev.assay.gateway.job;

import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.assay.protocol.JobEvent;
import dev.assay.protocol.JobStatus;
import dev.assay.worker.job.JobMdc;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.ObjectMapper;

/**
 * Persists job events idempotently. Each event is applied with one conditional SQL UPDATE: only when its
 * {@code seq} is newer than the stored one and the stored state may move to the event's state
 * ({@link JobTransitions#eventSourcesOf}). A redelivered, duplicate or older event changes nothing, a terminal
 * state is never left, and concurrent gateways need no locks or read-modify-write. A job that reaches a terminal
 * state is announced as {@link JobFinished}, so that the dispatcher fills its place at once.
 * <p>
 * A PROCESSING event also renews the job's lease ({@code lease_until}, see {@link StuckJobSweeper}); so do the
 * heartbeats of the worker that holds the job ({@link #renewLeases}). A job cut into chunk tasks
 * ({@link dev.assay.protocol.ChunkReport#isCut}) is marked {@code chunked} and holds no lease: the broker guards its
 * pieces, which are acked only when done, and a chunk waiting behind other work must not make it look stuck.
 */
@Service
public class JobStateUpdater {

    private static final Logger log = LoggerFactory.getLogger(JobStateUpdater.class);

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final ApplicationEventPublisher applicationEvents;
    private final Clock clock;
    private final Duration leaseTimeout;
    private final Counter applied;
    private final Counter ignored;

    JobStateUpdater(JdbcClient jdbc, ObjectMapper json, MeterRegistry registry,
            ApplicationEventPublisher applicationEvents, Clock clock, RecoveryProperties recovery) {
        this.jdbc = jdbc;
        this.json = json;
        this.applicationEvents = applicationEvents;
        this.applied = storedEvents(registry, "applied");
        this.ignored = storedEvents(registry, "ignored");
        this.clock = clock;
        this.leaseTimeout = recovery.leaseTimeout();
    }

    private static Counter storedEvents(MeterRegistry registry, String outcome) {
        return Counter.builder("assay.events.stored")
                .tag("outcome", outcome)
                .description("Job events this gateway persisted (applied) or found stale, duplicate or late (ignored)")
                .register(registry);
    }

    /**
     * Applies an event to its job.
     *
     * @param event a job event from a worker or a gateway
     * @return whether the job changed; false for an unknown job, a stale or duplicate event, or a terminal job
     */
    public boolean apply(JobEvent event) {
        try (JobMdc jobId = JobMdc.put(event.jobId())) {
            boolean changed = update(event);
            (changed ? applied : ignored).increment();
            return changed;
        }
    }

    private boolean update(JobEvent event) {
        Set<JobStatus> sources = JobTransitions.eventSourcesOf(event.status());
        if (sources.isEmpty()) {
            return false;
        }
        Instant at = event.timestamp() != null ? event.timestamp() : Instant.now();
        boolean terminal = event.status().isTerminal();
        String result = event.status() == JobStatus.COMPLETED && event.result() != null
                ? json.writeValueAsString(event.result()) : null;
        int updated = jdbc.sql("""
                        UPDATE jobs SET
                            status = :status,
                            seq = :seq,
                            progress = COALESCE(CAST(:progress AS double precision), progress),
                            bytes_read = COALESCE(CAST(:bytesRead AS bigint), bytes_read),
                            records_read = COALESCE(CAST(:recordsRead AS bigint), records_read),
                            bytes_per_second = COALESCE(CAST(:bytesPerSecond AS double precision), bytes_per_second),
                            worker_id = COALESCE(CAST(:workerId AS varchar(200)), worker_id),
                            started_at = CASE WHEN started_at IS NULL AND :processing THEN :at ELSE started_at END,
                            finished_at = CASE WHEN :terminal THEN :at ELSE finished_at END,
                            error = CASE WHEN :terminal THEN CAST(:error AS varchar(10000)) ELSE error END,
                            result = CASE WHEN :completed THEN CAST(:result AS jsonb) ELSE result END,
                            chunked = chunked OR :cut,
                            lease_until = CASE WHEN chunked OR :cut THEN NULL
                                ELSE CAST(:leaseUntil AS timestamp with time zone) END
                        WHERE id = :id AND seq < :seq AND status IN (:sources)
                        """)
                .param("status", event.status().name())
                .param("seq", event.seq())
                .param("progress", event.progress())
                .param("bytesRead", event.bytesRead())
                .param("recordsRead", event.recordsRead())
                .param("bytesPerSecond", event.bytesPerSecond())
                .param("workerId", event.workerId())
                .param("processing", event.status() != JobStatus.CANCELLED)
                .param("terminal", terminal)
                .param("completed", event.status() == JobStatus.COMPLETED)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .param("error", truncate(event.error()))
                .param("result", result)
                .param("cut", event.chunk() != null && event.chunk().isCut())
                .param("leaseUntil", event.status() == JobStatus.PROCESSING ? leaseFromNow() : null,
                        Types.TIMESTAMP_WITH_TIMEZONE)
                .param("id", event.jobId())
                .param("sources", sources.stream().map(Enum::name).toList())
                .update();
        if (updated == 0) {
            log.debug("Job {}: event {} seq {} not applied (stale, duplicate, terminal or unknown job)",
                    event.jobId(), event.status(), event.seq());
        } else if (terminal) {
            applicationEvents.publishEvent(new JobFinished(event.jobId(), event.status()));
        }
        return updated > 0;
    }

    /**
     * Renews the leases of the jobs a worker says it is processing (its heartbeat); a job it no longer holds (taken
     * away when its lease ran out, or finished) is left alone.
     *
     * @return how many leases were renewed
     */
    public int renewLeases(String workerId, Collection<UUID> jobIds) {
        if (workerId == null || jobIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        UPDATE jobs SET lease_until = :leaseUntil
                        WHERE id IN (:ids) AND worker_id = :workerId AND status = 'PROCESSING' AND NOT chunked""")
                .param("leaseUntil", leaseFromNow())
                .param("ids", List.copyOf(jobIds))
                .param("workerId", workerId)
                .update();
    }

    private OffsetDateTime leaseFromNow() {
        return clock.instant().plus(leaseTimeout).atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 10_000 ? error : error.substring(0, 10_000);
    }
}

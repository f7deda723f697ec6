package dev.assay.gateway.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.assay.protocol.JobStatus;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Jobs in the database. Every query a user can reach is scoped to the owner; state changes by events go through
 * {@link JobStateUpdater}, and user actions (cancel, retry) are conditional updates that name the state they
 * expect, so concurrent changes never overwrite each other.
 */
@Repository
public class JobRepository {

    private static final String COLUMNS = """
            id, owner, file_name, storage_key, size_bytes, sha256, status, seq, progress, bytes_read, records_read,
            bytes_per_second, options, submitted_at, started_at, finished_at, worker_id, error, queued_at,
            published_at, expired_at""";
    private static final TypeReference<Map<String, String>> OPTIONS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final RowMapper<Job> rowMapper = this::mapRow;

    JobRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores a new job. */
    public void insert(Job job) {
        jdbc.sql("INSERT INTO jobs (" + COLUMNS + """
                        ) VALUES (:id, :owner, :fileName, :storageKey, :sizeBytes, :sha256, :status, :seq, :progress,
                        :bytesRead, :recordsRead, :bytesPerSecond, :options, :submittedAt, :startedAt, :finishedAt,
                        :workerId, :error, :queuedAt, :publishedAt, :expiredAt)""")
                .param("id", job.id())
                .param("owner", job.owner())
                .param("fileName", job.fileName())
                .param("storageKey", job.storageKey())
                .param("sizeBytes", job.sizeBytes())
                .param("sha256", job.sha256())
                .param("status", job.status().name())
                .param("seq", job.seq())
                .param("progress", job.progress(), Types.DOUBLE)
                .param("bytesRead", job.bytesRead(), Types.BIGINT)
                .param("recordsRead", job.recordsRead(), Types.BIGINT)
                .param("bytesPerSecond", job.bytesPerSecond(), Types.DOUBLE)
                .param("options", json.writeValueAsString(job.options()))
                .param("submittedAt", utc(job.submittedAt()), Types.TIMESTAMP_WITH_TIMEZONE)
                .param("startedAt", utc(job.startedAt()), Types.TIMESTAMP_WITH_TIMEZONE)
                .param("finishedAt", utc(job.finishedAt()), Types.TIMESTAMP_WITH_TIMEZONE)
                .param("workerId", job.workerId(), Types.VARCHAR)
                .param("error", job.error(), Types.VARCHAR)
                .param("queuedAt", utc(job.queuedAt()), Types.TIMESTAMP_WITH_TIMEZONE)
                .param("publishedAt", utc(job.publishedAt()), Types.TIMESTAMP_WITH_TIMEZONE)
                .param("expiredAt", utc(job.expiredAt()), Types.TIMESTAMP_WITH_TIMEZONE)
                .update();
    }

    /** A job by id, whoever owns it (for the workers' side). */
    public Optional<Job> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM jobs WHERE id = :id").param("id", id).query(rowMapper).optional();
    }

    /** A job of this owner; empty for a missing job and for another user's job alike. */
    public Optional<Job> findOwned(UUID id, String owner) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM jobs WHERE id = :id AND owner = :owner")
                .param("id", id)
                .param("owner", owner)
                .query(rowMapper)
                .optional();
    }

    /**
     * One page of the owner's jobs, newest first, optionally only those in one state.
     *
     * @param owner the owner, or null for the jobs of all users (an administrator's view)
     */
    public List<Job> findPage(String owner, JobStatus status, int page, int size) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM jobs WHERE " + filter(owner, status)
                        + " ORDER BY submitted_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .params(filterParams(owner, status))
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(rowMapper)
                .list();
    }

    /** How many jobs {@link #findPage} pages through. */
    public long count(String owner, JobStatus status) {
        return jdbc.sql("SELECT COUNT(*) FROM jobs WHERE " + filter(owner, status))
                .params(filterParams(owner, status))
                .query(Long.class)
                .single();
    }

    private static String filter(String owner, JobStatus status) {
        return (owner == null ? "1 = 1" : "owner = :owner") + (status == null ? "" : " AND status = :status");
    }

    private static Map<String, Object> filterParams(String owner, JobStatus status) {
        Map<String, Object> params = new java.util.HashMap<>();
        if (owner != null) {
            params.put("owner", owner);
        }
        if (status != null) {
            params.put("status", status.name());
        }
        return params;
    }

    /** Jobs of all users per state; every state is present, with 0 when there is none. */
    public Map<JobStatus, Long> countByStatus() {
        Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
        for (JobStatus status : JobStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.sql("SELECT status, COUNT(*) AS n FROM jobs GROUP BY status")
                .query((rs, row) -> Map.entry(JobStatus.valueOf(rs.getString("status")), rs.getLong("n")))
                .list()
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
        return counts;
    }

    /** Jobs in any of the given states, oldest first (e.g. to resume work after a restart). */
    public List<Job> findByStatusIn(Collection<JobStatus> statuses) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM jobs WHERE status IN (:statuses) ORDER BY queued_at, id")
                .param("statuses", statuses.stream().map(Enum::name).toList())
                .query(rowMapper)
                .list();
    }

    /** The analysis result JSON of the owner's job, when it has one. */
    public Optional<String> findResult(UUID id, String owner) {
        return jdbc.sql("SELECT result FROM jobs WHERE id = :id AND owner = :owner AND result IS NOT NULL")
                .param("id", id)
                .param("owner", owner)
                .query(String.class)
                .optional();
    }

    /**
     * Claims the {@code count} oldest waiting jobs of {@code owner}: QUEUED and not yet published, oldest first. Must
     * run in a transaction: the rows stay locked until it ends, and other gateways' dispatchers skip them
     * ({@code SKIP LOCKED}) instead of publishing them twice.
     */
    public List<Job> claimNext(String owner, int count) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM jobs WHERE owner = :owner AND status = 'QUEUED' AND published_at IS NULL
                        ORDER BY queued_at, id LIMIT :count FOR UPDATE SKIP LOCKED""")
                .param("owner", owner)
                .param("count", count)
                .query(rowMapper)
                .list();
    }

    /** Records that the request for this job's state {@code seq} reached the job queue. */
    public boolean markPublished(UUID id, long seq, Instant at) {
        return jdbc.sql("UPDATE jobs SET published_at = :at WHERE id = :id AND seq = :seq AND published_at IS NULL")
                .param("at", utc(at))
                .param("id", id)
                .param("seq", seq)
                .update() > 0;
    }

    /**
     * Cancels a job of the owner that is still QUEUED with the given {@code seq}, moving it to CANCELLED at
     * {@code seq + 1}. Returns false when the job has moved on meanwhile.
     */
    public boolean cancelQueued(UUID id, String owner, long seq, Instant at) {
        return jdbc.sql("""
                        UPDATE jobs SET status = 'CANCELLED', seq = :next, finished_at = :at,
                            error = 'Cancelled before it started'
                        WHERE id = :id AND owner = :owner AND seq = :seq AND status = 'QUEUED'""")
                .param("next", seq + 1)
                .param("at", utc(at))
                .param("id", id)
                .param("owner", owner)
                .param("seq", seq)
                .update() > 0;
    }

    /**
     * Ends the owner's PROCESSING job that is analysed in chunks CANCELLED at {@code newSeq}; false when it is not
     * such a job (or has moved past {@code newSeq}).
     */
    public boolean cancelChunked(UUID id, String owner, long newSeq, String reason, Instant at) {
        return jdbc.sql("""
                        UPDATE jobs SET status = 'CANCELLED', seq = :newSeq, finished_at = :at, error = :reason,
                            cancel_requested_at = :at
                        WHERE id = :id AND owner = :owner AND status = 'PROCESSING' AND chunked AND seq < :newSeq""")
                .param("newSeq", newSeq)
                .param("at", utc(at))
                .param("reason", reason)
                .param("id", id)
                .param("owner", owner)
                .update() > 0;
    }

    /**
     * Records that the owner asked to cancel the PROCESSING job: should its worker stop answering, the job ends
     * CANCELLED instead of being queued again ({@link StuckJobSweeper}). Returns false when the job is not PROCESSING.
     */
    public boolean requestCancel(UUID id, String owner, Instant at) {
        return jdbc.sql("""
                        UPDATE jobs SET cancel_requested_at = :at
                        WHERE id = :id AND owner = :owner AND status = 'PROCESSING'""")
                .param("at", utc(at))
                .param("id", id)
                .param("owner", owner)
                .update() > 0;
    }

    /**
     * Queues a FAILED or CANCELLED job of the owner again at {@code seq + 1}, clearing what its last run left.
     * Returns false when the job is in another state or has moved on meanwhile.
     */
    public boolean requeue(UUID id, String owner, long seq, Instant at) {
        return jdbc.sql("""
                        UPDATE jobs SET status = 'QUEUED', seq = :next, progress = NULL, bytes_read = NULL,
                            records_read = NULL, bytes_per_second = NULL, started_at = NULL, finished_at = NULL,
                            worker_id = NULL, error = NULL, result = NULL, queued_at = :at, published_at = NULL,
                            attempts = 0, lease_until = NULL, cancel_requested_at = NULL, chunked = false
                        WHERE id = :id AND owner = :owner AND seq = :seq AND status IN (:from)""")
                .param("next", seq + 1)
                .param("at", utc(at))
                .param("id", id)
                .param("owner", owner)
                .param("seq", seq)
                .param("from", JobTransitions.sourcesOf(JobStatus.QUEUED).stream().map(Enum::name).toList())
                .update() > 0;
    }

    /** Deletes the owner's job row; returns whether there was one. */
    public boolean delete(UUID id, String owner) {
        return jdbc.sql("DELETE FROM jobs WHERE id = :id AND owner = :owner")
                .param("id", id)
                .param("owner", owner)
                .update() > 0;
    }

    private Job mapRow(ResultSet rs, int row) throws SQLException {
        return new Job(
                rs.getObject("id", UUID.class),
                rs.getString("owner"),
                rs.getString("file_name"),
                rs.getString("storage_key"),
                rs.getLong("size_bytes"),
                rs.getString("sha256"),
                JobStatus.valueOf(rs.getString("status")),
                rs.getLong("seq"),
                rs.getObject("progress", Double.class),
                rs.getObject("bytes_read", Long.class),
                rs.getObject("records_read", Long.class),
                rs.getObject("bytes_per_second", Double.class),
                json.readValue(rs.getString("options"), OPTIONS),
                instant(rs, "submitted_at"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                rs.getString("worker_id"),
                rs.getString("error"),
                instant(rs, "queued_at"),
                instant(rs, "published_at"),
                instant(rs, "expired_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}

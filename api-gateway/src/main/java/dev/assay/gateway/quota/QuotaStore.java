package dev.assay.gateway.quota;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The per-user overrides (columns of {@code users}) and what each user uses (from {@code jobs}). */
@Repository
public class QuotaStore {

    private final JdbcClient jdbc;

    QuotaStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What one user has: jobs (all, expired included) and the bytes of their kept files. */
    public record Usage(long jobs, long storageBytes) {

        /** A user without jobs. */
        public static final Usage NONE = new Usage(0, 0);
    }

    /** The user's overrides; {@link Quota#NONE} for an unknown user. */
    public Quota overrides(String username) {
        return jdbc.sql("""
                        SELECT max_file_bytes, max_active_jobs, max_storage_bytes, uploads_per_minute FROM users
                        WHERE username = :username""")
                .param("username", username)
                .query(QuotaStore::quota)
                .optional()
                .orElse(Quota.NONE);
    }

    /** Everyone's overrides by user name. */
    public Map<String, Quota> allOverrides() {
        return jdbc.sql("""
                        SELECT username, max_file_bytes, max_active_jobs, max_storage_bytes, uploads_per_minute
                        FROM users""")
                .query((rs, row) -> Map.entry(rs.getString("username"), quota(rs, row)))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Replaces the user's overrides (null fields: the default). */
    public void setOverrides(String username, Quota quota) {
        jdbc.sql("""
                        UPDATE users SET max_file_bytes = :maxFileBytes, max_active_jobs = :maxActiveJobs,
                            max_storage_bytes = :maxStorageBytes, uploads_per_minute = :uploadsPerMinute
                        WHERE username = :username""")
                .param("maxFileBytes", quota.maxFileBytes(), Types.BIGINT)
                .param("maxActiveJobs", quota.maxActiveJobs(), Types.INTEGER)
                .param("maxStorageBytes", quota.maxStorageBytes(), Types.BIGINT)
                .param("uploadsPerMinute", quota.uploadsPerMinute(), Types.INTEGER)
                .param("username", username)
                .update();
    }

    /** Everyone's usage by user name; users without jobs are missing. */
    public Map<String, Usage> usageByUser() {
        return jdbc.sql("""
                        SELECT owner, COUNT(*) AS jobs,
                            COALESCE(SUM(CASE WHEN expired_at IS NULL THEN size_bytes ELSE 0 END), 0) AS bytes
                        FROM jobs GROUP BY owner""")
                .query((rs, row) -> Map.entry(rs.getString("owner"), new Usage(rs.getLong("jobs"),
                        rs.getLong("bytes"))))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The user's usage. */
    public Usage usage(String username) {
        return jdbc.sql("""
                        SELECT COUNT(*) AS jobs,
                            COALESCE(SUM(CASE WHEN expired_at IS NULL THEN size_bytes ELSE 0 END), 0) AS bytes
                        FROM jobs WHERE owner = :owner""")
                .param("owner", username)
                .query((rs, row) -> new Usage(rs.getLong("jobs"), rs.getLong("bytes")))
                .single();
    }

    /** The user's QUEUED and PROCESSING jobs. */
    long activeJobs(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM jobs WHERE owner = :owner AND status IN ('QUEUED', 'PROCESSING')")
                .param("owner", username)
                .query(Long.class)
                .single();
    }

    /** When the user's jobs submitted after {@code since} were submitted, oldest first. */
    List<Instant> uploadsSince(String username, Instant since) {
        return jdbc.sql("SELECT submitted_at FROM jobs WHERE owner = :owner AND submitted_at > :since"
                        + " ORDER BY submitted_at")
                .param("owner", username)
                .param("since", since.atOffset(ZoneOffset.UTC))
                .query((rs, row) -> rs.getObject("submitted_at", OffsetDateTime.class).toInstant())
                .list();
    }

    private static Quota quota(ResultSet rs, int row) throws SQLException {
        return new Quota(rs.getObject("max_file_bytes", Long.class), rs.getObject("max_active_jobs", Integer.class),
                rs.getObject("max_storage_bytes", Long.class), rs.getObject("uploads_per_minute", Integer.class));
    }
}

package dev.assay.gateway.standalone;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.assay.protocol.JobRequested;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The jobs not yet in a terminal state, as requests to process them again. Each request is numbered from the
 * job's stored {@code seq}, so its events are newer than every event the job has had.
 */
final class UnfinishedJobs {

    private static final TypeReference<Map<String, String>> OPTIONS = new TypeReference<>() {
    };

    private static final String SELECT = """
            SELECT id, owner, storage_key, file_name, size_bytes, options, seq, submitted_at
            FROM jobs WHERE status IN ('QUEUED', 'PROCESSING')
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    UnfinishedJobs(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** All unfinished jobs, oldest first. */
    List<JobRequested> all() {
        return jdbc.sql(SELECT + " ORDER BY submitted_at").query(this::request).list();
    }

    /** The job, if it exists and is not finished. */
    Optional<JobRequested> find(UUID jobId) {
        return jdbc.sql(SELECT + " AND id = :id").param("id", jobId).query(this::request).optional();
    }

    private JobRequested request(ResultSet row, int number) throws SQLException {
        String options = row.getString("options");
        return new JobRequested(
                row.getObject("id", UUID.class),
                row.getString("owner"),
                row.getString("storage_key"),
                row.getString("file_name"),
                row.getLong("size_bytes"),
                options == null || options.isBlank() ? Map.of() : json.readValue(options, OPTIONS),
                row.getLong("seq"),
                row.getObject("submitted_at", OffsetDateTime.class).toInstant());
    }
}

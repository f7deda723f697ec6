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
 * job's stored {@code seq}, so its events are newer than every event the job has had. QUEUED jobs that had been
 * handed to the pool before a restart are given back to the dispatcher instead, so they wait in fair order.
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

    /** The jobs that were running when the previous run stopped, oldest first. */
    List<JobRequested> interrupted() {
        return jdbc.sql(SELECT + " AND status = 'PROCESSING' ORDER BY submitted_at").query(this::request).list();
    }

    /**
     * Marks the QUEUED jobs that had been handed to the pool (which kept them in memory only) as waiting again, for
     * the dispatcher to hand them over anew.
     *
     * @return how many there were
     */
    int releaseDispatched() {
        return jdbc.sql("UPDATE jobs SET published_at = NULL WHERE status = 'QUEUED' AND published_at IS NOT NULL")
                .update();
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

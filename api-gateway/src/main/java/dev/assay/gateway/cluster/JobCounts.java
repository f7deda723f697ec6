package dev.assay.gateway.cluster;

import java.util.EnumMap;
import java.util.Map;

import dev.assay.protocol.JobStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Counts of all users' jobs per state, for the cluster view. */
@Component
class JobCounts {

    private final JdbcClient jdbc;

    JobCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Jobs per state; a state without jobs counts 0. */
    Map<JobStatus, Long> byStatus() {
        Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
        for (JobStatus status : JobStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.sql("SELECT status, COUNT(*) AS jobs FROM jobs GROUP BY status")
                .query(row -> {
                    counts.put(JobStatus.valueOf(row.getString("status")), row.getLong("jobs"));
                });
        return counts;
    }
}

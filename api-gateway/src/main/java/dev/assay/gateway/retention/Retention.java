package dev.assay.gateway.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import dev.assay.gateway.storage.JobFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the files and results of jobs that finished more than {@code assay.retention.max-age} ago. The job row
 * stays, with its state and figures, marked expired. Jobs still queued or running are never touched. The row is
 * marked first, so that a file whose deletion fails is found by nobody anymore rather than half-served.
 */
@Component
class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final JobFiles files;
    private final RetentionProperties properties;
    private final Clock clock;

    Retention(JdbcClient jdbc, JobFiles files, RetentionProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.files = files;
        this.properties = properties;
        this.clock = clock;
    }

    private record Expiring(UUID id, String storageKey) {
    }

    @Scheduled(fixedDelayString = "${assay.retention.interval:1h}",
            initialDelayString = "${assay.retention.interval:1h}")
    void run() {
        if (!properties.maxAge().isZero()) {
            expireFinishedBefore(clock.instant().minus(properties.maxAge()));
        }
    }

    /**
     * Expires the jobs that finished before {@code cutoff}.
     *
     * @return how many jobs were expired
     */
    int expireFinishedBefore(Instant cutoff) {
        int expired = 0;
        List<Expiring> batch;
        do {
            batch = jdbc.sql("""
                            SELECT id, storage_key FROM jobs
                            WHERE expired_at IS NULL AND finished_at < :cutoff
                                AND status IN ('COMPLETED', 'FAILED', 'CANCELLED')
                            ORDER BY finished_at LIMIT :limit""")
                    .param("cutoff", cutoff.atOffset(ZoneOffset.UTC))
                    .param("limit", BATCH)
                    .query((rs, row) -> new Expiring(rs.getObject("id", UUID.class), rs.getString("storage_key")))
                    .list();
            for (Expiring job : batch) {
                if (expire(job)) {
                    expired++;
                }
            }
        } while (batch.size() == BATCH);
        if (expired > 0) {
            log.info("Retention: deleted the files and results of {} jobs that finished before {}", expired, cutoff);
        }
        return expired;
    }

    private boolean expire(Expiring job) {
        boolean marked = jdbc.sql("""
                        UPDATE jobs SET expired_at = :now, result = NULL
                        WHERE id = :id AND expired_at IS NULL AND status IN ('COMPLETED', 'FAILED', 'CANCELLED')""")
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .param("id", job.id())
                .update() > 0;
        if (marked) {
            files.deleteAll(job.id(), job.storageKey());
        }
        return marked;
    }
}

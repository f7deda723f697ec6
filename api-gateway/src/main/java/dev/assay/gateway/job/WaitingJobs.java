package dev.assay.gateway.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the fair dispatcher and the queue positions read: the jobs waiting to be dispatched ({@code QUEUED},
 * {@code published_at} NULL), those in flight ({@code PROCESSING}, or {@code QUEUED} and published), and when each
 * user last had a job dispatched.
 */
@Repository
class WaitingJobs {

    /** A job is in flight from its dispatch to its terminal state; chunk tasks of a job would be counted here. */
    private static final String IN_FLIGHT = "(status = 'PROCESSING' OR (status = 'QUEUED' AND published_at IS NOT NULL))";
    private static final String WAITING = "(status = 'QUEUED' AND published_at IS NULL)";

    private final JdbcClient jdbc;

    WaitingJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Jobs in flight per user; users without any are absent. */
    Map<String, Long> inFlightByOwner() {
        Map<String, Long> inFlight = new HashMap<>();
        jdbc.sql("SELECT owner, COUNT(*) AS n FROM jobs WHERE " + IN_FLIGHT + " GROUP BY owner")
                .query(row -> {
                    inFlight.put(row.getString("owner"), row.getLong("n"));
                });
        return inFlight;
    }

    /** The users with waiting jobs, with their jobs in flight ({@code inFlight}) and their last dispatch. */
    List<FairOrder.Owner> owners(Map<String, Long> inFlight) {
        return jdbc.sql("""
                        SELECT w.owner, w.waiting, d.last_dispatched_at
                        FROM (SELECT owner, COUNT(*) AS waiting FROM jobs WHERE %s GROUP BY owner) w
                        LEFT JOIN dispatch_owners d ON d.owner = w.owner""".formatted(WAITING))
                .query((rs, row) -> new FairOrder.Owner(rs.getString("owner"), rs.getLong("waiting"),
                        inFlight.getOrDefault(rs.getString("owner"), 0L), instant(rs, "last_dispatched_at")))
                .list();
    }

    /** Records that a job of {@code owner} was dispatched at {@code at}; safe when several gateways do it at once. */
    void recordDispatch(String owner, Instant at) {
        jdbc.sql("INSERT INTO dispatch_owners (owner, last_dispatched_at) VALUES (:owner, :at) ON CONFLICT DO NOTHING")
                .param("owner", owner)
                .param("at", at.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE)
                .update();
        jdbc.sql("UPDATE dispatch_owners SET last_dispatched_at = :at WHERE owner = :owner AND last_dispatched_at < :at")
                .param("owner", owner)
                .param("at", at.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE)
                .update();
    }

    /** The user's waiting jobs in the order they are dispatched (the order of {@link JobRepository#claimNext}). */
    List<UUID> waitingOf(String owner) {
        return jdbc.sql("SELECT id FROM jobs WHERE owner = :owner AND " + WAITING + " ORDER BY queued_at, id")
                .param("owner", owner)
                .query((rs, row) -> rs.getObject("id", UUID.class))
                .list();
    }

    /** The jobs dispatched and not started yet, of all users, in the order they were dispatched. */
    List<UUID> dispatchedNotStarted() {
        return jdbc.sql("SELECT id FROM jobs WHERE status = 'QUEUED' AND published_at IS NOT NULL"
                        + " ORDER BY published_at, id")
                .query((rs, row) -> rs.getObject("id", UUID.class))
                .list();
    }

    /** Jobs running now, of all users. */
    long processing() {
        return jdbc.sql("SELECT COUNT(*) FROM jobs WHERE status = 'PROCESSING'").query(Long.class).single();
    }

    /** The mean run time of the latest {@code count} completed jobs; empty when none has completed. */
    Optional<Duration> recentMeanDuration(int count) {
        List<Duration> durations = jdbc.sql("""
                        SELECT started_at, finished_at FROM jobs
                        WHERE status = 'COMPLETED' AND started_at IS NOT NULL AND finished_at IS NOT NULL
                        ORDER BY finished_at DESC LIMIT :count""")
                .param("count", count)
                .query((rs, row) -> Duration.between(instant(rs, "started_at"), instant(rs, "finished_at")))
                .list();
        return durations.isEmpty() ? Optional.empty() : Optional.of(durations.stream()
                .reduce(Duration.ZERO, Duration::plus)
                .dividedBy(durations.size()));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}

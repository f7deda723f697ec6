package dev.assay.gateway.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Whether this gateway can store the cluster's events, as health component {@code eventStore}: DOWN while storing
 * fails (the database is away), with how many attempts failed in a row and the last error. It also paces those
 * attempts: each failure waits longer before the event is given back to the queue, so that a database outage does
 * not turn into a tight redelivery loop. Thread safe.
 */
@Component("eventStoreHealthIndicator")
@Profile("cluster")
class EventStoreHealth implements HealthIndicator {

    static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    static final Duration MAX_PAUSE = Duration.ofSeconds(5);

    private final Clock clock;
    private int failuresInARow;
    private Instant failingSince;
    private String lastError;

    EventStoreHealth(Clock clock) {
        this.clock = clock;
    }

    /** Records a stored event or heartbeat: the store works. */
    synchronized void succeeded() {
        failuresInARow = 0;
        failingSince = null;
        lastError = null;
    }

    /**
     * Records a failure to store.
     *
     * @return how long to wait before the event is given back: doubling from {@link #FIRST_PAUSE} up to
     *         {@link #MAX_PAUSE}
     */
    synchronized Duration failed(RuntimeException error) {
        if (failuresInARow == 0) {
            failingSince = clock.instant();
        }
        failuresInARow++;
        lastError = error.getClass().getSimpleName() + ": " + error.getMessage();
        return pause(failuresInARow);
    }

    static Duration pause(int failuresInARow) {
        long millis = FIRST_PAUSE.toMillis() << Math.min(Math.max(failuresInARow - 1, 0), 10);
        return Duration.ofMillis(Math.min(millis, MAX_PAUSE.toMillis()));
    }

    @Override
    public synchronized Health health() {
        if (failuresInARow == 0) {
            return Health.up().build();
        }
        return Health.down()
                .withDetail("failuresInARow", failuresInARow)
                .withDetail("failingSince", failingSince.toString())
                .withDetail("lastError", String.valueOf(lastError))
                .build();
    }
}

package dev.assay.gateway.live;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The newest {@code seq} pushed for each recent job on this gateway instance. Delivery is at-least-once, so the same
 * event can arrive twice (a worker that republishes after losing its publisher confirm in a broker outage); a
 * browser would drop it by {@code seq}, but pushing it twice is noise, and a second COMPLETED looks like a second
 * result to a script. Bounded: the least recently pushed jobs are forgotten first.
 */
final class PushedSeqs {

    private final Map<UUID, Long> newest;

    PushedSeqs(int capacity) {
        this.newest = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Long> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Records the event's seq; false when an event of the job at this seq or newer was pushed already. */
    synchronized boolean isNew(UUID jobId, long seq) {
        Long pushed = newest.get(jobId);
        if (pushed != null && pushed >= seq) {
            return false;
        }
        newest.put(jobId, seq);
        return true;
    }
}

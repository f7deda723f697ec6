package dev.assay.gateway.live;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.assay.protocol.JobStatus;

/**
 * The newest event pushed for each recent job on this gateway instance. Delivery is at-least-once: the same event can
 * arrive twice, and a job message redelivered after a broker outage can be run again, whose late events the event
 * store ignores but the live queue still receives. A browser drops stale events by {@code seq}, but a second
 * COMPLETED looks like a second result to a script, and a second run's PROCESSING would reopen a finished job on the
 * page. So an event is pushed only when its {@code seq} is newer than the last pushed, and once a terminal event was
 * pushed only a QUEUED one (the owner's retry) reopens the job. Bounded: the least recently pushed jobs are forgotten
 * first.
 */
final class PushedSeqs {

    private record Pushed(long seq, boolean terminal) {
    }

    private final Map<UUID, Pushed> newest;

    PushedSeqs(int capacity) {
        this.newest = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Pushed> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Records the event; false when it must not be pushed (seen already, older, or after the job's end). */
    synchronized boolean isNew(UUID jobId, long seq, JobStatus status) {
        Pushed pushed = newest.get(jobId);
        if (pushed != null && (seq <= pushed.seq() || pushed.terminal() && status != JobStatus.QUEUED)) {
            return false;
        }
        newest.put(jobId, new Pushed(seq, status.isTerminal()));
        return true;
    }
}

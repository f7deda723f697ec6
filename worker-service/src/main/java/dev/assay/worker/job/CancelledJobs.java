package dev.assay.worker.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.assay.protocol.CancelJob;
import dev.assay.protocol.JobRequested;

/**
 * The cancels a worker heard recently, so that a job cancelled while its request was still in the queue is dropped
 * when the request arrives instead of being started. Bounded: at most {@code capacity} cancels, each kept for
 * {@code ttl}; the oldest are forgotten first. A job whose request arrives after its cancel was forgotten starts,
 * and the gateway, seeing its PROCESSING event for a CANCELLED job, broadcasts the cancel again.
 *
 * <p>Thread safe.
 */
public final class CancelledJobs {

    private final int capacity;
    private final Duration ttl;
    private final Clock clock;
    private final Map<UUID, Remembered> cancels = new LinkedHashMap<>();

    /**
     * @param capacity most cancels remembered at once
     * @param ttl      how long a cancel is remembered
     * @param clock    the source of time
     */
    public CancelledJobs(int capacity, Duration ttl, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Remembers a cancel; a newer cancel of the same job replaces the older one. */
    public synchronized void remember(CancelJob cancel) {
        Instant now = clock.instant();
        forgetExpired(now);
        cancels.remove(cancel.jobId());
        cancels.put(cancel.jobId(), new Remembered(cancel, now.plus(ttl)));
        if (cancels.size() > capacity) {
            Iterator<UUID> oldest = cancels.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** Whether the request was cancelled before it was made (a later retry of the job is not). */
    public synchronized boolean covers(JobRequested request) {
        forgetExpired(clock.instant());
        Remembered remembered = cancels.get(request.jobId());
        return remembered != null && remembered.cancel().covers(request);
    }

    /** Number of cancels remembered now. */
    public synchronized int size() {
        forgetExpired(clock.instant());
        return cancels.size();
    }

    private void forgetExpired(Instant now) {
        // insertion order is expiry order: every entry has the same ttl
        Iterator<Remembered> entries = cancels.values().iterator();
        while (entries.hasNext() && !entries.next().expiresAt().isAfter(now)) {
            entries.remove();
        }
    }

    private record Remembered(CancelJob cancel, Instant expiresAt) {
    }
}

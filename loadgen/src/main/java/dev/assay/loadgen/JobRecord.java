package dev.assay.loadgen;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * What the load generator saw of one job: when its upload was sent and answered, and when each stage's event
 * reached the owner's first connection. Times are {@link System#nanoTime()} values; 0 means "not seen".
 * Events may arrive before the upload's answer names the job, so a record is created by whichever comes first.
 * Thread-safe.
 */
final class JobRecord {

    private final UUID jobId;
    private String owner;
    private long sizeBytes;
    private long submittedNanos;
    private long acceptedNanos;
    private long queuedNanos;
    private long startedNanos;
    private long finishedNanos;
    private String terminalStatus;
    private String error;
    private final Set<String> connectionsWithTerminal = new HashSet<>();
    private final Set<String> receivers = new HashSet<>();

    JobRecord(UUID jobId) {
        this.jobId = jobId;
    }

    UUID jobId() {
        return jobId;
    }

    synchronized void accepted(String owner, long sizeBytes, long submittedNanos, long acceptedNanos) {
        this.owner = owner;
        this.sizeBytes = sizeBytes;
        this.submittedNanos = submittedNanos;
        this.acceptedNanos = acceptedNanos;
    }

    /**
     * An event for this job reached {@code connection}, which belongs to {@code user}. Stage times are taken from
     * the user's primary connection only, so that idle dashboards do not change the measured latencies.
     */
    synchronized void event(String user, String connection, boolean primary, String status, String eventError,
            long receivedNanos) {
        receivers.add(user);
        boolean terminal = status.equals("COMPLETED") || status.equals("FAILED") || status.equals("CANCELLED");
        if (terminal) {
            connectionsWithTerminal.add(connection);
        }
        if (!primary) {
            return;
        }
        switch (status) {
            case "QUEUED" -> queuedNanos = first(queuedNanos, receivedNanos);
            case "PROCESSING" -> startedNanos = first(startedNanos, receivedNanos);
            default -> {
                if (terminal && finishedNanos == 0) {
                    finishedNanos = receivedNanos;
                    terminalStatus = status;
                    error = eventError;
                }
            }
        }
    }

    private static long first(long seen, long now) {
        return seen == 0 ? now : seen;
    }

    synchronized boolean hasTerminalOn(String connection) {
        return connectionsWithTerminal.contains(connection);
    }

    synchronized String owner() {
        return owner;
    }

    synchronized boolean isAccepted() {
        return acceptedNanos != 0;
    }

    synchronized long sizeBytes() {
        return sizeBytes;
    }

    synchronized long submittedNanos() {
        return submittedNanos;
    }

    synchronized long acceptedNanos() {
        return acceptedNanos;
    }

    synchronized long queuedNanos() {
        return queuedNanos;
    }

    synchronized long startedNanos() {
        return startedNanos;
    }

    synchronized long finishedNanos() {
        return finishedNanos;
    }

    synchronized String terminalStatus() {
        return terminalStatus;
    }

    synchronized String error() {
        return error;
    }

    /** Users other than the owner whose connections received an event of this job. */
    synchronized Set<String> foreignReceivers() {
        Set<String> foreign = new HashSet<>(receivers);
        foreign.remove(owner);
        return foreign;
    }
}

package dev.assay.fault;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.assay.protocol.JobStatus;

/**
 * What became of the jobs a test submitted: how many were accepted, ended COMPLETED, FAILED or CANCELLED, how many
 * COMPLETED events were pushed more than once for a job (duplicates) and how many jobs never reached a terminal state
 * (lost).
 */
record JobTally(int accepted, int completed, int failed, int cancelled, int duplicates, int lost,
        Map<UUID, String> statuses) {

    private static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "CANCELLED");

    /**
     * Waits until every job is terminal (or the timeout passed) and its terminal event was pushed to {@code live}
     * (or a short grace passed), then counts.
     */
    static JobTally await(AssayApi api, LiveEvents live, Collection<UUID> jobs, Duration timeout) {
        Set<UUID> ids = new LinkedHashSet<>(jobs);
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<UUID, String> statuses = api.statuses(ids);
        while (!allTerminal(ids, statuses) && System.nanoTime() < deadline) {
            pause();
            statuses = api.statuses(ids);
        }
        long graceEnd = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (live != null && !allPushed(ids, live) && System.nanoTime() < graceEnd) {
            pause();
        }
        return count(ids, statuses, live);
    }

    private static JobTally count(Set<UUID> ids, Map<UUID, String> statuses, LiveEvents live) {
        int completed = 0;
        int failed = 0;
        int cancelled = 0;
        int lost = 0;
        int duplicates = 0;
        for (UUID id : ids) {
            String status = statuses.getOrDefault(id, "MISSING");
            switch (status) {
                case "COMPLETED" -> completed++;
                case "FAILED" -> failed++;
                case "CANCELLED" -> cancelled++;
                default -> lost++;
            }
            if (live != null) {
                duplicates += (int) Math.max(0, live.count(id, JobStatus.COMPLETED) - 1);
            }
        }
        return new JobTally(ids.size(), completed, failed, cancelled, duplicates, lost, Map.copyOf(statuses));
    }

    /** The jobs that did not end in the given state. */
    List<UUID> notIn(String status) {
        return statuses.entrySet().stream().filter(entry -> !entry.getValue().equals(status))
                .map(Map.Entry::getKey).toList();
    }

    @Override
    public String toString() {
        return "accepted=" + accepted + " completed=" + completed + " failed=" + failed + " cancelled=" + cancelled
                + " duplicates=" + duplicates + " lost=" + lost;
    }

    private static boolean allTerminal(Set<UUID> ids, Map<UUID, String> statuses) {
        return ids.stream().allMatch(id -> TERMINAL.contains(statuses.get(id)));
    }

    private static boolean allPushed(Set<UUID> ids, LiveEvents live) {
        return ids.stream().allMatch(id -> live.events(id).stream()
                .anyMatch(event -> TERMINAL.contains(event.status().name())));
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package dev.assay.gateway.job;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import dev.assay.protocol.JobStatus;

/**
 * The job state machine in one place: which state may follow which.
 * <p>
 * Events may skip states (at-least-once delivery can bring COMPLETED before the last PROCESSING), so a queued job
 * may go straight to any terminal state. A terminal state is left only by a user's retry of a FAILED or CANCELLED
 * job, never by an event.
 */
public final class JobTransitions {

    private static final Map<JobStatus, Set<JobStatus>> ALLOWED = new EnumMap<>(JobStatus.class);

    static {
        ALLOWED.put(JobStatus.QUEUED, EnumSet.of(JobStatus.PROCESSING, JobStatus.COMPLETED, JobStatus.FAILED,
                JobStatus.CANCELLED));
        ALLOWED.put(JobStatus.PROCESSING, EnumSet.of(JobStatus.PROCESSING, JobStatus.COMPLETED, JobStatus.FAILED,
                JobStatus.CANCELLED));
        ALLOWED.put(JobStatus.COMPLETED, EnumSet.noneOf(JobStatus.class));
        ALLOWED.put(JobStatus.FAILED, EnumSet.of(JobStatus.QUEUED));
        ALLOWED.put(JobStatus.CANCELLED, EnumSet.of(JobStatus.QUEUED));
    }

    private JobTransitions() {
    }

    /** Whether a job in state {@code from} may move to state {@code to}. */
    public static boolean isAllowed(JobStatus from, JobStatus to) {
        return ALLOWED.get(from).contains(to);
    }

    /** The states from which a job may move to {@code to}. */
    public static Set<JobStatus> sourcesOf(JobStatus to) {
        Set<JobStatus> sources = EnumSet.noneOf(JobStatus.class);
        ALLOWED.forEach((from, targets) -> {
            if (targets.contains(to)) {
                sources.add(from);
            }
        });
        return Collections.unmodifiableSet(sources);
    }

    /** The states from which an event (not a user action) may move a job to {@code to}: never a terminal one. */
    public static Set<JobStatus> eventSourcesOf(JobStatus to) {
        Set<JobStatus> sources = EnumSet.noneOf(JobStatus.class);
        for (JobStatus from : sourcesOf(to)) {
            if (!from.isTerminal()) {
                sources.add(from);
            }
        }
        return Collections.unmodifiableSet(sources);
    }
}

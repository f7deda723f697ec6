package dev.assay.worker.job;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The jobs a worker is processing right now, with their cancel flags. A job is active at most once per worker, so a
 * duplicate delivery of a job that is still running here is recognised and not processed a second time concurrently.
 *
 * <p>Thread safe.
 */
public final class ActiveJobs {

    private final Map<UUID, ActiveJob> active = new ConcurrentHashMap<>();
    private final AtomicLong jobsDone = new AtomicLong();

    /**
     * Marks a job active, processed by the calling thread.
     *
     * @return the job's handle, to be closed when processing ends; empty if the job is already active here
     */
    public Optional<ActiveJob> start(UUID jobId) {
        ActiveJob job = new ActiveJob(jobId);
        return active.putIfAbsent(jobId, job) == null ? Optional.of(job) : Optional.empty();
    }

    /**
     * Asks a running job to stop.
     *
     * @return whether the job is active here
     */
    public boolean cancel(UUID jobId) {
        ActiveJob job = active.get(jobId);
        if (job == null) {
            return false;
        }
        job.cancelled = true;
        return true;
    }

    /** The ids of the jobs being processed now, in no particular order. */
    public List<UUID> jobIds() {
        return List.copyOf(active.keySet());
    }

    /**
     * Interrupts the threads processing jobs now, for a worker that stops and will not wait for them any longer:
     * each job stops as if its thread was interrupted, and is handed back.
     *
     * @return how many jobs were running
     */
    public int interruptAll() {
        active.values().forEach(job -> job.thread.interrupt());
        return active.size();
    }

    /** Number of jobs being processed now. */
    public int count() {
        return active.size();
    }

    /** Number of jobs that reached a terminal state here since this registry was created. */
    public long jobsDone() {
        return jobsDone.get();
    }

    /** One active job: its cancel flag, and its end. */
    public final class ActiveJob implements AutoCloseable {

        private final UUID jobId;
        private final Thread thread = Thread.currentThread();
        private volatile boolean cancelled;
        private boolean done;

        private ActiveJob(UUID jobId) {
            this.jobId = jobId;
        }

        public UUID jobId() {
            return jobId;
        }

        /** Whether someone asked to stop this job; read by the processing thread. */
        public boolean isCancelled() {
            return cancelled;
        }

        /** Records that the job reached a terminal state, so that {@link #close()} counts it as done. */
        public void markDone() {
            done = true;
        }

        /** Ends the job's activity on this worker. */
        @Override
        public void close() {
            if (active.remove(jobId, this) && done) {
                jobsDone.incrementAndGet();
            }
        }
    }
}

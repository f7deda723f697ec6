package dev.assay.worker.job;

import org.slf4j.MDC;

/**
 * Puts a job's id in the MDC under {@link JobProcessor#MDC_JOB_ID} for a block, and on {@link #close()} restores what
 * was there before, so that nested blocks (an event stored while its job is processed in the same thread) do not
 * strip the id from the outer block's later log lines.
 *
 * <pre>{@code
 * try (JobMdc ignored = JobMdc.put(jobId)) {
 *     log.info("...");   // carries jobId
 * }
 * }</pre>
 */
public final class JobMdc implements AutoCloseable {

    private final String outer;

    private JobMdc(String outer) {
        this.outer = outer;
    }

    /** Puts {@code jobId} in the MDC until the returned handle is closed. */
    public static JobMdc put(Object jobId) {
        String outer = MDC.get(JobProcessor.MDC_JOB_ID);
        MDC.put(JobProcessor.MDC_JOB_ID, String.valueOf(jobId));
        return new JobMdc(outer);
    }

    @Override
    public void close() {
        if (outer == null) {
            MDC.remove(JobProcessor.MDC_JOB_ID);
        } else {
            MDC.put(JobProcessor.MDC_JOB_ID, outer);
        }
    }
}

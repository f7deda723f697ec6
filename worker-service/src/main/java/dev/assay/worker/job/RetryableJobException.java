package dev.assay.worker.job;

import java.util.Optional;

import dev.assay.protocol.JobEvent;

/**
 * A job could not be brought to a terminal state now, for a reason that may pass (the file store cannot be read
 * right now, the terminal event was not accepted, the worker is shutting down). The job should be given back to the
 * queue and processed again later; nothing final was published for it. When the job had reached its outcome and only
 * its terminal event was not accepted, that event comes with the exception, so that it is published again rather
 * than the job analysed again.
 */
public final class RetryableJobException extends Exception {

    private final transient JobEvent unpublishedOutcome;

    public RetryableJobException(String message, Throwable cause) {
        this(message, cause, null);
    }

    public RetryableJobException(String message, Throwable cause, JobEvent unpublishedOutcome) {
        super(message, cause);
        this.unpublishedOutcome = unpublishedOutcome;
    }

    /** The terminal event the job reached and the sink did not accept; empty when the job has no outcome yet. */
    public Optional<JobEvent> unpublishedOutcome() {
        return Optional.ofNullable(unpublishedOutcome);
    }
}

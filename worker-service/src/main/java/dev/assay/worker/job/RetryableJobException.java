package dev.assay.worker.job;

/**
 * A job could not be brought to a terminal state now, for a reason that may pass (the file store cannot be read
 * right now, the terminal event was not accepted, the worker is shutting down). The job should be given back to the
 * queue and processed again later; nothing final was published for it.
 */
public final class RetryableJobException extends Exception {

    public RetryableJobException(String message, Throwable cause) {
        super(message, cause);
    }
}

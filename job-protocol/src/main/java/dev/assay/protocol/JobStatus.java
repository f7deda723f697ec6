package dev.assay.protocol;

/**
 * The states of a job. {@code QUEUED → PROCESSING → COMPLETED | FAILED | CANCELLED}; terminal states are final.
 */
public enum JobStatus {
    QUEUED, PROCESSING, COMPLETED, FAILED, CANCELLED;

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}

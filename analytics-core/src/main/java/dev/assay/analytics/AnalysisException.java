package dev.assay.analytics;

/**
 * The input cannot be analysed at all (as opposed to malformed records, which are counted and reported).
 * The message is written for a person.
 */
public final class AnalysisException extends Exception {

    /** Why the input could not be read. */
    public enum Reason {
        /** The compressed stream is corrupt or truncated. */
        CORRUPT_COMPRESSION,
        /** Decompression exceeded the configured size or ratio cap. */
        DECOMPRESSION_LIMIT,
        /** Reading the input failed. */
        IO_ERROR
    }

    private final Reason reason;

    public AnalysisException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

package dev.assay.analytics;

/**
 * Hears how far an analysis has got, at most a few times a second. Called on the analysing thread.
 * An exception thrown by the listener (for example a {@link java.util.concurrent.CancellationException}
 * when the caller wants to stop) ends the analysis and propagates out of {@code analyze} unchanged.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores progress. */
    ProgressListener NONE = progress -> { };

    void onProgress(Progress progress);

    /**
     * @param bytesRead   bytes of the raw (possibly compressed) input consumed so far
     * @param recordsRead records read so far
     */
    record Progress(long bytesRead, long recordsRead) {
    }
}

package dev.assay.analytics;

import java.time.Duration;

/**
 * A {@link ProgressListener} that also hears a {@link Preview} of the result every {@link #previewInterval()} while
 * a whole input (or the first piece of a file) is analysed, on the analysing thread; later pieces make none. Making a preview walks
 * the user counts, so the interval should be seconds rather than milliseconds.
 */
public interface PreviewListener extends ProgressListener {

    /** Hears what the analysis found so far. An exception thrown here ends the analysis, as for progress. */
    void onPreview(Preview preview);

    /** The least time between two previews; the first comes one interval after the start. */
    default Duration previewInterval() {
        return Duration.ofSeconds(2);
    }
}

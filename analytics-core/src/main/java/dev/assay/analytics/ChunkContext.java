package dev.assay.analytics;

import dev.assay.analytics.internal.Analysis;

/**
 * What was decided on a file's first bytes (format, encoding, delimiter, header, user and time columns), shared
 * by every piece of the file. Immutable and thread-safe. Made by {@link Analytics#prepareChunks}.
 */
public final class ChunkContext {

    private final Analysis.Detection detection;

    ChunkContext(Analysis.Detection detection) {
        this.detection = detection;
    }

    Analysis.Detection detection() {
        return detection;
    }

    /** Whether the file can be cut into pieces (not compressed, not UTF-16). */
    public boolean splittable() {
        return detection.splittable();
    }

    /** The detected (or declared) format kind, as in {@code format.kind}. */
    public String kind() {
        return detection.kind();
    }
}

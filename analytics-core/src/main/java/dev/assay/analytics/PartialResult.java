package dev.assay.analytics;

import dev.assay.analytics.internal.Analysis;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The counted state of one piece of a file. Pieces merge in file order into the result of a single pass: exact
 * counts are equal, sketch figures stay within their stated error. Not thread-safe; {@link #merge} consumes both
 * operands.
 */
public final class PartialResult {

    private Analysis.State state;

    PartialResult(Analysis.State state) {
        this.state = state;
    }

    /**
     * Merges {@code next}, the piece that directly follows this one in the file (line numbers of its malformed
     * examples are shifted by this piece's lines). Neither this nor {@code next} may be used afterwards.
     *
     * @return the merged partial result
     */
    public PartialResult merge(PartialResult next) {
        Objects.requireNonNull(next, "next");
        if (next == this) {
            throw new IllegalArgumentException("cannot merge a partial result with itself");
        }
        PartialResult merged = new PartialResult(live().merge(next.live()));
        state = null;
        next.state = null;
        return merged;
    }

    /** Records counted so far. */
    public long records() {
        return live().records();
    }

    /** Lines counted so far. */
    public long lines() {
        return live().lines();
    }

    /**
     * Writes this partial result in a compact, versioned binary form (counts, exact keys or sketches), so that pieces
     * analysed in other processes can be merged. The plan decided on the file's first bytes is not written: read it
     * back with {@link #readFrom} and the {@link ChunkContext} of the same file. The caller closes the stream.
     */
    public void writeTo(OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        live().writeTo(out);
    }

    /**
     * Reads a partial result written by {@link #writeTo}.
     *
     * @param in      the serialized form; the caller closes it
     * @param context the context of the file the piece belongs to
     * @throws IOException when the bytes are not a partial result of this version, or were made for another file's
     *                     format
     */
    public static PartialResult readFrom(InputStream in, ChunkContext context) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(context, "context");
        return new PartialResult(Analysis.readState(in, context.detection()));
    }

    /** The result of everything merged into this piece. */
    public AnalysisResult toResult() {
        return live().toResult();
    }

    private Analysis.State live() {
        if (state == null) {
            throw new IllegalStateException("this partial result was merged into another and can no longer be used");
        }
        return state;
    }
}

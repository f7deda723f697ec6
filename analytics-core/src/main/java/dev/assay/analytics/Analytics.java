package dev.assay.analytics;

import dev.assay.analytics.internal.Analysis;
import java.io.InputStream;
import java.util.Objects;

/**
 * Entry point of the analysis engine: one streaming pass over an input, with memory bounded whatever its size.
 *
 * <pre>{@code
 * try (InputStream in = Files.newInputStream(path)) {
 *     AnalysisResult result = Analytics.analyze(in, AnalysisOptions.defaults(), ProgressListener.NONE);
 *     String json = ResultJson.toJson(result, true);
 * }
 * }</pre>
 *
 * <p>The methods are thread-safe (each call has its own state); one call reads its stream on the calling thread.
 * Malformed records never end an analysis: they are counted and reported. Only input that cannot be read at all
 * ends with an {@link AnalysisException}. An exception thrown by the {@link ProgressListener} (for example a
 * {@link java.util.concurrent.CancellationException}) propagates unchanged.
 *
 * <p>For big files, {@link #prepareChunks}, {@link #recordBoundaries} and {@link #analyzeChunk} let several
 * workers analyse pieces of one file; {@link PartialResult#merge} combines them into the single-pass result.
 */
public final class Analytics {

    private Analytics() {
    }

    /**
     * Analyses a whole input in one pass. The caller closes the stream.
     *
     * @param input    the raw bytes (plain or gzip-compressed)
     * @param options  overrides and limits; {@link AnalysisOptions#defaults()} detects everything
     * @param listener hears progress at most about four times a second, on this thread
     * @throws AnalysisException when the input cannot be read (corrupt gzip, decompression bomb, I/O error)
     */
    public static AnalysisResult analyze(java.io.InputStream input, AnalysisOptions options, ProgressListener listener)
            throws AnalysisException {
        return analyzePartial(input, options, listener).toResult();
    }

    /**
     * Analyses a whole input as a mergeable partial result: {@code analyze} is {@code analyzePartial(...).toResult()}.
     */
    public static PartialResult analyzePartial(InputStream input, AnalysisOptions options, ProgressListener listener)
            throws AnalysisException {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(listener, "listener");
        return new PartialResult(Analysis.analyze(input, options, listener));
    }

    /**
     * Decides the format of a file from its first bytes (up to 64 KiB are read; the caller closes the stream), so
     * that its pieces can be analysed separately with the same decisions.
     */
    public static ChunkContext prepareChunks(InputStream head, AnalysisOptions options) throws AnalysisException {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(options, "options");
        return new ChunkContext(Analysis.detect(head, options));
    }

    /**
     * Analyses one piece of a file, cut at record boundaries (see {@link #recordBoundaries}).
     *
     * @param chunk      the raw bytes of the piece
     * @param context    the decisions made on the file's first bytes
     * @param firstChunk whether the piece starts at the beginning of the file (it then holds the header)
     */
    public static PartialResult analyzeChunk(InputStream chunk, ChunkContext context, boolean firstChunk,
                                             ProgressListener listener) throws AnalysisException {
        Objects.requireNonNull(chunk, "chunk");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(listener, "listener");
        return new PartialResult(Analysis.analyzeChunk(chunk, context.detection(), firstChunk, listener));
    }

    /**
     * Offsets at which a file can be cut into about {@code pieces} pieces without splitting a record: the first is 0
     * and the last is the file size. A file that cannot be split (compressed, UTF-16) gives {@code [0, size]}.
     * Quoted CSV fields may hold line breaks, so for delimited files the quotes are followed from the start (a cheap
     * byte scan); multi-line log entries are kept whole.
     */
    public static long[] recordBoundaries(SeekableInput input, ChunkContext context, int pieces)
            throws java.io.IOException {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(context, "context");
        if (pieces < 1) {
            throw new IllegalArgumentException("pieces must be at least 1");
        }
        return dev.assay.analytics.internal.Boundaries.find(input, context.detection(), pieces);
    }
}

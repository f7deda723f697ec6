package dev.assay.protocol;

/**
 * The part of a chunked job that a {@link JobRequested} asks for. A big file is cut at record boundaries into
 * {@code count} chunks: each {@link Kind#CHUNK} task analyses the bytes {@code [start, end)} of the file, and once
 * every chunk is done one {@link Kind#MERGE} task merges their partial results into the job's result.
 *
 * @param kind  what to do
 * @param index the chunk's position in the file, from 0 ({@code CHUNK} only)
 * @param count how many chunks the file was cut into
 * @param start the chunk's first byte ({@code CHUNK} only)
 * @param end   the offset after the chunk's last byte ({@code CHUNK} only)
 */
public record JobPart(Kind kind, int index, int count, long start, long end) {

    /** What a part of a chunked job does. */
    public enum Kind {
        /** Analyse one chunk and keep its partial result next to the upload. */
        CHUNK,
        /** Merge the partial results of all chunks and complete the job. */
        MERGE
    }

    /** The task of analysing chunk {@code index} of {@code count}, the bytes {@code [start, end)}. */
    public static JobPart chunk(int index, int count, long start, long end) {
        return new JobPart(Kind.CHUNK, index, count, start, end);
    }

    /** The task of merging the partial results of {@code count} chunks. */
    public static JobPart merge(int count) {
        return new JobPart(Kind.MERGE, 0, count, 0, 0);
    }
}

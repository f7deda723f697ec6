package dev.assay.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What a worker reports on a {@link JobEvent} when it has analysed one chunk of a chunked job and stored the chunk's
 * partial result. The gateway records it once per chunk, however often it arrives.
 *
 * @param index   the chunk's position in the file, from 0
 * @param count   how many chunks the file was cut into
 * @param bytes   the chunk's size in bytes
 * @param records the records counted in the chunk
 */
public record ChunkReport(int index, int count, long bytes, long records) {

    /** The index of the report that announces the cut itself, before any chunk is analysed. */
    private static final int CUT = -1;

    /**
     * Announces that the job was cut into {@code count} chunk tasks. From then on the broker guards the job: each
     * chunk task, and the merge after them, is acked only when done, so a piece lost with its worker is delivered
     * again and the job needs no lease.
     */
    public static ChunkReport cut(int count) {
        return new ChunkReport(CUT, count, 0, 0);
    }

    /** Whether this announces the cut rather than one analysed chunk. */
    @JsonIgnore
    public boolean isCut() {
        return index == CUT;
    }
}

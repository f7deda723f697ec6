package dev.assay.protocol;

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
}

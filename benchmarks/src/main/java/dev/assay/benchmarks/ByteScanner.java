package dev.assay.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A reference of what a byte-level loop on one thread can do: reads UTF-8 bytes in 1 MB blocks, finds field and
 * record boundaries (quote-aware: separators inside double quotes do not count) and counts events per value of one
 * column in an open-addressing table keyed by the raw bytes, hashed in place in the block, without creating a
 * String per record. Most bytes take one comparison: every separator, quote and line feed is below {@code '-'}.
 * It does not unescape quoted values, detect anything, or handle CR-only endings: it is a ceiling to compare the
 * engine with, not a parser to use.
 */
final class ByteScanner {

    private static final int BLOCK = 1 << 20;

    private final int column;
    private final ByteKeyTable table = new ByteKeyTable();
    private long events;
    private boolean header = true;

    /** @param column zero-based index of the counted column */
    ByteScanner(int column) {
        this.column = column;
    }

    /** Counts the data rows (after a header line) of the stream and the distinct values of the column. */
    Tally scan(InputStream in) throws IOException {
        byte[] block = new byte[BLOCK];
        int carried = 0;
        while (true) {
            int read = in.read(block, carried, block.length - carried);
            if (read < 0) {
                if (carried > 0) {
                    records(block, carried, true);
                }
                return new Tally(events, table.size());
            }
            int limit = carried + read;
            int consumed = records(block, limit, false);
            carried = limit - consumed;
            if (consumed == 0 && limit == block.length) {
                block = Arrays.copyOf(block, block.length * 2); // one record longer than the block
            } else {
                System.arraycopy(block, consumed, block, 0, carried);
            }
        }
    }

    /** Counts the complete records in {@code block[0, limit)}; returns where the first incomplete one starts. */
    private int records(byte[] block, int limit, boolean endOfInput) {
        int start = 0;
        while (start < limit) {
            int field = 0;
            int valueStart = column == 0 ? start : -1;
            int valueEnd = -1;
            boolean quoted = false;
            int i = start;
            for (; i < limit; i++) {
                byte b = block[i];
                if (b >= '-') {
                    continue;
                }
                if (b == '"') {
                    quoted = !quoted;
                } else if (quoted) {
                    continue;
                } else if (b == ',') {
                    if (field == column) {
                        valueEnd = i;
                    }
                    field++;
                    if (field == column) {
                        valueStart = i + 1;
                    }
                } else if (b == '\n') {
                    break;
                }
            }
            if (i == limit && !endOfInput) {
                return start;
            }
            if (field == column) {
                valueEnd = i;
            }
            if (header) {
                header = false;
            } else if (valueStart >= 0 && valueEnd >= valueStart) {
                table.increment(block, valueStart, valueEnd - valueStart);
                events++;
            }
            start = i + 1;
        }
        return limit;
    }

    /** Open addressing, linear probing; keys live in one growing byte arena. */
    private static final class ByteKeyTable {
        private int[] offsets = new int[1 << 15];
        private int[] lengths = new int[1 << 15];
        private long[] counts = new long[1 << 15];
        private byte[] arena = new byte[1 << 18];
        private int arenaSize;
        private int size;

        void increment(byte[] source, int from, int length) {
            int mask = offsets.length - 1;
            int slot = hash(source, from, length) & mask;
            while (lengths[slot] != 0) {
                int offset = offsets[slot];
                if (lengths[slot] == length + 1 && same(arena, offset, source, from, length)) {
                    counts[slot]++;
                    return;
                }
                slot = (slot + 1) & mask;
            }
            if (arenaSize + length > arena.length) {
                arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaSize + length));
            }
            System.arraycopy(source, from, arena, arenaSize, length);
            offsets[slot] = arenaSize;
            lengths[slot] = length + 1; // 0 marks an empty slot, so an empty key is stored as 1
            counts[slot] = 1;
            arenaSize += length;
            if (++size * 2 > offsets.length) {
                grow();
            }
        }

        int size() {
            return size;
        }

        private void grow() {
            int[] oldOffsets = offsets;
            int[] oldLengths = lengths;
            long[] oldCounts = counts;
            offsets = new int[oldOffsets.length * 2];
            lengths = new int[oldOffsets.length * 2];
            counts = new long[oldOffsets.length * 2];
            int mask = offsets.length - 1;
            for (int i = 0; i < oldOffsets.length; i++) {
                if (oldLengths[i] != 0) {
                    int slot = hash(arena, oldOffsets[i], oldLengths[i] - 1) & mask;
                    while (lengths[slot] != 0) {
                        slot = (slot + 1) & mask;
                    }
                    offsets[slot] = oldOffsets[i];
                    lengths[slot] = oldLengths[i];
                    counts[slot] = oldCounts[i];
                }
            }
        }

        /** A plain loop: for keys of a few bytes it beats the call into {@code Arrays.equals}. */
        private static boolean same(byte[] a, int aFrom, byte[] b, int bFrom, int length) {
            for (int i = 0; i < length; i++) {
                if (a[aFrom + i] != b[bFrom + i]) {
                    return false;
                }
            }
            return true;
        }

        private static int hash(byte[] bytes, int from, int length) {
            int h = 0x9E3779B9;
            for (int i = from; i < from + length; i++) {
                h = (h ^ bytes[i]) * 0x01000193;
            }
            return h ^ (h >>> 16);
        }
    }
}

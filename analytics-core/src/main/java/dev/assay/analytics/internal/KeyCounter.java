package dev.assay.analytics.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.memory.Memory;

/**
 * Counts occurrences of byte-string keys: exactly in an open-addressing table up to a cap, then with an HLL sketch
 * (distinct) and a frequent-items sketch (top values). Optionally keeps first/last timestamps per key (users).
 * Mergeable. Not thread-safe.
 */
final class KeyCounter {

    static final int HLL_LG_K = 12;
    private static final int FREQ_MAP = 1 << 12;

    private final int cap;
    private final int arenaCap;
    private final boolean times;
    /**
     * One row per slot, side by side so that a probe touches one cache line: hash, count (0 = empty slot), key
     * (up to 7 bytes inline, see {@link #INLINE}; else its offset in {@link #arena} in the upper 40 bits and its
     * length in the lower 24), then first and last time when times are kept.
     */
    private long[] table;
    private final int stride;
    private int slots;
    private byte[] arena = new byte[1024];
    private int arenaUsed;
    private int size;
    private int mask;

    private HllSketch hll;
    private ItemsSketch<String> frequent;

    /**
     * @param cap      distinct keys counted exactly
     * @param arenaCap bytes of distinct keys kept; past either cap the counter switches to sketches
     * @param times    whether to keep first and last times per key
     */
    KeyCounter(int cap, int arenaCap, boolean times) {
        this.cap = cap;
        this.arenaCap = arenaCap;
        this.times = times;
        this.stride = times ? 5 : 3;
        allocate(64);
    }

    private void allocate(int capacity) {
        table = new long[capacity * stride];
        slots = capacity;
        mask = capacity - 1;
        size = 0;
    }

    boolean isEstimate() {
        return hll != null;
    }

    /** Keys of up to 7 bytes are kept in the row itself: flag bit, length in bits 56-58, bytes in bits 0-55. */
    private static final long INLINE = 1L << 63;

    private static long inline(byte[] b, int s, int e) {
        long v = INLINE | ((long) (e - s) << 56);
        for (int i = s; i < e; i++) {
            v |= (b[i] & 0xFFL) << ((i - s) * 8);
        }
        return v;
    }

    private boolean keyEquals(int slot, byte[] b, int s, int e) {
        long ref = table[slot * stride + 2];
        if (ref < 0) {
            return e - s <= 7 && ref == inline(b, s, e);
        }
        int len = (int) (ref & 0xFFFFFF);
        int off = (int) (ref >>> 24);
        return len == e - s && Arrays.equals(arena, off, off + len, b, s, e);
    }

    private byte[] key(int slot) {
        long ref = table[slot * stride + 2];
        if (ref < 0) {
            byte[] k = new byte[(int) ((ref >>> 56) & 7)];
            for (int i = 0; i < k.length; i++) {
                k[i] = (byte) (ref >>> (i * 8));
            }
            return k;
        }
        int off = (int) (ref >>> 24);
        return Arrays.copyOfRange(arena, off, off + (int) (ref & 0xFFFFFF));
    }

    private String keyString(int slot) {
        return Bytes.str(key(slot));
    }

    /** Adds one occurrence of {@code b[s..e)}; {@code time} is epoch millis or {@link Long#MIN_VALUE}. */
    void add(byte[] b, int s, int e, long time) {
        long h = Bytes.hash(b, s, e);
        if (hll != null) {
            hll.update(h);
            frequent.update(Bytes.str(b, s, e));
            return;
        }
        long[] t = table;
        int i = (int) h & mask;
        while (true) {
            long count = t[i * stride + 1];
            if (count == 0) {
                break;
            }
            if (t[i * stride] == h && keyEquals(i, b, s, e)) {
                t[i * stride + 1] = count + 1;
                if (times && time != Long.MIN_VALUE) {
                    touch(i, time);
                }
                return;
            }
            i = (i + 1) & mask;
        }
        insert(i, b, s, e, h, 1, time, time);
    }

    private void touch(int i, long time) {
        if (table[i * stride + 3] == Long.MIN_VALUE || time < table[i * stride + 3]) {
            table[i * stride + 3] = time;
        }
        if (table[i * stride + 4] == Long.MIN_VALUE || time > table[i * stride + 4]) {
            table[i * stride + 4] = time;
        }
    }

    private void insert(int slot, byte[] b, int s, int e, long h, long count, long f, long l) {
        int len = e - s;
        long ref;
        if (len <= 7) {
            ref = inline(b, s, e);
        } else {
            if (arenaUsed + len > arenaCap) {
                toSketches();
                hll.update(h);
                frequent.update(Bytes.str(b, s, e), count);
                return;
            }
            if (arenaUsed + len > arena.length) {
                arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaUsed + len));
            }
            System.arraycopy(b, s, arena, arenaUsed, len);
            ref = ((long) arenaUsed << 24) | len;
            arenaUsed += len;
        }
        table[slot * stride] = h;
        table[slot * stride + 1] = count;
        table[slot * stride + 2] = ref;
        if (times) {
            table[slot * stride + 3] = f;
            table[slot * stride + 4] = l;
        }
        size++;
        if (size > cap) {
            toSketches();
        } else if (size * 2 > slots) {
            grow();
        }
    }

    private void put(byte[] key, long h, long count, long f, long l) {
        int i = (int) h & mask;
        while (table[i * stride + 1] != 0) {
            if (table[i * stride] == h && keyEquals(i, key, 0, key.length)) {
                table[i * stride + 1] += count;
                if (times) {
                    if (f != Long.MIN_VALUE) {
                        touch(i, f);
                    }
                    if (l != Long.MIN_VALUE) {
                        touch(i, l);
                    }
                }
                return;
            }
            i = (i + 1) & mask;
        }
        insert(i, key, 0, key.length, h, count, f, l);
    }

    private void grow() {
        long[] old = table;
        int oldSlots = slots;
        int n = size;
        allocate(oldSlots * 2);
        size = n;
        for (int j = 0; j < oldSlots; j++) {
            int from = j * stride;
            if (old[from + 1] != 0) {
                int i = (int) old[from] & mask;
                while (table[i * stride + 1] != 0) {
                    i = (i + 1) & mask;
                }
                System.arraycopy(old, from, table, i * stride, stride);
            }
        }
    }

    private void toSketches() {
        hll = new HllSketch(HLL_LG_K);
        frequent = new ItemsSketch<>(FREQ_MAP);
        for (int j = 0; j < slots; j++) {
            if (table[j * stride + 1] != 0) {
                hll.update(table[j * stride]);
                frequent.update(keyString(j), table[j * stride + 1]);
            }
        }
        table = null;
        arena = null;
        size = 0;
    }

    /** Adds the counts of {@code other} (which must have been built with the same cap and time setting). */
    void merge(KeyCounter other) {
        if (other.hll == null) {
            for (int j = 0; j < other.slots; j++) {
                long count = other.table[j * stride + 1];
                if (count == 0) {
                    continue;
                }
                if (hll != null) {
                    hll.update(other.table[j * stride]);
                    frequent.update(other.keyString(j), count);
                } else {
                    long f = times ? other.table[j * stride + 3] : Long.MIN_VALUE;
                    long l = times ? other.table[j * stride + 4] : Long.MIN_VALUE;
                    put(other.key(j), other.table[j * stride], count, f, l);
                }
            }
            return;
        }
        if (hll == null) {
            toSketches();
        }
        Union union = new Union(HLL_LG_K);
        union.update(hll);
        union.update(other.hll);
        hll = union.getResult();
        frequent.merge(other.frequent);
    }

    long distinct() {
        return hll != null ? Math.round(hll.getEstimate()) : size;
    }

    /** A key with its count and times; {@code count} is an estimate in sketch mode. */
    record Entry(String key, long count, long first, long last) {
    }

    /** The {@code n} most frequent keys, ties by key; estimates in sketch mode. */
    List<Entry> top(int n) {
        List<Entry> all = new ArrayList<>();
        if (hll != null) {
            for (ItemsSketch.Row<String> row : frequent.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES)) {
                all.add(new Entry(row.getItem(), row.getEstimate(), Long.MIN_VALUE, Long.MIN_VALUE));
            }
        } else {
            for (int j : topSlots(n)) {
                long f = times ? table[j * stride + 3] : Long.MIN_VALUE;
                long l = times ? table[j * stride + 4] : Long.MIN_VALUE;
                all.add(new Entry(keyString(j), table[j * stride + 1], f, l));
            }
        }
        all.sort(Comparator.comparingLong(Entry::count).reversed().thenComparing(Entry::key));
        return all.size() > n ? all.subList(0, n) : all;
    }

    private int[] topSlots(int n) {
        java.util.PriorityQueue<Integer> heap = new java.util.PriorityQueue<>((a, b) -> {
            long ca = table[a * stride + 1];
            long cb = table[b * stride + 1];
            return ca != cb ? Long.compare(ca, cb) : Arrays.compareUnsigned(key(b), key(a));
        });
        for (int j = 0; j < slots; j++) {
            if (table[j * stride + 1] != 0) {
                heap.add(j);
                if (heap.size() > n) {
                    heap.poll();
                }
            }
        }
        return heap.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Counts of every key (exact mode only), for histograms. */
    long[] allCounts() {
        if (hll != null) {
            return new long[0];
        }
        long[] out = new long[size];
        int i = 0;
        for (int j = 0; j < slots; j++) {
            if (table[j * stride + 1] != 0) {
                out[i++] = table[j * stride + 1];
            }
        }
        return out;
    }

    /** Writes the counts: each key with its count (and times) in exact mode, else both sketches. */
    void writeTo(DataOutputStream out) throws IOException {
        out.writeBoolean(hll != null);
        if (hll != null) {
            StateCodec.writeBytes(out, hll.toCompactByteArray());
            StateCodec.writeBytes(out, frequent.toByteArray(new ArrayOfStringsSerDe()));
            return;
        }
        out.writeInt(size);
        for (int j = 0; j < slots; j++) {
            if (table[j * stride + 1] != 0) {
                StateCodec.writeBytes(out, key(j));
                out.writeLong(table[j * stride + 1]);
                if (times) {
                    out.writeLong(table[j * stride + 3]);
                    out.writeLong(table[j * stride + 4]);
                }
            }
        }
    }

    /** Restores what {@link #writeTo} wrote into this new, empty counter (made with the same cap and time setting). */
    void readFrom(DataInputStream in) throws IOException {
        if (in.readBoolean()) {
            hll = HllSketch.heapify(StateCodec.readBytes(in));
            frequent = ItemsSketch.getInstance(Memory.wrap(StateCodec.readBytes(in)), new ArrayOfStringsSerDe());
            table = null;
            arena = null;
            size = 0;
            return;
        }
        int n = StateCodec.readCount(in);
        for (int i = 0; i < n; i++) {
            byte[] key = StateCodec.readBytes(in);
            long count = in.readLong();
            long f = times ? in.readLong() : Long.MIN_VALUE;
            long l = times ? in.readLong() : Long.MIN_VALUE;
            put(key, Bytes.hash(key, 0, key.length), count, f, l);
        }
    }
}

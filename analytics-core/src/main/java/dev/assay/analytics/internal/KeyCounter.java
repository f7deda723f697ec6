package dev.assay.analytics.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;

/**
 * Counts occurrences of byte-string keys: exactly in an open-addressing table up to a cap, then with an HLL sketch
 * (distinct) and a frequent-items sketch (top values). Optionally keeps first/last timestamps per key (users).
 * Mergeable. Not thread-safe.
 */
final class KeyCounter {

    static final int HLL_LG_K = 12;
    private static final int FREQ_MAP = 1 << 12;

    private final int cap;
    private final boolean times;
    /** Per slot: hash at 2j, count at 2j+1 (0 = empty), side by side so that a probe touches one cache line. */
    private long[] table;
    /** Per slot: offset of the key in {@link #arena} (upper 40 bits) and its length (lower 24 bits). */
    private long[] refs;
    private long[] first;
    private long[] last;
    private byte[] arena = new byte[1024];
    private int arenaUsed;
    private int size;
    private int mask;

    private HllSketch hll;
    private ItemsSketch<String> frequent;

    KeyCounter(int cap, boolean times) {
        this.cap = cap;
        this.times = times;
        allocate(64);
    }

    private void allocate(int capacity) {
        table = new long[capacity * 2];
        refs = new long[capacity];
        if (times) {
            first = new long[capacity];
            last = new long[capacity];
        }
        mask = capacity - 1;
        size = 0;
    }

    boolean isEstimate() {
        return hll != null;
    }

    private boolean keyEquals(int slot, byte[] b, int s, int e) {
        long ref = refs[slot];
        int len = (int) (ref & 0xFFFFFF);
        int off = (int) (ref >>> 24);
        return len == e - s && Arrays.equals(arena, off, off + len, b, s, e);
    }

    private byte[] key(int slot) {
        long ref = refs[slot];
        int off = (int) (ref >>> 24);
        return Arrays.copyOfRange(arena, off, off + (int) (ref & 0xFFFFFF));
    }

    private String keyString(int slot) {
        long ref = refs[slot];
        return Bytes.str(arena, (int) (ref >>> 24), (int) (ref >>> 24) + (int) (ref & 0xFFFFFF));
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
            long count = t[2 * i + 1];
            if (count == 0) {
                break;
            }
            if (t[2 * i] == h && keyEquals(i, b, s, e)) {
                t[2 * i + 1] = count + 1;
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
        if (first[i] == Long.MIN_VALUE || time < first[i]) {
            first[i] = time;
        }
        if (last[i] == Long.MIN_VALUE || time > last[i]) {
            last[i] = time;
        }
    }

    private void insert(int slot, byte[] b, int s, int e, long h, long count, long f, long l) {
        int len = e - s;
        if (arenaUsed + len > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaUsed + len));
        }
        System.arraycopy(b, s, arena, arenaUsed, len);
        table[2 * slot] = h;
        table[2 * slot + 1] = count;
        refs[slot] = ((long) arenaUsed << 24) | len;
        arenaUsed += len;
        if (times) {
            first[slot] = f;
            last[slot] = l;
        }
        size++;
        if (size > cap) {
            toSketches();
        } else if (size * 2 > refs.length) {
            grow();
        }
    }

    private void put(byte[] key, long h, long count, long f, long l) {
        int i = (int) h & mask;
        while (table[2 * i + 1] != 0) {
            if (table[2 * i] == h && keyEquals(i, key, 0, key.length)) {
                table[2 * i + 1] += count;
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
        long[] oldTable = table;
        long[] oldRefs = refs;
        long[] oldFirst = first;
        long[] oldLast = last;
        int n = size;
        allocate(oldRefs.length * 2);
        size = n;
        for (int j = 0; j < oldRefs.length; j++) {
            if (oldTable[2 * j + 1] != 0) {
                int i = (int) oldTable[2 * j] & mask;
                while (table[2 * i + 1] != 0) {
                    i = (i + 1) & mask;
                }
                table[2 * i] = oldTable[2 * j];
                table[2 * i + 1] = oldTable[2 * j + 1];
                refs[i] = oldRefs[j];
                if (times) {
                    first[i] = oldFirst[j];
                    last[i] = oldLast[j];
                }
            }
        }
    }

    private void toSketches() {
        hll = new HllSketch(HLL_LG_K);
        frequent = new ItemsSketch<>(FREQ_MAP);
        for (int j = 0; j < refs.length; j++) {
            if (table[2 * j + 1] != 0) {
                hll.update(table[2 * j]);
                frequent.update(keyString(j), table[2 * j + 1]);
            }
        }
        table = null;
        refs = null;
        first = null;
        last = null;
        arena = null;
        size = 0;
    }

    /** Adds the counts of {@code other} (which must have been built with the same cap and time setting). */
    void merge(KeyCounter other) {
        if (other.hll == null) {
            for (int j = 0; j < other.refs.length; j++) {
                long count = other.table[2 * j + 1];
                if (count == 0) {
                    continue;
                }
                if (hll != null) {
                    hll.update(other.table[2 * j]);
                    frequent.update(other.keyString(j), count);
                } else {
                    put(other.key(j), other.table[2 * j], count,
                            times ? other.first[j] : Long.MIN_VALUE, times ? other.last[j] : Long.MIN_VALUE);
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
                all.add(new Entry(keyString(j), table[2 * j + 1], times ? first[j] : Long.MIN_VALUE,
                        times ? last[j] : Long.MIN_VALUE));
            }
        }
        all.sort(Comparator.comparingLong(Entry::count).reversed().thenComparing(Entry::key));
        return all.size() > n ? all.subList(0, n) : all;
    }

    private int[] topSlots(int n) {
        java.util.PriorityQueue<Integer> heap = new java.util.PriorityQueue<>((a, b) -> {
            long ca = table[2 * a + 1];
            long cb = table[2 * b + 1];
            return ca != cb ? Long.compare(ca, cb) : Arrays.compareUnsigned(key(b), key(a));
        });
        for (int j = 0; j < refs.length; j++) {
            if (table[2 * j + 1] != 0) {
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
        for (int j = 0; j < refs.length; j++) {
            if (table[2 * j + 1] != 0) {
                out[i++] = table[2 * j + 1];
            }
        }
        return out;
    }
}

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
    private byte[][] keys;
    private long[] hashes;
    private long[] counts;
    private long[] first;
    private long[] last;
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
        keys = new byte[capacity][];
        hashes = new long[capacity];
        counts = new long[capacity];
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

    /** Adds one occurrence of {@code b[s..e)}; {@code time} is epoch millis or {@link Long#MIN_VALUE}. */
    void add(byte[] b, int s, int e, long time) {
        long h = Bytes.hash(b, s, e);
        if (hll != null) {
            hll.update(h);
            frequent.update(Bytes.str(b, s, e));
            return;
        }
        int i = (int) h & mask;
        while (true) {
            byte[] k = keys[i];
            if (k == null) {
                break;
            }
            if (hashes[i] == h && Bytes.equals(k, b, s, e)) {
                counts[i]++;
                if (times && time != Long.MIN_VALUE) {
                    touch(i, time);
                }
                return;
            }
            i = (i + 1) & mask;
        }
        insert(i, Arrays.copyOfRange(b, s, e), h, 1, time, time);
    }

    private void touch(int i, long time) {
        if (first[i] == Long.MIN_VALUE || time < first[i]) {
            first[i] = time;
        }
        if (last[i] == Long.MIN_VALUE || time > last[i]) {
            last[i] = time;
        }
    }

    private void insert(int slot, byte[] key, long h, long count, long f, long l) {
        keys[slot] = key;
        hashes[slot] = h;
        counts[slot] = count;
        if (times) {
            first[slot] = f;
            last[slot] = l;
        }
        size++;
        if (size > cap) {
            toSketches();
        } else if (size * 2 > keys.length) {
            grow();
        }
    }

    private void put(byte[] key, long h, long count, long f, long l) {
        int i = (int) h & mask;
        while (keys[i] != null) {
            if (hashes[i] == h && Arrays.equals(keys[i], key)) {
                counts[i] += count;
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
        insert(i, key, h, count, f, l);
    }

    private void grow() {
        byte[][] oldKeys = keys;
        long[] oldHashes = hashes;
        long[] oldCounts = counts;
        long[] oldFirst = first;
        long[] oldLast = last;
        allocate(oldKeys.length * 2);
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != null) {
                int i = (int) oldHashes[j] & mask;
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                hashes[i] = oldHashes[j];
                counts[i] = oldCounts[j];
                if (times) {
                    first[i] = oldFirst[j];
                    last[i] = oldLast[j];
                }
                size++;
            }
        }
    }

    private void toSketches() {
        hll = new HllSketch(HLL_LG_K);
        frequent = new ItemsSketch<>(FREQ_MAP);
        for (int j = 0; j < keys.length; j++) {
            if (keys[j] != null) {
                hll.update(hashes[j]);
                frequent.update(Bytes.str(keys[j]), counts[j]);
            }
        }
        keys = null;
        hashes = null;
        counts = null;
        first = null;
        last = null;
        size = 0;
    }

    /** Adds the counts of {@code other} (which must have been built with the same cap and time setting). */
    void merge(KeyCounter other) {
        if (other.hll == null) {
            for (int j = 0; j < other.keys.length; j++) {
                if (other.keys[j] == null) {
                    continue;
                }
                if (hll != null) {
                    hll.update(other.hashes[j]);
                    frequent.update(Bytes.str(other.keys[j]), other.counts[j]);
                } else {
                    put(other.keys[j], other.hashes[j], other.counts[j],
                            times ? other.first[j] : 0, times ? other.last[j] : 0);
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
            long[] order = topSlots(n);
            for (long slot : order) {
                int j = (int) slot;
                all.add(new Entry(Bytes.str(keys[j]), counts[j], times ? first[j] : Long.MIN_VALUE,
                        times ? last[j] : Long.MIN_VALUE));
            }
        }
        all.sort(Comparator.comparingLong(Entry::count).reversed().thenComparing(Entry::key));
        return all.size() > n ? all.subList(0, n) : all;
    }

    private long[] topSlots(int n) {
        java.util.PriorityQueue<Integer> heap = new java.util.PriorityQueue<>(
                (a, b) -> counts[a] != counts[b] ? Long.compare(counts[a], counts[b])
                        : Arrays.compareUnsigned(keys[b], keys[a]));
        for (int j = 0; j < keys.length; j++) {
            if (keys[j] != null) {
                heap.add(j);
                if (heap.size() > n) {
                    heap.poll();
                }
            }
        }
        long[] out = new long[heap.size()];
        int i = 0;
        for (int slot : heap) {
            out[i++] = slot;
        }
        return out;
    }

    /** Counts of every key (exact mode only), for histograms. */
    long[] allCounts() {
        if (hll != null) {
            return new long[0];
        }
        long[] out = new long[size];
        int i = 0;
        for (int j = 0; j < keys.length; j++) {
            if (keys[j] != null) {
                out[i++] = counts[j];
            }
        }
        return out;
    }
}

package dev.assay.analytics.internal;

import dev.assay.analytics.AnalysisResult;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Event counts per time bucket. Buckets start at one second and coarsen through nested widths when there are too
 * many, so memory stays bounded and partial timelines merge exactly. Not thread-safe.
 */
final class TimelineStats {

    private static final long[] WIDTHS = {1_000L, 10_000L, 30_000L, 60_000L, 300_000L, 900_000L, 3_600_000L,
            21_600_000L, 86_400_000L, 604_800_000L, 2_419_200_000L, 31_449_600_000L, 314_496_000_000L};
    private static final String[] NAMES = {"PT1S", "PT10S", "PT30S", "PT1M", "PT5M", "PT15M", "PT1H", "PT6H",
            "P1D", "P7D", "P28D", "P364D", "P3640D"};
    private static final int MAX_STORED = 4096;
    private static final int MAX_SHOWN = 120;

    private int level;
    private final Map<Long, long[]> counts = new HashMap<>();
    private long cachedKey = Long.MIN_VALUE;
    private long cachedCount;

    void add(long epochMillis) {
        long key = Math.floorDiv(epochMillis, WIDTHS[level]);
        if (key == cachedKey) {
            cachedCount++;
            return;
        }
        flush();
        cachedKey = Math.floorDiv(epochMillis, WIDTHS[level]);
        cachedCount = 1;
    }

    private void flush() {
        if (cachedCount > 0) {
            counts.computeIfAbsent(cachedKey, k -> new long[1])[0] += cachedCount;
            cachedCount = 0;
            cachedKey = Long.MIN_VALUE;
            while (counts.size() > MAX_STORED && level < WIDTHS.length - 1) {
                coarsen(level + 1);
            }
        }
    }

    private void coarsen(int to) {
        if (to <= level) {
            return;
        }
        long factor = WIDTHS[to] / WIDTHS[level];
        Map<Long, long[]> old = new HashMap<>(counts);
        counts.clear();
        for (Map.Entry<Long, long[]> e : old.entrySet()) {
            counts.computeIfAbsent(Math.floorDiv(e.getKey(), factor), k -> new long[1])[0] += e.getValue()[0];
        }
        level = to;
    }

    boolean isEmpty() {
        flush();
        return counts.isEmpty();
    }

    void merge(TimelineStats o) {
        flush();
        o.flush();
        int to = Math.max(level, o.level);
        coarsen(to);
        long factor = WIDTHS[to] / WIDTHS[o.level];
        for (Map.Entry<Long, long[]> e : o.counts.entrySet()) {
            counts.computeIfAbsent(Math.floorDiv(e.getKey(), factor), k -> new long[1])[0] += e.getValue()[0];
        }
        while (counts.size() > MAX_STORED && level < WIDTHS.length - 1) {
            coarsen(level + 1);
        }
    }

    AnalysisResult.Timeline toResult(String column) {
        flush();
        if (counts.isEmpty()) {
            return null;
        }
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (long k : counts.keySet()) {
            lo = Math.min(lo, k);
            hi = Math.max(hi, k);
        }
        int shown = level;
        long minMs = lo * WIDTHS[level];
        long maxMs = hi * WIDTHS[level];
        while (shown < WIDTHS.length - 1 && (Math.floorDiv(maxMs, WIDTHS[shown]) - Math.floorDiv(minMs, WIDTHS[shown])) >= MAX_SHOWN) {
            shown++;
        }
        long factor = WIDTHS[shown] / WIDTHS[level];
        long first = Math.floorDiv(lo, factor);
        long last = Math.floorDiv(hi, factor);
        long[] bucket = new long[(int) (last - first + 1)];
        for (Map.Entry<Long, long[]> e : counts.entrySet()) {
            bucket[(int) (Math.floorDiv(e.getKey(), factor) - first)] += e.getValue()[0];
        }
        List<AnalysisResult.Bucket> out = new ArrayList<>(bucket.length);
        for (int i = 0; i < bucket.length; i++) {
            out.add(new AnalysisResult.Bucket(Timestamps.isoInstant((first + i) * WIDTHS[shown]), bucket[i]));
        }
        return new AnalysisResult.Timeline(column, NAMES[shown], out);
    }

    void writeTo(DataOutputStream out) throws IOException {
        flush();
        out.writeInt(level);
        out.writeInt(counts.size());
        for (Map.Entry<Long, long[]> e : counts.entrySet()) {
            out.writeLong(e.getKey());
            out.writeLong(e.getValue()[0]);
        }
    }

    /** Restores what {@link #writeTo} wrote into this new timeline. */
    void readFrom(DataInputStream in) throws IOException {
        level = in.readInt();
        if (level < 0 || level >= WIDTHS.length) {
            throw new IOException("Corrupt serialized partial result: timeline level " + level);
        }
        int n = StateCodec.readCount(in);
        for (int i = 0; i < n; i++) {
            counts.put(in.readLong(), new long[] {in.readLong()});
        }
    }
}

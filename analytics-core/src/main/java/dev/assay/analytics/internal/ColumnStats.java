package dev.assay.analytics.internal;

import dev.assay.analytics.AnalysisResult;
import java.util.ArrayList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/** Profile state of one column: nulls, type evidence, numeric and temporal ranges, value counts. Mergeable. */
final class ColumnStats {

    private static final int KLL_K = 200;

    final String name;
    private final Values parser;
    private final byte[][] nullTokens;
    private long nonNull;
    private long nulls;
    private int mask = Values.ALL;
    private int flags;
    private final boolean epochHint;

    private long numCount;
    private double mean;
    private double m2;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private KllDoublesSketch kll;

    private long tMin = Long.MAX_VALUE;
    private long tMax = Long.MIN_VALUE;
    private long dmyMin = Long.MAX_VALUE;
    private long dmyMax = Long.MIN_VALUE;

    private byte[] sMin;
    private byte[] sMax;
    private final KeyCounter values;

    ColumnStats(String name, Settings settings) {
        this.name = name;
        this.epochHint = Settings.looksLikeTime(name);
        this.parser = new Values(settings.decimalComma, epochHint, settings.assumedYear);
        this.nullTokens = settings.nullTokens;
        this.values = new KeyCounter(settings.columnCap, settings.columnArenaBytes, false);
    }

    void add(byte[] b, int s, int e) {
        while (s < e && b[s] == ' ') {
            s++;
        }
        while (e > s && b[e - 1] == ' ') {
            e--;
        }
        if (s == e || isNullToken(b, s, e)) {
            nulls++;
            return;
        }
        nonNull++;
        if (mask != 0) {
            int m = parser.classify(b, s, e, mask);
            mask &= m;
            int f = parser.flags;
            flags |= f;
            if ((mask & (Values.INT | Values.DEC)) != 0 && (f & Values.F_NONFINITE) == 0) {
                addNumber(parser.number);
            }
            if ((mask & Values.TS) != 0) {
                addInstant(parser.epochMillis, (f & Values.F_SLASH) != 0 ? parser.epochMillisDmy : Long.MIN_VALUE);
            }
        }
        values.add(b, s, e, Long.MIN_VALUE);
        if (sMin == null || Bytes.compare(sMin, b, s, e) > 0) {
            sMin = java.util.Arrays.copyOfRange(b, s, e);
        }
        if (sMax == null || Bytes.compare(sMax, b, s, e) < 0) {
            sMax = java.util.Arrays.copyOfRange(b, s, e);
        }
    }

    private boolean isNullToken(byte[] b, int s, int e) {
        for (byte[] t : nullTokens) {
            if (Bytes.equals(t, b, s, e)) {
                return true;
            }
        }
        return false;
    }

    private void addNumber(double x) {
        numCount++;
        double delta = x - mean;
        mean += delta / numCount;
        m2 += delta * (x - mean);
        if (x < min) {
            min = x;
        }
        if (x > max) {
            max = x;
        }
        if (kll == null) {
            kll = KllDoublesSketch.newHeapInstance(KLL_K);
        }
        kll.update(x);
    }

    private void addInstant(long mdy, long dmy) {
        if (mdy != Long.MIN_VALUE) {
            tMin = Math.min(tMin, mdy);
            tMax = Math.max(tMax, mdy);
        }
        if (dmy != Long.MIN_VALUE) {
            dmyMin = Math.min(dmyMin, dmy);
            dmyMax = Math.max(dmyMax, dmy);
        }
    }

    void merge(ColumnStats o) {
        nulls += o.nulls;
        nonNull += o.nonNull;
        mask &= o.mask;
        flags |= o.flags;
        if (o.numCount > 0) {
            long n = numCount + o.numCount;
            double delta = o.mean - mean;
            mean += delta * o.numCount / n;
            m2 += o.m2 + delta * delta * ((double) numCount * o.numCount / n);
            numCount = n;
            min = Math.min(min, o.min);
            max = Math.max(max, o.max);
            if (kll == null) {
                kll = KllDoublesSketch.newHeapInstance(KLL_K);
            }
            kll.merge(o.kll);
        }
        tMin = Math.min(tMin, o.tMin);
        tMax = Math.max(tMax, o.tMax);
        dmyMin = Math.min(dmyMin, o.dmyMin);
        dmyMax = Math.max(dmyMax, o.dmyMax);
        if (o.sMin != null && (sMin == null || java.util.Arrays.compareUnsigned(o.sMin, sMin) < 0)) {
            sMin = o.sMin;
        }
        if (o.sMax != null && (sMax == null || java.util.Arrays.compareUnsigned(o.sMax, sMax) > 0)) {
            sMax = o.sMax;
        }
        values.merge(o.values);
    }

    /** Whether the column's values so far are all instants (used to pick a timestamp column). */
    boolean isTemporal() {
        return nonNull > 0 && (mask & Values.TS) != 0 && (mask & Values.INT) == 0 || nonNull > 0 && epochHint && (mask & Values.TS) != 0;
    }

    AnalysisResult.Column toResult(List<String> warnings) {
        String type = "string";
        boolean groupingConflict = (flags & Values.F_GROUPED) != 0 && (flags & Values.F_PLAIN_LARGE) != 0;
        if (nonNull > 0) {
            if ((mask & Values.BOOL) != 0) {
                type = "boolean";
            } else if ((mask & Values.DATE) != 0) {
                type = "date";
            } else if (epochHint && (mask & Values.TS) != 0) {
                type = "timestamp";
            } else if ((mask & (Values.INT | Values.DEC)) != 0) {
                if (groupingConflict) {
                    warnings.add("Column '" + name + "' mixes numbers with and without thousands separators; kept as text.");
                } else {
                    type = (mask & Values.INT) != 0 ? "integer" : "decimal";
                }
            } else if ((mask & Values.TS) != 0) {
                type = "timestamp";
            }
        }
        boolean slash = (flags & Values.F_SLASH) != 0 && (type.equals("date") || type.equals("timestamp"));
        boolean dmy = false;
        if (slash) {
            boolean sawDmy = (flags & Values.F_DMY) != 0;
            boolean sawMdy = (flags & Values.F_MDY) != 0;
            if (sawDmy && sawMdy) {
                warnings.add("Column '" + name + "' mixes day/month and month/day dates; kept as text.");
                type = "string";
            } else if (sawDmy) {
                dmy = true;
            } else if (!sawMdy) {
                warnings.add("Column '" + name + "' has dates like 01/02/2020 that fit both day/month and month/day order; assumed month/day.");
            }
        }
        if ((flags & Values.F_NO_YEAR) != 0 && type.equals("timestamp")) {
            warnings.add("Column '" + name + "' has timestamps without a year; assumed " + parser.assumedYear() + ".");
        }
        Object lo = null;
        Object hi = null;
        Double avg = null;
        Double sd = null;
        AnalysisResult.Quantiles q = null;
        switch (type) {
            case "integer", "decimal" -> {
                if (numCount > 0) {
                    lo = type.equals("integer") ? (Object) (long) min : (Object) min;
                    hi = type.equals("integer") ? (Object) (long) max : (Object) max;
                    avg = mean;
                    sd = Math.sqrt(m2 / numCount);
                    q = new AnalysisResult.Quantiles(kll.getQuantile(0.5), kll.getQuantile(0.9), kll.getQuantile(0.99));
                }
            }
            case "date" -> {
                long a = dmy ? dmyMin : tMin;
                long z = dmy ? dmyMax : tMax;
                if (a != Long.MAX_VALUE) {
                    lo = Timestamps.isoDate(a);
                    hi = Timestamps.isoDate(z);
                }
            }
            case "timestamp" -> {
                long a = dmy ? dmyMin : tMin;
                long z = dmy ? dmyMax : tMax;
                if (a != Long.MAX_VALUE) {
                    lo = Timestamps.isoInstant(a);
                    hi = Timestamps.isoInstant(z);
                }
            }
            default -> {
                lo = sMin == null ? null : Bytes.str(sMin);
                hi = sMax == null ? null : Bytes.str(sMax);
            }
        }
        List<AnalysisResult.ValueCount> top = new ArrayList<>();
        for (KeyCounter.Entry entry : values.top(10)) {
            top.add(new AnalysisResult.ValueCount(entry.key(), entry.count()));
        }
        return new AnalysisResult.Column(name, type, nulls, values.distinct(), values.isEstimate(), lo, hi, avg, sd, q, top);
    }

    void writeTo(DataOutputStream out) throws IOException {
        out.writeLong(nonNull);
        out.writeLong(nulls);
        out.writeInt(mask);
        out.writeInt(flags);
        out.writeLong(numCount);
        out.writeDouble(mean);
        out.writeDouble(m2);
        out.writeDouble(min);
        out.writeDouble(max);
        StateCodec.writeNullableBytes(out, kll == null ? null : kll.toByteArray());
        out.writeLong(tMin);
        out.writeLong(tMax);
        out.writeLong(dmyMin);
        out.writeLong(dmyMax);
        StateCodec.writeNullableBytes(out, sMin);
        StateCodec.writeNullableBytes(out, sMax);
        values.writeTo(out);
    }

    /** Restores what {@link #writeTo} wrote into this new column. */
    void readFrom(DataInputStream in) throws IOException {
        nonNull = in.readLong();
        nulls = in.readLong();
        mask = in.readInt();
        flags = in.readInt();
        numCount = in.readLong();
        mean = in.readDouble();
        m2 = in.readDouble();
        min = in.readDouble();
        max = in.readDouble();
        byte[] sketch = StateCodec.readNullableBytes(in);
        kll = sketch == null ? null : KllDoublesSketch.heapify(Memory.wrap(sketch));
        tMin = in.readLong();
        tMax = in.readLong();
        dmyMin = in.readLong();
        dmyMax = in.readLong();
        sMin = StateCodec.readNullableBytes(in);
        sMax = StateCodec.readNullableBytes(in);
        values.readFrom(in);
    }
}

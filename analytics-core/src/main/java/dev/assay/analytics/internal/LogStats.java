package dev.assay.analytics.internal;

import dev.assay.analytics.AnalysisResult;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Access-log and application-log statistics. Mergeable; not thread-safe. */
final class LogStats {

    final KeyCounter status;
    final KeyCounter methods;
    final KeyCounter levels;
    final KeyCounter paths;
    long bytes;
    long entries;
    long errors;

    LogStats(int cap) {
        status = new KeyCounter(cap, 8 << 20, false);
        methods = new KeyCounter(cap, 8 << 20, false);
        levels = new KeyCounter(cap, 8 << 20, false);
        paths = new KeyCounter(cap, 8 << 20, false);
    }

    void merge(LogStats o) {
        status.merge(o.status);
        methods.merge(o.methods);
        levels.merge(o.levels);
        paths.merge(o.paths);
        bytes += o.bytes;
        entries += o.entries;
        errors += o.errors;
    }

    AnalysisResult.LogStats toResult() {
        return new AnalysisResult.LogStats(list(status, 100), list(methods, 20), list(levels, 20), list(paths, 20),
                bytes, entries == 0 ? 0.0 : (double) errors / entries);
    }

    private static List<AnalysisResult.ValueCount> list(KeyCounter c, int n) {
        List<AnalysisResult.ValueCount> out = new ArrayList<>();
        for (KeyCounter.Entry e : c.top(n)) {
            out.add(new AnalysisResult.ValueCount(e.key(), e.count()));
        }
        return out;
    }

    void writeTo(DataOutputStream out) throws IOException {
        for (KeyCounter c : List.of(status, methods, levels, paths)) {
            c.writeTo(out);
        }
        out.writeLong(bytes);
        out.writeLong(entries);
        out.writeLong(errors);
    }

    /** Restores what {@link #writeTo} wrote into these new statistics. */
    void readFrom(DataInputStream in) throws IOException {
        for (KeyCounter c : List.of(status, methods, levels, paths)) {
            c.readFrom(in);
        }
        bytes = in.readLong();
        entries = in.readLong();
        errors = in.readLong();
    }
}

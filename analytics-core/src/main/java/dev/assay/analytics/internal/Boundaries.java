package dev.assay.analytics.internal;

import dev.assay.analytics.SeekableInput;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Finds offsets where a file can be cut without splitting a record. Not an API. */
public final class Boundaries {

    private static final int MAX_APP_LOOKAHEAD = 16 << 20;

    private Boundaries() {
    }

    public static long[] find(SeekableInput input, Analysis.Detection detection, int pieces) throws IOException {
        long size = input.size();
        Plan plan = detection.plan;
        if (!plan.splittable() || pieces == 1 || size == 0) {
            return new long[] {0, size};
        }
        List<Long> cuts = new ArrayList<>();
        cuts.add(0L);
        if (plan.delimited()) {
            quoteAware(input, size, pieces, cuts, dataStart(input, plan));
        } else {
            for (int i = 1; i < pieces; i++) {
                long target = size * i / pieces;
                if (target <= cuts.get(cuts.size() - 1)) {
                    continue;
                }
                long cut = plan.kind.equals("log/app") ? nextEntry(input, target, size) : nextLine(input, target, size);
                if (cut > cuts.get(cuts.size() - 1) && cut < size) {
                    cuts.add(cut);
                }
            }
        }
        cuts.add(size);
        return cuts.stream().mapToLong(Long::longValue).distinct().toArray();
    }

    /** The offset just after the first line ending at or after {@code from - 1}... i.e. the next line start. */
    private static long nextLine(SeekableInput input, long from, long size) throws IOException {
        try (InputStream in = new BufferedInputStream(input.openAt(from - 1), 1 << 16)) {
            long pos = from - 1;
            int b;
            while ((b = in.read()) >= 0) {
                pos++;
                if (b == '\n') {
                    return pos;
                }
                if (b == '\r') {
                    int next = in.read();
                    return next == '\n' ? pos + 1 : pos;
                }
            }
            return size;
        }
    }

    /** The start of the first line at or after {@code from} that begins an application log entry. */
    private static long nextEntry(SeekableInput input, long from, long size) throws IOException {
        long pos = nextLine(input, from, size);
        try (InputStream in = new BufferedInputStream(input.openAt(pos), 1 << 16)) {
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            long lineStart = pos;
            long scanned = 0;
            int b;
            while ((b = in.read()) >= 0 && scanned < MAX_APP_LOOKAHEAD) {
                pos++;
                scanned++;
                if (b == '\n' || b == '\r') {
                    if (LogFormats.APP.matcher(line.toString(StandardCharsets.UTF_8)).matches()) {
                        return lineStart;
                    }
                    line.reset();
                    if (b == '\r') {
                        in.mark(1);
                        if (in.read() == '\n') {
                            pos++;
                        } else {
                            in.reset();
                        }
                    }
                    lineStart = pos;
                } else if (line.size() < 512) {
                    line.write(b);
                }
            }
            return size;
        }
    }

    /** One sequential scan following quotes: a cut goes after the first record end past each target. */
    /** Where the first data record starts: after the BOM, leading comments, empty lines and the header. */
    private static long dataStart(SeekableInput input, Plan plan) throws IOException {
        if (!plan.hasHeader) {
            return 0;
        }
        try (InputStream in = input.openAt(0)) {
            int bom = plan.bom ? (int) in.skip(3) : 0;
            CsvReader r = new CsvReader(in, plan.delimiter, 1 << 16, Engine.MAX_RECORD_BYTES);
            while (r.next()) {
                boolean comment = plan.commentByte != 0 && r.fieldCount > 0 && r.ends[0] > r.starts[0]
                        && r.buf[r.starts[0]] == plan.commentByte;
                if (!comment && !r.isEmptyLine()) {
                    return bom + r.offset();
                }
            }
            return bom + r.offset();
        }
    }

    private static void quoteAware(SeekableInput input, long size, int pieces, List<Long> cuts, long dataStart)
            throws IOException {
        try (InputStream in = input.openAt(0)) {
            byte[] buf = new byte[1 << 16];
            boolean quoted = false;
            boolean pendingCr = false;
            long pos = 0;
            int next = 1;
            long target = size / pieces;
            int n;
            while (next < pieces && (n = in.read(buf)) >= 0) {
                for (int i = 0; i < n; i++, pos++) {
                    byte c = buf[i];
                    if (pendingCr) {
                        pendingCr = false;
                        long cut = c == '\n' ? pos + 1 : pos;
                        if (cut >= target && cut >= dataStart && cut < size) {
                            cuts.add(cut);
                            next++;
                            target = size * next / pieces;
                            if (next >= pieces) {
                                return;
                            }
                        }
                        if (c == '\n') {
                            continue;
                        }
                    }
                    if (c == '"') {
                        quoted = !quoted;
                    } else if (!quoted) {
                        if (c == '\n') {
                            long cut = pos + 1;
                            if (cut >= target && cut >= dataStart && cut < size) {
                                cuts.add(cut);
                                next++;
                                target = size * next / pieces;
                                if (next >= pieces) {
                                    return;
                                }
                            }
                        } else if (c == '\r') {
                            pendingCr = true;
                        }
                    }
                }
            }
        }
    }
}

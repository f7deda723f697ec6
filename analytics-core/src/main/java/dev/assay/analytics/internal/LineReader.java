package dev.assay.analytics.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads lines of UTF-8 bytes ({@code \n}, {@code \r\n} or a lone {@code \r}) as slices of one buffer. A line longer
 * than the cap is cut (its start is kept) and flagged. Not thread-safe.
 */
final class LineReader {

    private final InputStream in;
    private final int maxLine;
    byte[] buf;
    int start;
    int end;
    /** Whether the last line was cut at the cap. */
    boolean cut;
    /** Whether the last line contained a NUL byte. */
    boolean nul;
    private int pos;
    private int limit;
    private long lines;
    private boolean eof;

    LineReader(InputStream in, int initial, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
        this.buf = new byte[initial];
    }

    long lines() {
        return lines;
    }

    /** The 1-based number of the last line read. */
    long lineNumber() {
        return lines;
    }

    private int fill(int from) throws IOException {
        if (eof) {
            return -1;
        }
        int shift = 0;
        if (from > 0) {
            shift = from;
            System.arraycopy(buf, from, buf, 0, limit - from);
            limit -= from;
        } else if (limit == buf.length) {
            buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, limit, buf.length - limit);
        while (n == 0) {
            n = in.read(buf, limit, buf.length - limit);
        }
        if (n < 0) {
            eof = true;
            return -1;
        }
        limit += n;
        return shift;
    }

    boolean next() throws IOException {
        cut = false;
        nul = false;
        int s = pos;
        int p = s;
        while (true) {
            if (p >= limit) {
                if (p - s >= maxLine) {
                    cut = true;
                    int keep = s + maxLine;
                    skipRest(p);
                    start = s;
                    end = keep;
                    return true;
                }
                int sh = fill(s);
                if (sh < 0) {
                    if (p > s) {
                        lines++;
                        start = s;
                        end = p;
                        pos = p;
                        return true;
                    }
                    pos = p;
                    return false;
                }
                p -= sh;
                s -= sh;
            }
            byte c = buf[p];
            if (c == '\n' || c == '\r') {
                lines++;
                start = s;
                end = p;
                p++;
                if (c == '\r') {
                    if (p >= limit) {
                        int sh = fill(s);
                        if (sh >= 0) {
                            p -= sh;
                            s -= sh;
                            start = s;
                            end -= sh;
                        }
                    }
                    if (p < limit && buf[p] == '\n') {
                        p++;
                    }
                }
                pos = p;
                return true;
            }
            if (c == 0) {
                nul = true;
            }
            p++;
        }
    }

    /** Skips to the end of an over-long line, keeping the buffer's first {@code maxLine} bytes after {@code pos}. */
    private void skipRest(int p) throws IOException {
        int keepEnd = pos + maxLine;
        if (buf.length - keepEnd < 65_536) {
            buf = java.util.Arrays.copyOf(buf, keepEnd + 65_536);
        }
        while (true) {
            if (p >= limit) {
                limit = keepEnd;
                p = keepEnd;
                int n = in.read(buf, limit, buf.length - limit);
                if (n < 0) {
                    eof = true;
                    lines++;
                    pos = limit;
                    return;
                }
                limit += n;
            }
            byte c = buf[p];
            if (c == '\n' || c == '\r') {
                lines++;
                p++;
                if (c == '\r') {
                    if (p >= limit) {
                        limit = keepEnd;
                        p = keepEnd;
                        int n = in.read(buf, limit, buf.length - limit);
                        if (n > 0) {
                            limit += n;
                        } else if (n < 0) {
                            eof = true;
                        }
                    }
                    if (p < limit && buf[p] == '\n') {
                        p++;
                    }
                }
                System.arraycopy(buf, p, buf, keepEnd, limit - p);
                limit = keepEnd + (limit - p);
                pos = keepEnd;
                return;
            }
            p++;
        }
    }
}

package dev.assay.analytics.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * Byte-level RFC 4180 tokenizer over UTF-8 bytes: fields are slices of one buffer (quoted fields unescaped in
 * place), lines are counted on the way ({@code \n}, {@code \r\n}, lone {@code \r}, also inside quoted fields).
 * Never throws on malformed input: it sets {@link #problem} and goes on. Not thread-safe.
 */
final class CsvReader {

    private final InputStream in;
    private final byte delim;
    private final int maxRecordBytes;
    private final byte[] cls = new byte[256];

    byte[] buf;
    int[] starts = new int[64];
    int[] ends = new int[64];
    int fieldCount;
    /** Why the last record is malformed, or {@code null}. */
    String problem;
    /** The 1-based line the last record starts on. */
    long recordLine;
    /** Whether the last record was too long to keep; its fields are then dropped. */
    boolean oversized;

    private int pos;
    private int limit;
    /** Bytes dropped from the front of the buffer so far. */
    private long base;
    private int recStart;
    private long lines;
    private boolean eof;

    CsvReader(InputStream in, byte delim, int initialBuffer, int maxRecordBytes) {
        this.in = in;
        this.delim = delim;
        this.maxRecordBytes = maxRecordBytes;
        this.buf = new byte[initialBuffer];
        cls[delim & 0xFF] = 1;
        cls['\n'] = 1;
        cls['\r'] = 1;
        cls[0] = 1;
    }

    /** Lines seen so far (after the last record: all lines of the input). */
    long lines() {
        return lines;
    }

    /** Bytes of input consumed up to the end of the last record (and its line ending). */
    long offset() {
        return base + pos;
    }

    /** Whether the last record is one empty line. */
    boolean isEmptyLine() {
        return fieldCount == 1 && starts[0] == ends[0] && problem == null && !quotedFirst;
    }

    private boolean quotedFirst;

    private void addField(int s, int e) {
        if (oversized) {
            return;
        }
        if (fieldCount == starts.length) {
            starts = java.util.Arrays.copyOf(starts, fieldCount * 2);
            ends = java.util.Arrays.copyOf(ends, fieldCount * 2);
        }
        starts[fieldCount] = s;
        ends[fieldCount] = e;
        fieldCount++;
    }

    private void problem(String reason) {
        if (problem == null) {
            problem = reason;
        }
    }

    /**
     * Makes room and reads more input when the record reaches the end of the buffer.
     *
     * @param p the current position (== limit)
     * @return how far the buffer content moved left (subtract from every position), or -1 at the end of input
     */
    private int refill(int p) throws IOException {
        if (eof) {
            return -1;
        }
        int shift = 0;
        if (recStart > 0) {
            shift = recStart;
            System.arraycopy(buf, recStart, buf, 0, limit - recStart);
            limit -= shift;
            recStart = 0;
            for (int i = 0; i < fieldCount; i++) {
                starts[i] -= shift;
                ends[i] -= shift;
            }
        } else if (limit == buf.length) {
            if (buf.length < maxRecordBytes) {
                buf = java.util.Arrays.copyOf(buf, Math.min(buf.length * 2, maxRecordBytes));
            } else {
                if (!oversized) {
                    problem("record longer than " + (maxRecordBytes >> 20) + " MiB; its values were skipped");
                    oversized = true;
                    fieldCount = 0;
                }
                shift = p;
                limit = 0;
            }
        }
        base += shift;
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

    /** Reads the next record; {@code false} at the end of input. */
    boolean next() throws IOException {
        fieldCount = 0;
        problem = null;
        oversized = false;
        quotedFirst = false;
        int p = pos;
        recStart = p;
        if (p >= limit) {
            int sh = refill(p);
            if (sh < 0) {
                pos = p;
                return false;
            }
            p -= sh;
        }
        recordLine = lines + 1;
        final byte[] cls = this.cls;
        final byte delim = this.delim;
        while (true) {
            if (p >= limit) {
                int sh = refill(p);
                if (sh < 0) {
                    addField(p, p);
                    return endOfInput(p);
                }
                p -= sh;
            }
            if (buf[p] == '"') {
                if (fieldCount == 0) {
                    quotedFirst = true;
                }
                int r = quoted(p + 1);
                if (r < 0) {
                    return endOfInput(pos);
                }
                p = r;
                if (p == Integer.MAX_VALUE) {
                    return true;
                }
                continue;
            }
            int fs = p;
            byte[] b = buf;
            int lim = limit;
            while (true) {
                while (p < lim && cls[b[p] & 0xFF] == 0) {
                    p++;
                }
                if (p >= lim) {
                    int sh = refill(p);
                    if (sh < 0) {
                        addField(fs, p);
                        return endOfInput(p);
                    }
                    p -= sh;
                    fs = oversized ? p : fs - sh;
                    b = buf;
                    lim = limit;
                    continue;
                }
                byte c = b[p];
                if (c == delim) {
                    addField(fs, p);
                    p++;
                    break;
                }
                if (c == '\n') {
                    addField(fs, p);
                    lines++;
                    pos = p + 1;
                    return true;
                }
                if (c == '\r') {
                    addField(fs, p);
                    return crlf(p);
                }
                problem("NUL byte");
                p++;
            }
        }
    }

    private boolean crlf(int p) throws IOException {
        lines++;
        p++;
        if (p >= limit) {
            int sh = refill(p);
            if (sh < 0) {
                pos = p;
                return true;
            }
            p -= sh;
        }
        if (buf[p] == '\n') {
            p++;
        }
        pos = p;
        return true;
    }

    private boolean endOfInput(int p) {
        lines++;
        pos = p;
        return true;
    }

    /**
     * Reads a quoted field starting after its opening quote at {@code p}; unescapes doubled quotes in place.
     *
     * @return the position after the delimiter that ends the field; {@code Integer.MAX_VALUE} when the field ended
     * the record (pos set); -1 at the end of input (field added, pos set)
     */
    private int quoted(int p) throws IOException {
        long openLine = lines + 1;
        int fs = p;
        int w = p;
        boolean prevCR = false;
        boolean prevTerm = false;
        while (true) {
            if (p >= limit) {
                int sh = refill(p);
                if (sh < 0) {
                    problem("unbalanced quote: the quoted field opened on line " + openLine + " never closes");
                    addField(fs, w);
                    pos = p;
                    if (prevTerm) {
                        lines--;
                    }
                    return -1;
                }
                p -= sh;
                if (oversized) {
                    fs = p;
                    w = p;
                } else {
                    fs -= sh;
                    w -= sh;
                }
            }
            byte c = buf[p];
            if (c == '"') {
                p++;
                if (p >= limit) {
                    int sh = refill(p);
                    if (sh < 0) {
                        addField(fs, w);
                        pos = p;
                        return -1;
                    }
                    p -= sh;
                    if (oversized) {
                        fs = p;
                        w = p;
                    } else {
                        fs -= sh;
                        w -= sh;
                    }
                }
                if (buf[p] == '"') {
                    buf[w++] = '"';
                    p++;
                    prevCR = false;
                    prevTerm = false;
                    continue;
                }
                return afterQuote(p, fs, w);
            }
            if (c == '\n') {
                if (!prevCR) {
                    lines++;
                }
            } else if (c == '\r') {
                lines++;
            } else if (c == 0) {
                problem("NUL byte");
            }
            prevCR = c == '\r';
            prevTerm = prevCR || c == '\n';
            buf[w++] = c;
            p++;
        }
    }

    private int afterQuote(int p, int fs, int w) throws IOException {
        while (true) {
            byte c = buf[p];
            if (c == delim) {
                addField(fs, w);
                return p + 1;
            }
            if (c == '\n') {
                addField(fs, w);
                lines++;
                pos = p + 1;
                return Integer.MAX_VALUE;
            }
            if (c == '\r') {
                addField(fs, w);
                crlf(p);
                return Integer.MAX_VALUE;
            }
            problem("text after a closing quote");
            buf[w++] = c;
            p++;
            if (p >= limit) {
                int sh = refill(p);
                if (sh < 0) {
                    addField(fs, w);
                    pos = p;
                    return -1;
                }
                p -= sh;
                if (oversized) {
                    fs = p;
                    w = p;
                } else {
                    fs -= sh;
                    w -= sh;
                }
            }
        }
    }
}

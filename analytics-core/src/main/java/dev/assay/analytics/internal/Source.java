package dev.assay.analytics.internal;

import dev.assay.analytics.AnalysisException;
import dev.assay.analytics.AnalysisOptions;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Turns the caller's stream into UTF-8 bytes: counts raw bytes, detects and inflates gzip (with a bomb guard),
 * detects the encoding and transcodes to UTF-8 when needed, and keeps the first bytes as a sample for sniffing.
 */
final class Source {

    static final int SAMPLE_BYTES = 64 * 1024;
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");
    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");

    /** Raw bytes consumed from the caller's stream. */
    final Counting raw;
    /** The decoded input as UTF-8 bytes, BOM removed. */
    final InputStream text;
    /** The first bytes of {@link #text} (up to {@link #SAMPLE_BYTES}); {@link #text} still starts with them. */
    final byte[] sample;
    /** Whether {@link #sample} is all of the input. */
    final boolean sampleIsAll;
    final String compression;
    final Charset charset;
    final String encodingName;
    final boolean bom;
    final List<String> warnings = new ArrayList<>();

    private Source(Counting raw, InputStream decompressed, byte[] head, int headLen, boolean headIsAll,
                   String compression, AnalysisOptions options, Plan plan) {
        this.raw = raw;
        this.compression = compression;
        int skip;
        Charset cs;
        String name;
        boolean hasBom = false;
        if (plan != null) {
            cs = plan.charset;
            name = plan.encodingName;
            hasBom = plan.bom && bomLength(head, headLen) > 0;
            skip = hasBom ? bomLength(head, headLen) : 0;
        } else if (options.encoding() != null) {
            cs = options.encoding();
            name = cs.name();
            int b = bomLength(head, headLen);
            Charset bomCs = bomCharset(head, headLen);
            skip = bomCs != null && bomCs.equals(cs) ? b : 0;
            hasBom = skip > 0;
        } else {
            Charset bomCs = bomCharset(head, headLen);
            if (bomCs != null) {
                cs = bomCs;
                skip = bomLength(head, headLen);
                hasBom = true;
            } else {
                skip = 0;
                cs = utf32WithoutBom(head, headLen);
                if (cs == null) {
                    cs = utf16WithoutBom(head, headLen);
                }
                if (cs != null) {
                    warnings.add("No byte order mark, but the bytes look like " + cs.name() + "; read as " + cs.name() + ".");
                } else if (validUtf8(head, headLen, headIsAll)) {
                    cs = StandardCharsets.UTF_8;
                } else {
                    cs = WINDOWS_1252;
                    warnings.add("The file is not valid UTF-8; read as windows-1252 (Western European).");
                }
            }
            name = cs.name();
        }
        this.charset = cs;
        this.encodingName = name;
        this.bom = hasBom;
        InputStream rest = new SequenceInputStream(new ByteArrayInputStream(head, skip, headLen - skip), decompressed);
        boolean utf8 = cs.equals(StandardCharsets.UTF_8);
        if (utf8) {
            this.text = rest;
            this.sample = Arrays.copyOfRange(head, skip, headLen);
        } else {
            this.text = new Utf8Transcoder(new InputStreamReader(rest, cs));
            int end = headLen;
            if (!headIsAll && cs.name().startsWith("UTF-16")) {
                end = headLen & ~1;
            } else if (!headIsAll && cs.name().startsWith("UTF-32")) {
                end = headLen & ~3;
            }
            String decoded = new String(head, skip, end - skip, cs);
            this.sample = decoded.getBytes(StandardCharsets.UTF_8);
        }
        this.sampleIsAll = headIsAll;
    }

    /** Opens the input for a full analysis or for a chunk analysed with {@code plan} ({@code null}: detect). */
    static Source open(InputStream in, AnalysisOptions options, Plan plan) throws IOException, AnalysisException {
        Counting raw = new Counting(in);
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(4);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        InputStream decompressed = buffered;
        String compression = "none";
        if (b0 == 0x1f && b1 == 0x8b && (plan == null || plan.compression.equals("gzip"))) {
            compression = "gzip";
            try {
                decompressed = new Guarded(new GZIPInputStream(buffered, 1 << 16), raw, options);
            } catch (ZipException | EOFException e) {
                throw new AnalysisException(AnalysisException.Reason.CORRUPT_COMPRESSION,
                        "The gzip data is " + Corrupt.describe(e), e);
            }
        }
        byte[] head = new byte[SAMPLE_BYTES];
        int n = 0;
        boolean all = false;
        while (n < head.length) {
            int r = read(decompressed, head, n, head.length - n);
            if (r < 0) {
                all = true;
                break;
            }
            n += r;
        }
        return new Source(raw, decompressed, head, n, all, compression, options, plan);
    }

    private static int read(InputStream in, byte[] b, int off, int len) throws IOException, AnalysisException {
        try {
            return in.read(b, off, len);
        } catch (ZipException | EOFException e) {
            throw new AnalysisException(AnalysisException.Reason.CORRUPT_COMPRESSION,
                    "The gzip data is " + Corrupt.describe(e), e);
        } catch (LimitExceeded e) {
            throw new AnalysisException(AnalysisException.Reason.DECOMPRESSION_LIMIT, e.getMessage(), e);
        } catch (Corrupt e) {
            throw new AnalysisException(AnalysisException.Reason.CORRUPT_COMPRESSION, e.getMessage(), e);
        }
    }

    /** The length of the byte order mark {@code h} starts with; 0 without one. */
    static int bomLength(byte[] h, int n) {
        Charset cs = bomCharset(h, n);
        return cs == null ? 0 : "\uFEFF".getBytes(cs).length;
    }

    /** The encoding a byte order mark names; UTF-32's are checked first, as the little-endian one begins as UTF-16's. */
    private static Charset bomCharset(byte[] h, int n) {
        if (n >= 4 && (h[0] & 0xFF) == 0xFF && (h[1] & 0xFF) == 0xFE && h[2] == 0 && h[3] == 0) {
            return UTF_32LE;
        }
        if (n >= 4 && h[0] == 0 && h[1] == 0 && (h[2] & 0xFF) == 0xFE && (h[3] & 0xFF) == 0xFF) {
            return UTF_32BE;
        }
        if (n >= 3 && (h[0] & 0xFF) == 0xEF && (h[1] & 0xFF) == 0xBB && (h[2] & 0xFF) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (n >= 2 && (h[0] & 0xFF) == 0xFF && (h[1] & 0xFF) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        if (n >= 2 && (h[0] & 0xFF) == 0xFE && (h[1] & 0xFF) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    /** UTF-32 without a byte order mark: nine in ten code units of four bytes are characters of the first plane. */
    private static Charset utf32WithoutBom(byte[] h, int n) {
        int units = n / 4;
        if (units < 4) {
            return null;
        }
        int little = 0;
        int big = 0;
        for (int i = 0; i + 3 < n; i += 4) {
            if (h[i + 2] == 0 && h[i + 3] == 0 && (h[i] != 0 || h[i + 1] != 0)) {
                little++;
            }
            if (h[i] == 0 && h[i + 1] == 0 && (h[i + 2] != 0 || h[i + 3] != 0)) {
                big++;
            }
        }
        if (little * 10L >= units * 9L) {
            return UTF_32LE;
        }
        return big * 10L >= units * 9L ? UTF_32BE : null;
    }

    private static Charset utf16WithoutBom(byte[] h, int n) {
        if (n < 4) {
            return null;
        }
        int evenZeros = 0;
        int oddZeros = 0;
        for (int i = 0; i + 1 < n; i += 2) {
            if (h[i] == 0) {
                evenZeros++;
            }
            if (h[i + 1] == 0) {
                oddZeros++;
            }
        }
        int pairs = n / 2;
        if (oddZeros > pairs * 0.6 && evenZeros < pairs * 0.05) {
            return StandardCharsets.UTF_16LE;
        }
        if (evenZeros > pairs * 0.6 && oddZeros < pairs * 0.05) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    /** Whether {@code h[0..n)} is valid UTF-8 (a sequence cut by the end of a partial sample is allowed). */
    static boolean validUtf8(byte[] h, int n, boolean complete) {
        int i = 0;
        while (i < n) {
            int c = h[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int len;
            if (c >= 0xC2 && c <= 0xDF) {
                len = 2;
            } else if (c >= 0xE0 && c <= 0xEF) {
                len = 3;
            } else if (c >= 0xF0 && c <= 0xF4) {
                len = 4;
            } else {
                return false;
            }
            if (i + len > n) {
                return !complete;
            }
            for (int k = 1; k < len; k++) {
                if ((h[i + k] & 0xC0) != 0x80) {
                    return false;
                }
            }
            i += len;
        }
        return true;
    }

    /** Counts the raw bytes read. */
    static final class Counting extends InputStream {
        private final InputStream in;
        volatile long count;

        Counting(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** Decompression passed a configured cap. */
    static final class LimitExceeded extends IOException {
        LimitExceeded(String message) {
            super(message);
        }
    }

    /** The gzip stream is corrupt. */
    static final class Corrupt extends IOException {
        Corrupt(String message, Throwable cause) {
            super(message, cause);
        }

        /** What is wrong with the gzip data, for "The gzip data is …" (an early end has no message of its own). */
        static String describe(IOException e) {
            return e instanceof EOFException || e.getMessage() == null
                    ? "truncated: it ends before its compressed data does."
                    : "corrupt: " + e.getMessage() + ".";
        }
    }

    /** Inflated bytes with the bomb guard: caps on total size and on the ratio to compressed bytes. */
    private static final class Guarded extends InputStream {
        /**
         * The ratio is judged only past this much output: real files that compress very well (a sparse CSV reaches
         * 500:1) stay readable, and a bomb is still stopped after costing a fraction of a second of inflating.
         */
        private static final long RATIO_CHECKED_AFTER = 64L << 20;

        private final InputStream in;
        private final Counting raw;
        private final long maxBytes;
        private final long maxRatio;
        private long count;

        Guarded(InputStream in, Counting raw, AnalysisOptions options) {
            this.in = in;
            this.raw = raw;
            this.maxBytes = options.maxDecompressedBytes();
            this.maxRatio = options.maxDecompressionRatio();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (ZipException | EOFException e) {
                throw new Corrupt("The gzip data is " + Corrupt.describe(e), e);
            }
            if (n > 0) {
                count += n;
                if (count > maxBytes) {
                    throw new LimitExceeded("The file decompresses to more than " + maxBytes
                            + " bytes, the configured limit; it looks like a decompression bomb.");
                }
                if (count > RATIO_CHECKED_AFTER && count > maxRatio * Math.max(raw.count, 1)) {
                    throw new LimitExceeded("The file decompresses more than " + maxRatio
                            + " times its compressed size, the configured limit; it looks like a decompression bomb.");
                }
            }
            return n;
        }
    }

    /** Re-encodes characters from a reader as UTF-8 bytes. */
    private static final class Utf8Transcoder extends InputStream {
        private final Reader reader;
        private final char[] chars = new char[8192];
        private int carry = -1;
        private byte[] bytes = new byte[0];
        private int pos;

        Utf8Transcoder(Reader reader) {
            this.reader = reader;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (pos >= bytes.length) {
                int start = 0;
                if (carry >= 0) {
                    chars[0] = (char) carry;
                    carry = -1;
                    start = 1;
                }
                int n = reader.read(chars, start, chars.length - start);
                if (n < 0) {
                    if (start == 0) {
                        return -1;
                    }
                    n = 0;
                }
                int end = start + n;
                if (end > 0 && Character.isHighSurrogate(chars[end - 1]) && n > 0) {
                    carry = chars[end - 1];
                    end--;
                }
                bytes = new String(chars, 0, end).getBytes(StandardCharsets.UTF_8);
                pos = 0;
            }
            int k = Math.min(len, bytes.length - pos);
            System.arraycopy(bytes, pos, b, off, k);
            pos += k;
            return k;
        }
    }
}

package dev.assay.gateway.upload;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import org.springframework.http.HttpStatus;

/**
 * Refuses files that are evidently not text, from their first bytes: images, documents, archives and executables
 * by their magic numbers, and anything with many control bytes (NUL and the like) that is not UTF-16, such as random
 * or encrypted data. UTF-16 text passes with or without a byte order mark; a gzip file is judged by what its sample
 * inflates to.
 */
final class ContentSniffer {

    /** How many leading bytes are looked at. */
    static final int SAMPLE = 8192;
    private static final int MIN_CONTROLS = 16;

    private record Magic(String kind, byte[] prefix) {
    }

    private static final Magic[] MAGICS = {
        new Magic("a PNG image", bytes(0x89, 'P', 'N', 'G')),
        new Magic("a JPEG image", bytes(0xFF, 0xD8, 0xFF)),
        new Magic("a GIF image", bytes('G', 'I', 'F', '8')),
        new Magic("a PDF document", bytes('%', 'P', 'D', 'F', '-')),
        new Magic("a ZIP archive (or an Office document)", bytes('P', 'K', 3, 4)),
        new Magic("a 7-Zip archive", bytes('7', 'z', 0xBC, 0xAF, 0x27, 0x1C)),
        new Magic("an RAR archive", bytes('R', 'a', 'r', '!')),
        new Magic("an ELF executable", bytes(0x7F, 'E', 'L', 'F')),
        new Magic("a Java class file", bytes(0xCA, 0xFE, 0xBA, 0xBE)),
        new Magic("a bzip2 archive", bytes('B', 'Z', 'h')),
        new Magic("an xz archive", bytes(0xFD, '7', 'z', 'X', 'Z', 0)),
        new Magic("a Zstandard archive", bytes(0x28, 0xB5, 0x2F, 0xFD)),
        new Magic("an SQLite database", bytes('S', 'Q', 'L', 'i', 't', 'e', ' ', 'f')),
    };

    private static final byte[] GZIP_MAGIC = bytes(0x1F, 0x8B);
    private static final byte[] UTF16_LE_BOM = bytes(0xFF, 0xFE);
    private static final byte[] UTF16_BE_BOM = bytes(0xFE, 0xFF);
    private static final byte[] UTF32_LE_BOM = bytes(0xFF, 0xFE, 0, 0);
    private static final byte[] UTF32_BE_BOM = bytes(0, 0, 0xFE, 0xFF);

    private ContentSniffer() {
    }

    /**
     * Why the sample does not look like a file Assay can analyse, if it does not.
     *
     * @param sample the first bytes of the file
     * @param length how many bytes of {@code sample} are valid; fewer than {@link #SAMPLE}: the whole file
     */
    static Optional<String> rejection(byte[] sample, int length) {
        if (startsWith(sample, length, UTF32_LE_BOM) || startsWith(sample, length, UTF32_BE_BOM)) {
            return isUtf32Text(sample, UTF32_LE_BOM.length, length) ? Optional.empty()
                    : Optional.of("This file starts with a UTF-32 byte order mark, but what follows is not UTF-32 text.");
        }
        if (length / 4 >= MIN_CONTROLS && isUtf32Text(sample, 0, length)) {
            return Optional.empty();
        }
        if (startsWith(sample, length, GZIP_MAGIC)) {
            return gzipRejection(sample, length);
        }
        boolean littleEndian = startsWith(sample, length, UTF16_LE_BOM);
        if (littleEndian || startsWith(sample, length, UTF16_BE_BOM)) {
            return utf16Rejection(sample, length, littleEndian);
        }
        return plainRejection(sample, length);
    }

    /**
     * UTF-32 text, little- or big-endian: nine in ten code units of four bytes are characters of the first plane
     * that are not control characters (tab and line ends aside) or surrogates.
     */
    private static boolean isUtf32Text(byte[] sample, int from, int length) {
        int units = (length - from) / 4;
        int little = 0;
        int big = 0;
        for (int i = from; i + 3 < length; i += 4) {
            int b0 = sample[i] & 0xFF;
            int b1 = sample[i + 1] & 0xFF;
            int b2 = sample[i + 2] & 0xFF;
            int b3 = sample[i + 3] & 0xFF;
            if (b2 == 0 && b3 == 0 && isTextCodePoint(b1 << 8 | b0)) {
                little++;
            }
            if (b0 == 0 && b1 == 0 && isTextCodePoint(b2 << 8 | b3)) {
                big++;
            }
        }
        return Math.max(little, big) * 10L >= units * 9L;
    }

    private static boolean isTextCodePoint(int c) {
        return (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') && (c < 0xD800 || c > 0xDFFF);
    }

    /** Judges what the compressed sample inflates to; the analysis decompresses once, so no gzip inside gzip. */
    private static Optional<String> gzipRejection(byte[] sample, int length) {
        byte[] inflated = new byte[SAMPLE];
        int n = 0;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(sample, 0, length))) {
            int read;
            while (n < inflated.length && (read = in.read(inflated, n, inflated.length - n)) > 0) {
                n += read;
            }
        } catch (EOFException e) {
            if (length < SAMPLE) {
                return Optional.of("This gzip file is truncated: it ends before its compressed data does.");
            }
            // the sample ends before the file does: judge what it inflated to
        } catch (IOException e) {
            return Optional.of("This gzip file is damaged (" + e.getMessage() + ").");
        }
        if (startsWith(inflated, n, GZIP_MAGIC)) {
            return Optional.of("This is a gzip file inside a gzip file; Assay decompresses one level.");
        }
        // "This looks like …" becomes "Decompressed, this looks like …"
        return rejection(inflated, n).map(why -> "Decompressed, t" + why.substring(1));
    }

    /**
     * UTF-16 after a byte order mark: text has no unpaired surrogates and no control characters; random bytes have
     * an unpaired surrogate in about thirty code units, so one in a hundred is not text.
     */
    private static Optional<String> utf16Rejection(byte[] sample, int length, boolean littleEndian) {
        int units = (length - 2) / 2;
        int bad = 0;
        for (int i = 0; i < units; i++) {
            char c = utf16Unit(sample, 2 + 2 * i, littleEndian);
            if (Character.isHighSurrogate(c) && i + 1 < units
                    && Character.isLowSurrogate(utf16Unit(sample, 2 + 2 * (i + 1), littleEndian))) {
                i++;
            } else if (Character.isSurrogate(c) && i + 1 < units || c < 0x80 && isControl((byte) c)) {
                bad++;
            }
        }
        if (bad >= MIN_CONTROLS && bad * 100L >= units) {
            return Optional.of("This does not look like UTF-16 text although it starts with a byte order mark ("
                    + bad + " unpaired surrogates or control characters in its first " + units + "); Assay "
                    + "analyses CSV, TSV, JSON lines, log and plain-text files.");
        }
        return Optional.empty();
    }

    private static char utf16Unit(byte[] sample, int at, boolean littleEndian) {
        int first = sample[at] & 0xFF;
        int second = sample[at + 1] & 0xFF;
        return (char) (littleEndian ? second << 8 | first : first << 8 | second);
    }

    private static Optional<String> plainRejection(byte[] sample, int length) {
        for (Magic magic : MAGICS) {
            if (startsWith(sample, length, magic.prefix())) {
                return Optional.of("This looks like " + magic.kind() + "; Assay analyses CSV, TSV, JSON lines,"
                        + " log and plain-text files.");
            }
        }
        int nuls = 0;
        int evenNuls = 0;
        int controls = 0;
        for (int i = 0; i < length; i++) {
            if (sample[i] == 0) {
                nuls++;
                if (i % 2 == 0) {
                    evenNuls++;
                }
            }
            if (isControl(sample[i])) {
                controls++;
            }
        }
        // UTF-16 text without a byte order mark has its NULs on one side of each code unit. Otherwise a stray control
        // byte in a text file is something to warn about, not a reason to refuse it; one byte in twenty is not text
        // (random bytes have one in ten). A short file is judged too when it holds nothing but control bytes.
        boolean utf16Like = nuls >= MIN_CONTROLS && nuls * 10L >= length
                && Math.max(evenNuls, nuls - evenNuls) * 10L >= nuls * 9L;
        boolean controlHeavy = controls >= MIN_CONTROLS && controls * 20L >= length
                || controls > 0 && controls == length;
        if (controlHeavy && !utf16Like) {
            return Optional.of("This looks like a binary file (" + controls + " control bytes such as NUL in its first "
                    + length + "); Assay analyses CSV, TSV, JSON lines, log and plain-text files.");
        }
        return Optional.empty();
    }

    /** A byte that text never holds: a C0 control other than tab, line ends, form feed and ESC (colour codes), or DEL. */
    private static boolean isControl(byte b) {
        return b == 0x7F || b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != 0x0B && b != '\f' && b != '\r'
                && b != 0x1B;
    }

    static HttpStatus status() {
        return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    }

    private static boolean startsWith(byte[] sample, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (sample[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}

package dev.assay.gateway.upload;

import java.util.Optional;

import org.springframework.http.HttpStatus;

/**
 * Refuses files that are evidently not text, from their first bytes: images, documents, archives and executables
 * by their magic numbers, and anything with many control bytes (NUL and the like) that is not UTF-16, such as random
 * or encrypted data. Gzip stays allowed (the analysis reads it), and so does UTF-16 text with or without a byte order
 * mark.
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

    private ContentSniffer() {
    }

    /**
     * Why the sample does not look like a file Assay can analyse, if it does not.
     *
     * @param sample the first bytes of the file
     * @param length how many bytes of {@code sample} are valid
     */
    static Optional<String> rejection(byte[] sample, int length) {
        if (length >= 2 && (sample[0] & 0xFF) == 0x1F && (sample[1] & 0xFF) == 0x8B) {
            return Optional.empty();
        }
        if (length >= 2 && ((sample[0] & 0xFF) == 0xFF && (sample[1] & 0xFF) == 0xFE
                || (sample[0] & 0xFF) == 0xFE && (sample[1] & 0xFF) == 0xFF)) {
            return Optional.empty();
        }
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
        // (random bytes have one in ten).
        boolean utf16Like = nuls >= MIN_CONTROLS && nuls * 10L >= length
                && Math.max(evenNuls, nuls - evenNuls) * 10L >= nuls * 9L;
        boolean controlHeavy = controls >= MIN_CONTROLS && controls * 20L >= length;
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

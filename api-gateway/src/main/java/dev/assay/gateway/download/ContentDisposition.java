package dev.assay.gateway.download;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The {@code Content-Disposition} of a download (RFC 6266 with the RFC 5987 {@code filename*} parameter): an ASCII
 * fallback in {@code filename} (every other character, quotes, backslashes and controls become {@code _}) and the
 * exact name percent-encoded in UTF-8 in {@code filename*}. A client's file name can thus not break the header, and
 * slashes never reach it unencoded: the browser decides where to save the file.
 */
final class ContentDisposition {

    private static final String ATTR_CHARS = "!#$&+-.^_`|~";
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private ContentDisposition() {
    }

    static String attachment(String fileName) {
        return "attachment; filename=\"" + asciiFallback(fileName) + "\"; filename*=UTF-8''"
                + percentEncoded(fileName);
    }

    static String asciiFallback(String name) {
        StringBuilder ascii = new StringBuilder(name.length());
        name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7F && "\"\\%/".indexOf(c) < 0
                ? (char) c : '_'));
        return ascii.toString();
    }

    static String percentEncoded(String name) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || ATTR_CHARS.indexOf(c) >= 0)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX.toHexDigits((byte) c));
            }
        }
        return encoded.toString();
    }
}

package dev.assay.gateway.upload;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** A CSV of the given size made on the fly, so that a test can upload more than the heap holds. */
final class GeneratedText extends InputStream {

    private static final byte[] LINE = "user-00042,2026-12-01T10:00:00Z,click,/index.html\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final long size;
    private long position;

    GeneratedText(long size) {
        this.size = size;
    }

    @Override
    public int read() {
        return position < size ? LINE[(int) (position++ % LINE.length)] : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (position >= size) {
            return -1;
        }
        int count = (int) Math.min(length, size - position);
        for (int i = 0; i < count; i++) {
            buffer[offset + i] = LINE[(int) (position++ % LINE.length)];
        }
        return count;
    }
}

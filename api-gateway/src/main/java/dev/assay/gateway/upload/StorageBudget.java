package dev.assay.gateway.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes one upload request may still store, counted across its files while they stream: reading past the budget
 * fails with {@link Exceeded}, so a file over the user's storage quota is never stored completely.
 */
final class StorageBudget {

    private long left;

    StorageBudget(long bytes) {
        this.left = bytes;
    }

    /** Reading more than the budget allows. */
    static final class Exceeded extends IOException {
        Exceeded() {
            super("storage quota exceeded");
        }
    }

    /** {@code content}, counted against this budget. */
    InputStream count(InputStream content) {
        return new FilterInputStream(content) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    spend(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    spend(n);
                }
                return n;
            }
        };
    }

    private void spend(long bytes) throws Exceeded {
        left -= bytes;
        if (left < 0) {
            throw new Exceeded();
        }
    }
}

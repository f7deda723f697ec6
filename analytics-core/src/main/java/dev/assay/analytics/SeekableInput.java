package dev.assay.analytics;

import java.io.IOException;
import java.io.InputStream;

/** A file that can be read from any offset, for {@link Analytics#recordBoundaries}. */
public interface SeekableInput {

    /** Size in bytes. */
    long size() throws IOException;

    /** A new stream positioned at {@code offset}; the caller closes it. */
    InputStream openAt(long offset) throws IOException;

    /** A seekable view of a local file. */
    static SeekableInput of(java.nio.file.Path path) {
        return new SeekableInput() {
            @Override
            public long size() throws IOException {
                return java.nio.file.Files.size(path);
            }

            @Override
            public InputStream openAt(long offset) throws IOException {
                java.nio.channels.SeekableByteChannel ch = java.nio.file.Files.newByteChannel(path);
                ch.position(offset);
                return java.nio.channels.Channels.newInputStream(ch);
            }
        };
    }
}

package dev.assay.analytics.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The binary form of a piece's counted state, so that pieces analysed by different processes can be merged. Layout
 * (big-endian, {@link DataOutputStream}): a magic number, a format version, the plan's kind and column count (to
 * refuse a state read against another file's plan), then the {@link Accumulator}. The plan itself is not written:
 * the reader makes it again from the file's first bytes. Strings are UTF-8 with an int length; byte arrays too;
 * sketches are DataSketches' own serialized forms.
 */
final class StateCodec {

    static final int MAGIC = 0x41505231; // "APR1"
    static final int VERSION = 1;
    private static final int MAX_ARRAY = 64 << 20;

    private StateCodec() {
    }

    static void writeHeader(DataOutputStream out, Plan plan) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        writeString(out, plan.kind);
        out.writeInt(plan.columns.size());
    }

    static void readHeader(DataInputStream in, Plan plan) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("Not a serialized partial result");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("Serialized partial result of version " + version + "; this engine reads version "
                    + VERSION);
        }
        String kind = readString(in);
        int columns = in.readInt();
        if (!kind.equals(plan.kind) || columns != plan.columns.size()) {
            throw new IOException("The partial result was made for a " + kind + " file with " + columns
                    + " columns, not for this " + plan.kind + " file with " + plan.columns.size() + " columns");
        }
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
    }

    static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    /** Writes {@code b} or, for {@code null}, a length of -1. */
    static void writeNullableBytes(DataOutputStream out, byte[] b) throws IOException {
        if (b == null) {
            out.writeInt(-1);
        } else {
            writeBytes(out, b);
        }
    }

    static byte[] readNullableBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        return n == -1 ? null : readExactly(in, n);
    }

    static byte[] readBytes(DataInputStream in) throws IOException {
        return readExactly(in, in.readInt());
    }

    private static byte[] readExactly(DataInputStream in, int n) throws IOException {
        if (n < 0 || n > MAX_ARRAY) {
            throw new IOException("Corrupt serialized partial result: an array of " + n + " bytes");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    static int readCount(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("Corrupt serialized partial result: a count of " + n);
        }
        return n;
    }
}

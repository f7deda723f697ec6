package dev.assay.analytics.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Byte-slice helpers for the hot path: hashing, comparing, decoding. */
final class Bytes {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Bytes() {
    }

    /** A 64-bit hash of {@code b[s..e)}, stable across runs (sketches of separate chunks must agree). */
    static long hash(byte[] b, int s, int e) {
        long h = 0x9E3779B97F4A7C15L ^ (e - s);
        int i = s;
        for (; i + 8 <= e; i += 8) {
            h = (h ^ mix((long) LONGS.get(b, i))) * 0xBF58476D1CE4E5B9L;
        }
        long tail = 0;
        for (int shift = 0; i < e; i++, shift += 8) {
            tail |= (b[i] & 0xFFL) << shift;
        }
        h = (h ^ mix(tail)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    private static long mix(long x) {
        x *= 0xC2B2AE3D27D4EB4FL;
        return Long.rotateLeft(x, 31) * 0x9E3779B97F4A7C15L;
    }

    static boolean equals(byte[] a, byte[] b, int s, int e) {
        return java.util.Arrays.equals(a, 0, a.length, b, s, e);
    }

    static int compare(byte[] a, byte[] b, int s, int e) {
        return java.util.Arrays.compareUnsigned(a, 0, a.length, b, s, e);
    }

    static String str(byte[] b, int s, int e) {
        return new String(b, s, e - s, StandardCharsets.UTF_8);
    }

    static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static boolean isBlank(byte[] b, int s, int e) {
        for (int i = s; i < e; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }
}

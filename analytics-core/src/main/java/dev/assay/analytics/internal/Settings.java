package dev.assay.analytics.internal;

import dev.assay.analytics.AnalysisOptions;
import java.util.Locale;
import java.util.Set;

/** Per-analysis constants the accumulators share. */
final class Settings {

    private static final Set<String> TIME_WORDS = Set.of("ts", "time", "timestamp", "datetime", "date", "epoch",
            "created", "updated", "when", "eventtime", "createdat", "updatedat", "occurredat", "logtime");

    final boolean decimalComma;
    final int assumedYear;
    final byte[][] nullTokens;
    final int maxExactDistinct;
    final boolean full;
    /** Exact distinct values kept per column: the caller's cap, lowered for wide files to bound total memory. */
    final int columnCap;
    /** Bytes of distinct values kept per column before switching to sketches. */
    final int columnArenaBytes;
    /** Bytes of distinct user ids kept before switching to sketches. */
    static final int USER_ARENA_BYTES = 32 << 20;

    private static final int TOTAL_EXACT_KEYS = 2_000_000;
    private static final long TOTAL_ARENA_BYTES = 128L << 20;

    Settings(AnalysisOptions options, boolean decimalComma, int assumedYear, int columns) {
        this.decimalComma = decimalComma;
        this.assumedYear = assumedYear;
        this.nullTokens = options.nullTokens().stream().filter(t -> !t.isEmpty()).map(Bytes::utf8).toArray(byte[][]::new);
        this.maxExactDistinct = options.maxExactDistinct();
        this.full = options.scope() == AnalysisOptions.Scope.FULL;
        int width = Math.max(1, columns);
        this.columnCap = Math.min(maxExactDistinct, Math.max(1_000, TOTAL_EXACT_KEYS / width));
        this.columnArenaBytes = (int) Math.min(32L << 20, Math.max(256L << 10, TOTAL_ARENA_BYTES / width));
    }

    /** Whether a column name suggests a point in time. */
    static boolean looksLikeTime(String name) {
        String n = normalize(name);
        return TIME_WORDS.contains(n) || n.endsWith("time") || n.endsWith("timestamp") || n.endsWith("date")
                || n.endsWith("at") && n.length() > 2 && TIME_WORDS.contains(n);
    }

    /** Lower case letters and digits only: {@code "Customer ID"} becomes {@code customerid}. */
    static String normalize(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}

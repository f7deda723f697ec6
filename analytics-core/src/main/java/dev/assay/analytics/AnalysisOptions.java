package dev.assay.analytics;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the caller declares instead of letting the engine guess, plus the limits of an analysis. Immutable and
 * thread-safe. Every override is optional ({@code null} means "detect").
 *
 * <pre>{@code
 * AnalysisOptions options = AnalysisOptions.builder().delimiter(';').header(true).userColumn("customer").build();
 * AnalysisOptions fromUpload = AnalysisOptions.fromMap(Map.of("delimiter", "tab", "userColumn", "3"));
 * }</pre>
 */
public final class AnalysisOptions {

    /** The known format kinds, as written in the result's {@code format.kind}. */
    public static final List<String> KINDS = List.of("csv", "tsv", "jsonl", "log/apache-common",
            "log/apache-combined", "log/syslog", "log/app", "text");

    /** Default cap on decompressed bytes: 20 GiB. */
    public static final long DEFAULT_MAX_DECOMPRESSED_BYTES = 20L << 30;
    /** Default cap on the ratio of decompressed to compressed bytes. */
    public static final int DEFAULT_MAX_DECOMPRESSION_RATIO = 200;
    /** Default number of distinct values per column (and users) counted exactly before sketches take over. */
    public static final int DEFAULT_MAX_EXACT_DISTINCT = 100_000;

    /** What to compute. */
    public enum Scope {
        /** Everything: column profiles, users, timeline, log statistics. */
        FULL,
        /** Only lines, records, users and the timeline (skips column profiles): the fast path. */
        USER_ACTIVITY
    }

    private static final AnalysisOptions DEFAULTS = builder().build();
    private static final Set<String> KEYS = Set.of("format", "encoding", "delimiter", "header", "userColumn",
            "timestampColumn", "nullTokens");

    private final String format;
    private final Charset encoding;
    private final Character delimiter;
    private final Boolean header;
    private final String userColumn;
    private final String timestampColumn;
    private final Set<String> nullTokens;
    private final long maxDecompressedBytes;
    private final int maxDecompressionRatio;
    private final int maxExactDistinct;
    private final Scope scope;

    private AnalysisOptions(Builder b) {
        this.format = b.format;
        this.encoding = b.encoding;
        this.delimiter = b.delimiter;
        this.header = b.header;
        this.userColumn = b.userColumn;
        this.timestampColumn = b.timestampColumn;
        this.nullTokens = Set.copyOf(b.nullTokens);
        this.maxDecompressedBytes = b.maxDecompressedBytes;
        this.maxDecompressionRatio = b.maxDecompressionRatio;
        this.maxExactDistinct = b.maxExactDistinct;
        this.scope = b.scope;
    }

    /** Detect everything, default limits, full analysis. */
    public static AnalysisOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.format = format;
        b.encoding = encoding;
        b.delimiter = delimiter;
        b.header = header;
        b.userColumn = userColumn;
        b.timestampColumn = timestampColumn;
        b.nullTokens = new LinkedHashSet<>(nullTokens);
        b.maxDecompressedBytes = maxDecompressedBytes;
        b.maxDecompressionRatio = maxDecompressionRatio;
        b.maxExactDistinct = maxExactDistinct;
        b.scope = scope;
        return b;
    }

    /**
     * Options from their string form, as given with an upload or on the command line. Keys: {@code format}
     * (one of {@link #KINDS}), {@code encoding} (a charset name), {@code delimiter} (one character, or {@code tab}
     * / {@code \t}), {@code header} ({@code true}/{@code false}), {@code userColumn} and {@code timestampColumn}
     * (a column name, a 1-based column number, or for text and logs {@code /regex/} whose first group is the
     * user), {@code nullTokens} (comma-separated). Blank values are ignored.
     *
     * @throws IllegalArgumentException for an unknown key or a bad value, with a message meant for a person
     */
    public static AnalysisOptions fromMap(Map<String, String> values) {
        Objects.requireNonNull(values, "values");
        List<String> unknown = new ArrayList<>();
        for (String key : values.keySet()) {
            if (!KEYS.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown analysis option " + String.join(", ", unknown)
                    + "; known options are format, encoding, delimiter, header, userColumn, timestampColumn, nullTokens");
        }
        Builder b = builder();
        String v;
        if (!(v = trimmed(values.get("format"))).isEmpty()) {
            b.format(v);
        }
        if (!(v = trimmed(values.get("encoding"))).isEmpty()) {
            b.encoding(charset(v));
        }
        String rawDelimiter = values.get("delimiter");
        // a TAB is blank but not "not given": it is how the gateway stores delimiter=tab
        if (rawDelimiter != null && (rawDelimiter.equals("\t") || !rawDelimiter.isBlank())) {
            b.delimiter(delimiter(rawDelimiter));
        }
        if (!(v = trimmed(values.get("header"))).isEmpty()) {
            String h = v.toLowerCase(Locale.ROOT);
            if (!h.equals("true") && !h.equals("false")) {
                throw new IllegalArgumentException("Option header must be true or false, not '" + v + "'");
            }
            b.header(Boolean.parseBoolean(h));
        }
        if (!(v = trimmed(values.get("userColumn"))).isEmpty()) {
            b.userColumn(v);
        }
        if (!(v = trimmed(values.get("timestampColumn"))).isEmpty()) {
            b.timestampColumn(v);
        }
        if (!(v = trimmed(values.get("nullTokens"))).isEmpty()) {
            Set<String> tokens = new LinkedHashSet<>();
            for (String t : values.get("nullTokens").split(",", -1)) {
                tokens.add(t.trim());
            }
            b.nullTokens(tokens);
        }
        return b.build();
    }

    private static String trimmed(String s) {
        return s == null ? "" : s.trim();
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("Unknown encoding '" + name + "'; use a name such as UTF-8, UTF-16LE or windows-1252");
        }
    }

    private static char delimiter(String raw) {
        if (raw.equalsIgnoreCase("tab") || raw.equals("\\t") || raw.equals("\t")) {
            return '\t';
        }
        String d = raw.strip();
        if (d.length() != 1) {
            throw new IllegalArgumentException("Option delimiter must be one character (or 'tab'), not '" + raw + "'");
        }
        return d.charAt(0);
    }

    /** Declared format kind (one of {@link #KINDS}), or {@code null} to detect. */
    public String format() {
        return format;
    }

    /** Declared encoding, or {@code null} to detect. */
    public Charset encoding() {
        return encoding;
    }

    /** Declared delimiter, or {@code null} to detect. */
    public Character delimiter() {
        return delimiter;
    }

    /** Whether the first record is a header, or {@code null} to detect. */
    public Boolean header() {
        return header;
    }

    /** User column (name, 1-based number or {@code /regex/}), or {@code null} to detect. */
    public String userColumn() {
        return userColumn;
    }

    /** Timestamp column (name or 1-based number), or {@code null} to detect. */
    public String timestampColumn() {
        return timestampColumn;
    }

    /** Values to count as nulls besides the empty value; by default none, so {@code NA} is a value. */
    public Set<String> nullTokens() {
        return nullTokens;
    }

    /** Cap on decompressed bytes; past it the analysis fails with {@link AnalysisException.Reason#DECOMPRESSION_LIMIT}. */
    public long maxDecompressedBytes() {
        return maxDecompressedBytes;
    }

    /** Cap on decompressed bytes per compressed byte (checked past the first MiB). */
    public int maxDecompressionRatio() {
        return maxDecompressionRatio;
    }

    /**
     * Distinct values per column (and users) counted exactly before switching to sketches. Files with many columns
     * get a lower cap per column (2,000,000 keys shared by all columns, at least 1,000 each), and a column whose
     * distinct values take too many bytes switches early, so that memory stays bounded whatever the file.
     */
    public int maxExactDistinct() {
        return maxExactDistinct;
    }

    /** What to compute. */
    public Scope scope() {
        return scope;
    }

    @Override
    public String toString() {
        return "AnalysisOptions[format=" + format + ", encoding=" + encoding + ", delimiter=" + delimiter
                + ", header=" + header + ", userColumn=" + userColumn + ", timestampColumn=" + timestampColumn
                + ", nullTokens=" + nullTokens + ", scope=" + scope + "]";
    }

    /** Builder of {@link AnalysisOptions}; not thread-safe. */
    public static final class Builder {
        private String format;
        private Charset encoding;
        private Character delimiter;
        private Boolean header;
        private String userColumn;
        private String timestampColumn;
        private Set<String> nullTokens = new LinkedHashSet<>();
        private long maxDecompressedBytes = DEFAULT_MAX_DECOMPRESSED_BYTES;
        private int maxDecompressionRatio = DEFAULT_MAX_DECOMPRESSION_RATIO;
        private int maxExactDistinct = DEFAULT_MAX_EXACT_DISTINCT;
        private Scope scope = Scope.FULL;

        private Builder() {
        }

        /** Declares the format kind, one of {@link #KINDS}; {@code null} detects. */
        public Builder format(String kind) {
            if (kind != null && !KINDS.contains(kind)) {
                throw new IllegalArgumentException("Unknown format '" + kind + "'; use one of " + String.join(", ", KINDS));
            }
            this.format = kind;
            return this;
        }

        /** Declares the encoding; {@code null} detects. */
        public Builder encoding(Charset encoding) {
            this.encoding = encoding;
            return this;
        }

        /** Declares the field delimiter; {@code null} detects. */
        public Builder delimiter(Character delimiter) {
            if (delimiter != null && (delimiter == '"' || delimiter == '\n' || delimiter == '\r' || delimiter > 0x7f)) {
                throw new IllegalArgumentException("Delimiter must be an ASCII character other than a quote or a line break");
            }
            this.delimiter = delimiter;
            return this;
        }

        /** Declares whether the first record is a header; {@code null} detects. */
        public Builder header(Boolean header) {
            this.header = header;
            return this;
        }

        /**
         * Declares the user column: a name, a 1-based number, or {@code /regex/} for text and logs.
         *
         * @throws IllegalArgumentException when a {@code /regex/} value is not a valid regular expression
         */
        public Builder userColumn(String column) {
            String s = column == null ? "" : column.strip();
            if (s.length() > 2 && s.startsWith("/") && s.endsWith("/")) {
                try {
                    Pattern.compile(s.substring(1, s.length() - 1));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("User column pattern " + s
                            + " is not a valid regular expression: " + e.getDescription());
                }
            }
            this.userColumn = column;
            return this;
        }

        /** Declares the timestamp column: a name or a 1-based number. */
        public Builder timestampColumn(String column) {
            this.timestampColumn = column;
            return this;
        }

        /** Values counted as nulls besides the empty value. */
        public Builder nullTokens(Set<String> tokens) {
            this.nullTokens = new LinkedHashSet<>(tokens);
            return this;
        }

        /** Cap on decompressed bytes (positive). */
        public Builder maxDecompressedBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxDecompressedBytes must be positive");
            }
            this.maxDecompressedBytes = bytes;
            return this;
        }

        /** Cap on the decompression ratio (positive). */
        public Builder maxDecompressionRatio(int ratio) {
            if (ratio <= 0) {
                throw new IllegalArgumentException("maxDecompressionRatio must be positive");
            }
            this.maxDecompressionRatio = ratio;
            return this;
        }

        /** Distinct values counted exactly before sketches take over (at least 16). */
        public Builder maxExactDistinct(int count) {
            if (count < 16) {
                throw new IllegalArgumentException("maxExactDistinct must be at least 16");
            }
            this.maxExactDistinct = count;
            return this;
        }

        /** What to compute. */
        public Builder scope(Scope scope) {
            this.scope = Objects.requireNonNull(scope, "scope");
            return this;
        }

        /** The options. */
        public AnalysisOptions build() {
            return new AnalysisOptions(this);
        }
    }
}

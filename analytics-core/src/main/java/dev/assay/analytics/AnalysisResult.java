package dev.assay.analytics;

import java.util.List;

/**
 * The result of one analysis, shaped exactly as the "Result model" of the design: the field names are a contract
 * read by the gateway and the dashboard. Instances are immutable; {@link ResultJson} writes them as JSON.
 *
 * @param format            what the input was found (or declared) to be
 * @param bytes             raw bytes read from the input as given (compressed bytes for gzip input)
 * @param lines             lines of the decoded text: a line ends at {@code \n}, {@code \r\n} or a lone {@code \r};
 *                          a last line without an ending counts if it is not empty
 * @param records           data records (a header and comment lines are not records; a quoted CSV field may span
 *                          lines; a multi-line log entry is one record). Malformed records are included
 * @param malformedRecords  records that did not have the expected shape
 * @param malformedExamples at most ten examples of malformed records, in file order
 * @param columns           one profile per column (CSV/TSV columns, JSON keys, log fields)
 * @param users             user activity, or {@code null} when no user column was found or given
 * @param timeline          events over time, or {@code null} when there is no timestamp
 * @param log               log statistics for log kinds, else {@code null}
 * @param warnings          what had to be guessed or skipped, in plain words
 */
public record AnalysisResult(Format format, long bytes, long lines, long records, long malformedRecords,
                             List<MalformedExample> malformedExamples, List<Column> columns, Users users,
                             Timeline timeline, LogStats log, List<String> warnings) {

    public AnalysisResult {
        malformedExamples = List.copyOf(malformedExamples);
        columns = List.copyOf(columns);
        warnings = List.copyOf(warnings);
    }

    /** Finds a column profile by name. */
    public java.util.Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * @param kind        {@code csv}, {@code tsv}, {@code jsonl}, {@code log/apache-common},
     *                    {@code log/apache-combined}, {@code log/syslog}, {@code log/app} or {@code text}
     * @param encoding    the character set of the input, e.g. {@code UTF-8}, {@code UTF-16LE}, {@code windows-1252}
     * @param delimiter   the field delimiter of delimited text, else {@code null}
     * @param hasHeader   whether the first record is a header
     * @param compression {@code none} or {@code gzip}
     */
    public record Format(String kind, String encoding, String delimiter, boolean hasHeader, String compression) {
    }

    /** A malformed record: the line it starts on (1-based) and why it is malformed. */
    public record MalformedExample(long line, String reason) {
    }

    /**
     * Profile of one column.
     *
     * @param name               column name (from the header, the JSON key or the log field; {@code column<N>} when
     *                           there is no header)
     * @param type               {@code integer}, {@code decimal}, {@code boolean}, {@code timestamp}, {@code date}
     *                           or {@code string}: the narrowest type every non-null value fits
     * @param nulls              empty values, and values equal to a declared null token
     * @param distinct           distinct non-null values (an HLL estimate when {@code distinctIsEstimate})
     * @param distinctIsEstimate whether distinct values exceeded the exact-count cap; the estimate is then
     *                           within about 2% (HLL, lgK 12, 95% confidence), and top values are frequent-item
     *                           estimates
     * @param min                smallest value: a number for numeric columns, an ISO-8601 string for dates and
     *                           timestamps, else the lexicographically smallest string; {@code null} if none
     * @param max                largest value, as {@code min}
     * @param mean               arithmetic mean of numeric columns, else {@code null}
     * @param stddev             population standard deviation of numeric columns, else {@code null}
     * @param quantiles          p50/p90/p99 of numeric columns (KLL sketch, rank error below 1.4%), else {@code null}
     * @param topValues          up to ten most frequent values, most frequent first
     */
    public record Column(String name, String type, long nulls, long distinct, boolean distinctIsEstimate,
                         Object min, Object max, Double mean, Double stddev, Quantiles quantiles,
                         List<ValueCount> topValues) {
        public Column {
            topValues = List.copyOf(topValues);
        }
    }

    /** Quantiles of a numeric column. */
    public record Quantiles(double p50, double p90, double p99) {
    }

    /** A value and how often it occurred. */
    public record ValueCount(String value, long count) {
    }

    /**
     * User activity.
     *
     * @param column             the user column (a column name, a log field such as {@code client}, or the
     *                           pattern given)
     * @param distinct           distinct users (an HLL estimate when {@code distinctIsEstimate})
     * @param distinctIsEstimate whether users exceeded the exact-count cap
     * @param top                up to 20 most active users, most active first
     * @param histogram          users by number of events, in power-of-two bins; empty when estimated
     */
    public record Users(String column, long distinct, boolean distinctIsEstimate, List<UserActivity> top,
                        List<HistogramBin> histogram) {
        public Users {
            top = List.copyOf(top);
            histogram = List.copyOf(histogram);
        }
    }

    /** One user's activity; {@code firstSeen}/{@code lastSeen} are ISO-8601 instants or {@code null}. */
    public record UserActivity(String id, long events, String firstSeen, String lastSeen) {
    }

    /** Users with between {@code minEvents} and {@code maxEvents} events (inclusive). */
    public record HistogramBin(long minEvents, long maxEvents, long users) {
    }

    /**
     * Events over time in UTC.
     *
     * @param column      the timestamp column or log field used
     * @param bucketWidth ISO-8601 duration of one bucket, e.g. {@code PT1H}
     * @param buckets     consecutive buckets from the first to the last event (empty buckets included)
     */
    public record Timeline(String column, String bucketWidth, List<Bucket> buckets) {
        public Timeline {
            buckets = List.copyOf(buckets);
        }
    }

    /** A timeline bucket: its start (ISO-8601 instant, UTC) and the events in it. */
    public record Bucket(String start, long count) {
    }

    /**
     * Statistics of log files.
     *
     * @param statusCodes HTTP status codes (access logs)
     * @param methods     HTTP methods (access logs)
     * @param levels      log levels (application logs, syslog severities when present)
     * @param topPaths    most requested paths, without query string (access logs)
     * @param bytes       response bytes summed (access logs)
     * @param errorRate   share of entries that are errors: status 400 and above for access logs, level ERROR or
     *                    worse for application logs
     */
    public record LogStats(List<ValueCount> statusCodes, List<ValueCount> methods, List<ValueCount> levels,
                           List<ValueCount> topPaths, long bytes, double errorRate) {
        public LogStats {
            statusCodes = List.copyOf(statusCodes);
            methods = List.copyOf(methods);
            levels = List.copyOf(levels);
            topPaths = List.copyOf(topPaths);
        }
    }
}

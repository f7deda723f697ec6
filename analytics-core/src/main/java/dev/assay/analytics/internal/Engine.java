package dev.assay.analytics.internal;

import dev.assay.analytics.AnalysisException;
import dev.assay.analytics.AnalysisOptions;
import dev.assay.analytics.PreviewListener;
import dev.assay.analytics.ProgressListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/** Reads the records of one input (or chunk) according to its {@link Plan} into an {@link Accumulator}. */
final class Engine {

    static final int MAX_RECORD_BYTES = 4 << 20;
    private static final int BUFFER = 1 << 18;
    private static final long PROGRESS_NANOS = 250_000_000L;

    private final Source source;
    private final Plan plan;
    private final Accumulator acc;
    private final ProgressListener listener;
    private final boolean first;
    private long lastProgress = System.nanoTime();
    /** Hears previews while a whole input is analysed; null for pieces and plain progress listeners. */
    private final PreviewListener previews;
    private final long previewNanos;
    private long lastPreview = System.nanoTime();

    private Engine(Source source, Plan plan, AnalysisOptions options, ProgressListener listener, boolean first) {
        this.source = source;
        this.plan = plan;
        this.listener = listener;
        this.first = first;
        this.previews = first && listener instanceof PreviewListener p ? p : null;
        this.previewNanos = previews == null ? 0 : previews.previewInterval().toNanos();
        this.acc = Accumulator.forPlan(plan, options);
        if (acc.settings.full) {
            for (String c : plan.columns) {
                acc.column(c);
            }
        }
    }

    static Accumulator run(Source source, Plan plan, AnalysisOptions options, ProgressListener listener, boolean first)
            throws AnalysisException {
        Engine e = new Engine(source, plan, options, listener, first);
        try {
            if (plan.delimited()) {
                e.delimited();
            } else {
                e.lines();
            }
        } catch (Source.LimitExceeded ex) {
            throw new AnalysisException(AnalysisException.Reason.DECOMPRESSION_LIMIT, ex.getMessage(), ex);
        } catch (Source.Corrupt ex) {
            throw new AnalysisException(AnalysisException.Reason.CORRUPT_COMPRESSION, ex.getMessage(), ex);
        } catch (java.util.zip.ZipException | java.io.EOFException ex) {
            throw new AnalysisException(AnalysisException.Reason.CORRUPT_COMPRESSION,
                    "The gzip data is " + Source.Corrupt.describe(ex), ex);
        } catch (IOException ex) {
            throw new AnalysisException(AnalysisException.Reason.IO_ERROR, "Reading the input failed: " + ex.getMessage(), ex);
        }
        e.acc.rawBytes = source.raw.count;
        e.progress();
        return e.acc;
    }

    private void maybeProgress() {
        long now = System.nanoTime();
        if (now - lastProgress >= PROGRESS_NANOS) {
            lastProgress = now;
            progress();
        }
    }

    private void progress() {
        listener.onProgress(new ProgressListener.Progress(source.raw.count, acc.records));
        if (previews != null && System.nanoTime() - lastPreview >= previewNanos) {
            lastPreview = System.nanoTime();
            previews.onPreview(Results.preview(plan, acc));
        }
    }

    private void delimited() throws IOException {
        CsvReader r = new CsvReader(source.text, plan.delimiter, BUFFER, MAX_RECORD_BYTES);
        boolean headerPending = first && plan.hasHeader;
        int width = plan.columns.size();
        ColumnStats[] cols = acc.settings.full ? acc.columns.toArray(new ColumnStats[0]) : new ColumnStats[0];
        int userIndex = plan.userIndex;
        int timeIndex = plan.timeIndex;
        byte comment = plan.commentByte;
        long blank = 0;
        long records = 0;
        while (r.next()) {
            byte[] b = r.buf;
            if (comment != 0 && r.fieldCount > 0 && r.ends[0] > r.starts[0] && b[r.starts[0]] == comment) {
                continue;
            }
            if (r.isEmptyLine()) {
                blank++;
                continue;
            }
            if (headerPending) {
                headerPending = false;
                continue;
            }
            records++;
            int n = r.fieldCount;
            if (r.problem != null) {
                acc.malformed(r.recordLine, r.problem);
            } else if (n != width) {
                acc.malformed(r.recordLine, "expected " + width + " fields, found " + n);
            }
            if (n > width) {
                n = width;
            }
            for (int i = 0; i < cols.length && i < n; i++) {
                cols[i].add(b, r.starts[i], r.ends[i]);
            }
            long time = Long.MIN_VALUE;
            if (timeIndex >= 0 && timeIndex < n) {
                time = acc.instant(b, r.starts[timeIndex], r.ends[timeIndex]);
                if (time != Long.MIN_VALUE) {
                    acc.timeline.add(time);
                }
            }
            if (userIndex >= 0 && userIndex < n) {
                acc.user(b, r.starts[userIndex], r.ends[userIndex], time);
            }
            if ((records & 1023) == 0) {
                acc.records = records;
                maybeProgress();
            }
        }
        acc.records = records;
        acc.lines = r.lines();
        acc.blankLines = blank;
    }

    /** Line-based kinds: JSON lines, logs, text. */
    private void lines() throws IOException {
        LineReader r = new LineReader(source.text, BUFFER, MAX_RECORD_BYTES);
        LineHandler h = switch (plan.kind) {
            case "jsonl" -> new JsonHandler();
            case "log/apache-common", "log/apache-combined" -> new AccessHandler();
            case "log/syslog" -> new SyslogHandler();
            case "log/app" -> new AppHandler();
            default -> new TextHandler();
        };
        while (r.next()) {
            if (r.cut) {
                acc.malformed(r.lineNumber(), "line longer than " + (MAX_RECORD_BYTES >> 20) + " MiB; cut");
            }
            h.line(r.buf, r.start, r.end, r.lineNumber(), r.nul);
            if ((acc.records & 1023) == 0) {
                maybeProgress();
            }
        }
        h.finish();
        acc.lines = r.lines();
    }

    private abstract class LineHandler {
        abstract void line(byte[] b, int s, int e, long lineNo, boolean nul);

        void finish() {
        }

        /** Records the user of the record whose (first) line is {@code line}. */
        void userFromText(String line, long time) {
            if (plan.userPattern != null) {
                Matcher m = plan.userPattern.matcher(line);
                if (m.find()) {
                    String id = m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group();
                    byte[] b = id.getBytes(StandardCharsets.UTF_8);
                    acc.userExact(b, 0, b.length, time);
                }
            } else if (plan.userWordIndex >= 0) {
                String w = word(line, plan.userWordIndex);
                if (w != null) {
                    byte[] b = w.getBytes(StandardCharsets.UTF_8);
                    acc.user(b, 0, b.length, time);
                }
            }
        }

        void fields(List<String> names, String[] values, long lineNo) {
            long time = Long.MIN_VALUE;
            for (int i = 0; i < values.length; i++) {
                String v = values[i];
                if (v == null) {
                    continue;
                }
                byte[] b = v.getBytes(StandardCharsets.UTF_8);
                if (acc.settings.full) {
                    acc.column(names.get(i)).add(b, 0, b.length);
                }
                if (i == plan.timeIndex) {
                    time = acc.instant(b, 0, b.length);
                    if (time != Long.MIN_VALUE) {
                        acc.timeline.add(time);
                    }
                }
            }
            if (plan.userIndex >= 0 && plan.userIndex < values.length && values[plan.userIndex] != null) {
                byte[] b = values[plan.userIndex].getBytes(StandardCharsets.UTF_8);
                acc.user(b, 0, b.length, time);
            }
        }
    }

    static String word(String line, int index) {
        int i = 0;
        int n = line.length();
        int w = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return null;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (w++ == index) {
                return line.substring(start, i);
            }
        }
        return null;
    }

    private final class TextHandler extends LineHandler {
        @Override
        void line(byte[] b, int s, int e, long lineNo, boolean nul) {
            if (Bytes.isBlank(b, s, e)) {
                return;
            }
            acc.records++;
            if (nul) {
                acc.malformed(lineNo, "NUL byte");
            }
            if (plan.userPattern != null || plan.userWordIndex >= 0) {
                userFromText(Bytes.str(b, s, e), Long.MIN_VALUE);
            }
        }
    }

    private final class JsonHandler extends LineHandler {
        @Override
        void line(byte[] b, int s, int e, long lineNo, boolean nul) {
            if (Bytes.isBlank(b, s, e)) {
                return;
            }
            acc.records++;
            Map<String, String> row = JsonLines.flatTopLevel(Bytes.str(b, s, e));
            if (row == null) {
                acc.malformed(lineNo, "not a JSON object");
                return;
            }
            long time = Long.MIN_VALUE;
            for (Map.Entry<String, String> kv : row.entrySet()) {
                String v = kv.getValue();
                byte[] vb = v == null ? new byte[0] : v.getBytes(StandardCharsets.UTF_8);
                if (acc.settings.full) {
                    acc.column(kv.getKey()).add(vb, 0, vb.length);
                }
                if (kv.getKey().equals(plan.timeLabel) && v != null) {
                    time = acc.instant(vb, 0, vb.length);
                    if (time != Long.MIN_VALUE) {
                        acc.timeline.add(time);
                    }
                }
            }
            if (plan.userLabel != null) {
                String u = row.get(plan.userLabel);
                if (u != null) {
                    byte[] ub = u.getBytes(StandardCharsets.UTF_8);
                    acc.user(ub, 0, ub.length, time);
                }
            }
        }
    }

    private final class AccessHandler extends LineHandler {
        @Override
        void line(byte[] b, int s, int e, long lineNo, boolean nul) {
            if (Bytes.isBlank(b, s, e)) {
                return;
            }
            acc.records++;
            String line = Bytes.str(b, s, e);
            Matcher m = LogFormats.ACCESS.matcher(line);
            if (!m.matches()) {
                acc.malformed(lineNo, "not an access-log line");
                return;
            }
            int n = plan.columns.size();
            String[] v = new String[n];
            for (int i = 0; i < n; i++) {
                String g = m.group(i + 1);
                v[i] = g == null || g.equals("-") ? null : g;
            }
            fields(plan.columns, v, lineNo);
            if (plan.userPattern != null || plan.userWordIndex >= 0) {
                userFromText(line, Long.MIN_VALUE);
            }
            LogStats log = acc.log;
            log.entries++;
            String status = m.group(8);
            addKey(log.status, status);
            if (m.group(5) != null) {
                addKey(log.methods, m.group(5));
            }
            String path = m.group(6);
            if (path != null) {
                int q = path.indexOf('?');
                addKey(log.paths, q >= 0 ? path.substring(0, q) : path);
            }
            if (status.charAt(0) >= '4' && status.charAt(0) <= '5') {
                log.errors++;
            }
            String bytes = m.group(9);
            if (bytes.chars().allMatch(Character::isDigit) && bytes.length() < 18) {
                log.bytes += Long.parseLong(bytes);
            }
        }
    }

    private static void addKey(KeyCounter c, String key) {
        byte[] b = key.getBytes(StandardCharsets.UTF_8);
        c.add(b, 0, b.length, Long.MIN_VALUE);
    }

    private final class SyslogHandler extends LineHandler {
        @Override
        void line(byte[] b, int s, int e, long lineNo, boolean nul) {
            if (Bytes.isBlank(b, s, e)) {
                return;
            }
            String line = Bytes.str(b, s, e);
            acc.records++;
            acc.log.entries++;
            Matcher m = LogFormats.SYSLOG_3164.matcher(line);
            String[] v;
            String level = null;
            if (m.matches()) {
                v = new String[] {m.group(2), m.group(3), m.group(4), m.group(5)};
                if (m.group(1) != null) {
                    level = LogFormats.severity(Integer.parseInt(m.group(1)));
                }
            } else {
                Matcher m5 = LogFormats.SYSLOG_5424.matcher(line);
                if (!m5.matches()) {
                    acc.malformed(lineNo, "not a syslog line");
                    return;
                }
                v = new String[] {m5.group(2), m5.group(3), m5.group(4), m5.group(5)};
                level = LogFormats.severity(Integer.parseInt(m5.group(1)));
            }
            if (level == null) {
                level = LogFormats.level(line, 0);
            }
            if (level != null) {
                addKey(acc.log.levels, level);
                if (LogFormats.ERROR_LEVELS.contains(level)) {
                    acc.log.errors++;
                }
            }
            fields(plan.columns, v, lineNo);
            if (plan.userPattern != null || plan.userWordIndex >= 0) {
                userFromText(line, Long.MIN_VALUE);
            }
        }
    }

    /** Application logs: an entry starts at a timestamped line; other lines (stack traces) belong to it. */
    private final class AppHandler extends LineHandler {
        private boolean inEntry;

        @Override
        void line(byte[] b, int s, int e, long lineNo, boolean nul) {
            String line = Bytes.str(b, s, e);
            Matcher m = LogFormats.APP.matcher(line);
            if (!m.matches()) {
                if (!inEntry && !line.isBlank()) {
                    acc.records++;
                    inEntry = true;
                    if (plan.userPattern != null || plan.userWordIndex >= 0) {
                        userFromText(line, Long.MIN_VALUE);
                    }
                }
                return;
            }
            inEntry = true;
            acc.records++;
            acc.log.entries++;
            String level = LogFormats.level(line, m.end(1));
            if (level != null) {
                addKey(acc.log.levels, level);
                if (LogFormats.ERROR_LEVELS.contains(level)) {
                    acc.log.errors++;
                }
            }
            String ts = m.group(1);
            fields(plan.columns, new String[] {ts, level}, lineNo);
            if (plan.userPattern != null || plan.userWordIndex >= 0) {
                userFromText(line, Long.MIN_VALUE);
            }
        }
    }
}

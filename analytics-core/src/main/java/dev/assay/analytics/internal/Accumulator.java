package dev.assay.analytics.internal;

import dev.assay.analytics.AnalysisOptions;
import dev.assay.analytics.AnalysisResult;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything counted about one piece of input: the state behind a partial result. Pieces merge in file order
 * ({@link #merge} assumes {@code next} follows this one). Not thread-safe.
 */
final class Accumulator {

    private static final int MAX_EXAMPLES = 10;

    final Settings settings;
    long rawBytes;
    long lines;
    long records;
    long malformed;
    /** Empty lines skipped between records of delimited text. */
    long blankLines;
    final List<AnalysisResult.MalformedExample> examples = new ArrayList<>();
    final List<ColumnStats> columns = new ArrayList<>();
    private final Map<String, Integer> columnIndex = new HashMap<>();
    final KeyCounter users;
    final TimelineStats timeline = new TimelineStats();
    final LogStats log;
    final Set<String> warnings = new LinkedHashSet<>();
    private final Values timeParser;

    Accumulator(Settings settings, boolean logStats) {
        this.settings = settings;
        this.users = new KeyCounter(settings.maxExactDistinct, Settings.USER_ARENA_BYTES, true);
        this.log = logStats ? new LogStats(settings.maxExactDistinct) : null;
        this.timeParser = new Values(false, true, settings.assumedYear);
    }

    /** An empty accumulator for input read with this plan. */
    static Accumulator forPlan(Plan plan, AnalysisOptions options) {
        Settings settings = new Settings(options, plan.decimalComma, plan.assumedYear, plan.columns.size());
        Accumulator acc = new Accumulator(settings, plan.kind.startsWith("log/"));
        acc.dayFirst = plan.dayFirst;
        return acc;
    }

    void malformed(long line, String reason) {
        malformed++;
        if (examples.size() < MAX_EXAMPLES) {
            examples.add(new AnalysisResult.MalformedExample(line, reason));
        }
    }

    /** The column of this name, created at the end if new. */
    ColumnStats column(String name) {
        Integer i = columnIndex.get(name);
        if (i != null) {
            return columns.get(i);
        }
        ColumnStats c = new ColumnStats(name, settings);
        columnIndex.put(name, columns.size());
        columns.add(c);
        return c;
    }

    int columnCount() {
        return columns.size();
    }

    /** Parses {@code b[s..e)} as an instant; {@link Long#MIN_VALUE} when it is not one. */
    long instant(byte[] b, int s, int e) {
        while (s < e && b[s] == ' ') {
            s++;
        }
        while (e > s && b[e - 1] == ' ') {
            e--;
        }
        if (s == e) {
            return Long.MIN_VALUE;
        }
        int m = timeParser.classify(b, s, e, Values.TS | Values.INT | Values.DEC);
        if ((m & Values.TS) == 0) {
            return Long.MIN_VALUE;
        }
        if ((timeParser.flags & Values.F_SLASH) != 0 && dayFirst) {
            return timeParser.epochMillisDmy;
        }
        return timeParser.epochMillis;
    }

    boolean dayFirst;

    void user(byte[] b, int s, int e, long time) {
        while (s < e && b[s] == ' ') {
            s++;
        }
        while (e > s && b[e - 1] == ' ') {
            e--;
        }
        if (s < e && !isNullToken(b, s, e)) {
            users.add(b, s, e, time);
        }
    }

    private boolean isNullToken(byte[] b, int s, int e) {
        for (byte[] t : settings.nullTokens) {
            if (Bytes.equals(t, b, s, e)) {
                return true;
            }
        }
        return false;
    }

    /** Records a user id exactly as given (no trimming: a pattern decides what the id is). */
    void userExact(byte[] b, int s, int e, long time) {
        if (s < e) {
            users.add(b, s, e, time);
        }
    }

    void merge(Accumulator next) {
        for (AnalysisResult.MalformedExample ex : next.examples) {
            if (examples.size() < MAX_EXAMPLES) {
                examples.add(new AnalysisResult.MalformedExample(ex.line() + lines, ex.reason()));
            }
        }
        rawBytes += next.rawBytes;
        lines += next.lines;
        records += next.records;
        malformed += next.malformed;
        blankLines += next.blankLines;
        for (ColumnStats c : next.columns) {
            Integer i = columnIndex.get(c.name);
            if (i == null) {
                columnIndex.put(c.name, columns.size());
                columns.add(c);
            } else {
                columns.get(i).merge(c);
            }
        }
        users.merge(next.users);
        timeline.merge(next.timeline);
        if (log != null && next.log != null) {
            log.merge(next.log);
        }
        warnings.addAll(next.warnings);
    }

    void writeTo(DataOutputStream out) throws IOException {
        out.writeLong(rawBytes);
        out.writeLong(lines);
        out.writeLong(records);
        out.writeLong(malformed);
        out.writeLong(blankLines);
        out.writeInt(examples.size());
        for (AnalysisResult.MalformedExample ex : examples) {
            out.writeLong(ex.line());
            StateCodec.writeString(out, ex.reason());
        }
        out.writeInt(columns.size());
        for (ColumnStats c : columns) {
            StateCodec.writeString(out, c.name);
            c.writeTo(out);
        }
        users.writeTo(out);
        timeline.writeTo(out);
        out.writeBoolean(log != null);
        if (log != null) {
            log.writeTo(out);
        }
        out.writeInt(warnings.size());
        for (String w : warnings) {
            StateCodec.writeString(out, w);
        }
    }

    /** Restores what {@link #writeTo} wrote into this new accumulator (made from the same plan). */
    void readFrom(DataInputStream in) throws IOException {
        rawBytes = in.readLong();
        lines = in.readLong();
        records = in.readLong();
        malformed = in.readLong();
        blankLines = in.readLong();
        int n = StateCodec.readCount(in);
        for (int i = 0; i < n; i++) {
            long line = in.readLong();
            examples.add(new AnalysisResult.MalformedExample(line, StateCodec.readString(in)));
        }
        n = StateCodec.readCount(in);
        for (int i = 0; i < n; i++) {
            column(StateCodec.readString(in)).readFrom(in);
        }
        users.readFrom(in);
        timeline.readFrom(in);
        if (in.readBoolean() != (log != null)) {
            throw new IOException("The partial result's log statistics do not fit this file's format");
        }
        if (log != null) {
            log.readFrom(in);
        }
        n = StateCodec.readCount(in);
        for (int i = 0; i < n; i++) {
            warnings.add(StateCodec.readString(in));
        }
    }
}

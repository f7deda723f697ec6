package dev.assay.analytics.internal;

import dev.assay.analytics.AnalysisOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Decides the {@link Plan} of an input from its first bytes and the caller's overrides. */
final class Sniffer {

    private static final int SAMPLE_LINES = 500;
    private static final byte[] CANDIDATES = {',', '\t', ';', '|'};
    /** Column names (normalised) that name a user, most telling first. */
    private static final List<String> USER_NAMES = List.of("userid", "username", "user", "customerid", "customer",
            "actor", "actorid", "accountid", "account", "memberid", "login", "clientid", "clientip", "client", "srcip",
            "sourceip", "remoteaddr", "remoteip", "idorigh");

    private Sniffer() {
    }

    static Plan plan(Source source, AnalysisOptions options) {
        Plan plan = new Plan();
        plan.charset = source.charset;
        plan.encodingName = source.encodingName;
        plan.bom = source.bom;
        plan.compression = source.compression;
        plan.assumedYear = Timestamps.currentYear();
        plan.warnings.addAll(source.warnings);
        List<String> lines = lines(source.sample, source.sampleIsAll);
        String kind = options.format();
        if (kind == null) {
            kind = detectKind(lines, options);
        }
        plan.kind = kind;
        switch (kind) {
            case "csv", "tsv" -> delimited(plan, source, lines, options);
            case "jsonl" -> jsonl(plan, lines, options);
            case "log/apache-common" -> logColumns(plan, LogFormats.ACCESS_COMMON, options);
            case "log/apache-combined" -> logColumns(plan, LogFormats.ACCESS_COMBINED, options);
            case "log/syslog" -> logColumns(plan, LogFormats.SYSLOG_FIELDS, options);
            case "log/app" -> logColumns(plan, LogFormats.APP_FIELDS, options);
            default -> textColumns(plan, options);
        }
        return plan;
    }

    static List<String> lines(byte[] sample, boolean complete) {
        String text = new String(sample, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length() && out.size() < SAMPLE_LINES; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (complete && start < text.length() && out.size() < SAMPLE_LINES) {
            out.add(text.substring(start));
        }
        if (out.isEmpty() && !text.isEmpty()) {
            out.add(text);
        }
        return out;
    }

    private static String detectKind(List<String> lines, AnalysisOptions options) {
        List<String> nonEmpty = lines.stream().filter(l -> !l.isBlank()).toList();
        if (nonEmpty.isEmpty()) {
            return options.delimiter() != null ? (options.delimiter() == '\t' ? "tsv" : "csv") : "text";
        }
        if (options.delimiter() != null) {
            return options.delimiter() == '\t' ? "tsv" : "csv";
        }
        int n = nonEmpty.size();
        String first = nonEmpty.get(0).strip();
        if (first.startsWith("{") && share(nonEmpty, l -> l.strip().startsWith("{") && l.strip().endsWith("}")) >= 0.9) {
            return "jsonl";
        }
        int access = 0;
        int combined = 0;
        for (String l : nonEmpty) {
            Matcher m = LogFormats.ACCESS.matcher(l);
            if (m.matches()) {
                access++;
                if (m.group(11) != null) {
                    combined++;
                }
            }
        }
        if (access >= 0.6 * n) {
            return combined >= 0.6 * access ? "log/apache-combined" : "log/apache-common";
        }
        if (share(nonEmpty, l -> LogFormats.SYSLOG_3164.matcher(l).matches() || LogFormats.SYSLOG_5424.matcher(l).matches()) >= 0.6) {
            return "log/syslog";
        }
        DelimiterGuess guess = guessDelimiter(lines);
        int app = 0;
        int leveled = 0;
        for (String l : nonEmpty) {
            Matcher m = LogFormats.APP.matcher(l);
            if (m.matches()) {
                app++;
                if (LogFormats.level(l, m.end(1)) != null) {
                    leveled++;
                }
            }
        }
        if (app >= 0.5 * n && (guess == null || leveled >= 0.5 * app || guess.consistency < 0.9)) {
            return "log/app";
        }
        if (guess != null) {
            return guess.delimiter == '\t' ? "tsv" : "csv";
        }
        if (singleColumn(nonEmpty)) {
            return "csv";
        }
        return "text";
    }

    /** A header-like name followed by short values without spaces: a table of one column. */
    private static boolean singleColumn(List<String> lines) {
        if (lines.size() < 2 || !lines.get(0).strip().matches("[\\p{L}_][\\p{L}\\p{N}_ .-]{0,63}")) {
            return false;
        }
        long plain = lines.stream().skip(1).filter(l -> l.length() <= 100 && !l.strip().contains(" ")).count();
        return plain >= 0.9 * (lines.size() - 1);
    }

    private static double share(List<String> lines, java.util.function.Predicate<String> p) {
        long hits = lines.stream().filter(p).count();
        return lines.isEmpty() ? 0 : (double) hits / lines.size();
    }

    private record DelimiterGuess(byte delimiter, int fields, double consistency) {
    }

    private static DelimiterGuess guessDelimiter(List<String> lines) {
        String joined = String.join("\n", lines.subList(0, Math.min(lines.size(), 200)));
        byte[] bytes = joined.getBytes(StandardCharsets.UTF_8);
        DelimiterGuess best = null;
        for (byte d : CANDIDATES) {
            List<Integer> counts = new ArrayList<>();
            for (List<String> rec : records(bytes, d, 200)) {
                if (rec.size() == 1 && rec.get(0).isEmpty()) {
                    continue;
                }
                if (rec.get(0).startsWith("#")) {
                    continue;
                }
                counts.add(rec.size());
            }
            if (counts.isEmpty()) {
                continue;
            }
            Map<Integer, Integer> freq = new HashMap<>();
            for (int c : counts) {
                freq.merge(c, 1, Integer::sum);
            }
            int mode = 0;
            int modeCount = 0;
            for (Map.Entry<Integer, Integer> e : freq.entrySet()) {
                if (e.getValue() > modeCount || e.getValue() == modeCount && e.getKey() > mode) {
                    mode = e.getKey();
                    modeCount = e.getValue();
                }
            }
            double consistency = (double) modeCount / counts.size();
            if (mode < 2 || (counts.size() > 3 && consistency < 0.5) || counts.get(0) < 2) {
                continue;
            }
            if (best == null || consistency > best.consistency + 0.1
                    || (consistency >= best.consistency - 0.1 && mode > best.fields)) {
                best = new DelimiterGuess(d, mode, consistency);
            }
        }
        return best;
    }

    /** Parses up to {@code max} records of {@code bytes} with the real tokenizer. */
    static List<List<String>> records(byte[] bytes, byte delimiter, int max) {
        List<List<String>> out = new ArrayList<>();
        CsvReader r = new CsvReader(new ByteArrayInputStream(bytes), delimiter, Math.max(1024, bytes.length + 16), 1 << 22);
        try {
            while (out.size() < max && r.next()) {
                List<String> rec = new ArrayList<>(r.fieldCount);
                for (int i = 0; i < r.fieldCount; i++) {
                    rec.add(Bytes.str(r.buf, r.starts[i], r.ends[i]));
                }
                out.add(rec);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static void delimited(Plan plan, Source source, List<String> lines, AnalysisOptions options) {
        byte delimiter;
        if (options.delimiter() != null) {
            delimiter = (byte) options.delimiter().charValue();
        } else if (plan.kind.equals("tsv")) {
            delimiter = '\t';
        } else {
            DelimiterGuess g = guessDelimiter(lines);
            boolean declaredCsv = "csv".equals(options.format());
            delimiter = g != null && !(declaredCsv && g.delimiter == '\t') ? g.delimiter : (byte) ',';
        }
        plan.delimiter = delimiter;
        plan.kind = options.format() != null ? options.format() : delimiter == '\t' ? "tsv" : "csv";
        plan.decimalComma = delimiter == ';';
        byte[] sample = source.sample;
        int sampleEnd = sample.length;
        if (!source.sampleIsAll) {
            int lastNl = Math.max(lastIndexOf(sample, (byte) '\n'), lastIndexOf(sample, (byte) '\r'));
            sampleEnd = Math.max(lastNl + 1, 0);
        }
        byte[] complete = java.util.Arrays.copyOf(sample, sampleEnd);
        List<List<String>> recs = new ArrayList<>(records(complete, delimiter, SAMPLE_LINES));
        List<String> zeekFields = null;
        if (!recs.isEmpty() && recs.get(0).get(0).startsWith("#")) {
            plan.commentByte = '#';
            for (List<String> r : recs) {
                if (r.get(0).startsWith("#fields") && r.size() > 1 && delimiter == '\t') {
                    zeekFields = r.subList(1, r.size());
                }
            }
        }
        recs.removeIf(r -> (r.size() == 1 && r.get(0).isEmpty()) || (plan.commentByte != 0 && r.get(0).startsWith("#")));
        List<String> names;
        if (zeekFields != null && options.header() == null) {
            plan.hasHeader = false;
            names = new ArrayList<>(zeekFields);
        } else {
            boolean header = options.header() != null ? options.header() : looksLikeHeader(recs, plan.decimalComma);
            plan.hasHeader = header && !recs.isEmpty() || header && options.header() != null;
            if (plan.hasHeader && !recs.isEmpty()) {
                names = new ArrayList<>(recs.get(0));
            } else {
                int width = recs.isEmpty() ? 0 : modeWidth(recs);
                names = new ArrayList<>();
                for (int i = 1; i <= width; i++) {
                    names.add("column" + i);
                }
            }
        }
        plan.columns = cleanNames(names, plan.warnings);
        List<List<String>> data = plan.hasHeader && !recs.isEmpty() ? recs.subList(1, recs.size()) : recs;
        nameFieldsPastTheHeader(plan, options.userColumn(), data);
        chooseUser(plan, options, null, null);
        chooseTime(plan, options, data);
    }

    /**
     * A user column given by a number past the header's names, for a field that sampled records do have (a ragged
     * file), names the fields up to it ({@code column5}); a number no record reaches is left to be reported as not
     * found, rather than adding empty columns that would make every record malformed.
     */
    private static void nameFieldsPastTheHeader(Plan plan, String userColumn, List<List<String>> data) {
        if (userColumn == null || !userColumn.strip().matches("\\d{1,6}")) {
            return;
        }
        int widest = data.stream().mapToInt(List::size).max().orElse(0);
        int wanted = Math.min(Integer.parseInt(userColumn.strip()), widest);
        while (plan.columns.size() < wanted) {
            plan.columns.add("column" + (plan.columns.size() + 1));
        }
    }

    private static int lastIndexOf(byte[] b, byte x) {
        for (int i = b.length - 1; i >= 0; i--) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    private static int modeWidth(List<List<String>> recs) {
        Map<Integer, Integer> freq = new HashMap<>();
        for (List<String> r : recs) {
            freq.merge(r.size(), 1, Integer::sum);
        }
        return freq.entrySet().stream().max(Map.Entry.<Integer, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())).map(Map.Entry::getKey).orElse(0);
    }

    private static boolean looksLikeHeader(List<List<String>> recs, boolean decimalComma) {
        if (recs.isEmpty()) {
            return false;
        }
        List<String> first = recs.get(0);
        Values v = new Values(decimalComma, false, 2000);
        for (String f : first) {
            byte[] b = f.strip().getBytes(StandardCharsets.UTF_8);
            if (b.length > 0 && v.classify(b, 0, b.length, Values.ALL) != 0) {
                return false;
            }
        }
        return true;
    }

    static List<String> cleanNames(List<String> raw, List<String> warnings) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> dupes = new LinkedHashSet<>();
        int blanks = 0;
        for (int i = 0; i < raw.size(); i++) {
            String n = raw.get(i).strip();
            if (n.isEmpty()) {
                n = "column" + (i + 1);
                blanks++;
            }
            String base = n;
            int k = 2;
            while (!seen.add(n)) {
                dupes.add(base);
                n = base + "_" + k++;
            }
            out.add(n);
        }
        if (blanks > 0) {
            warnings.add(blanks + " column(s) have no name in the header; named column<N> after their position.");
        }
        if (!dupes.isEmpty()) {
            warnings.add("Duplicate column names " + dupes + "; later ones got a suffix _2, _3, ...");
        }
        return out;
    }

    private static void logColumns(Plan plan, List<String> fields, AnalysisOptions options) {
        plan.columns = new ArrayList<>(fields);
        chooseUser(plan, options, plan.kind.startsWith("log/apache") ? "client" : null, null);
        String ts = options.timestampColumn();
        if (ts == null || ts.equals("time")) {
            plan.timeIndex = plan.columns.indexOf("time");
            plan.timeLabel = "time";
        } else {
            plan.timeIndex = indexOf(plan.columns, ts);
            plan.timeLabel = plan.timeIndex >= 0 ? plan.columns.get(plan.timeIndex) : null;
            if (plan.timeIndex < 0) {
                plan.warnings.add("Timestamp column '" + ts + "' not found; the log's own time field is used.");
                plan.timeIndex = plan.columns.indexOf("time");
                plan.timeLabel = "time";
            }
        }
    }

    private static void textColumns(Plan plan, AnalysisOptions options) {
        plan.columns = new ArrayList<>();
        chooseUser(plan, options, null, null);
    }

    private static void jsonl(Plan plan, List<String> lines, AnalysisOptions options) {
        Set<String> keys = new LinkedHashSet<>();
        List<Map<String, String>> rows = new ArrayList<>();
        for (String l : lines) {
            Map<String, String> row = JsonLines.flatTopLevel(l);
            if (row != null) {
                keys.addAll(row.keySet());
                rows.add(row);
            }
        }
        plan.columns = new ArrayList<>(keys);
        Map<String, Integer> presence = new HashMap<>();
        for (Map<String, String> row : rows) {
            for (Map.Entry<String, String> kv : row.entrySet()) {
                if (kv.getValue() != null && !kv.getValue().isEmpty()) {
                    presence.merge(kv.getKey(), 1, Integer::sum);
                }
            }
        }
        Set<String> common = new HashSet<>();
        presence.forEach((k, n) -> {
            if (n * 2 >= rows.size()) {
                common.add(k);
            }
        });
        chooseUser(plan, options, null, common);
        if (plan.userIndex >= 0) {
            plan.userLabel = plan.columns.get(plan.userIndex);
        }
        List<List<String>> data = new ArrayList<>();
        for (Map<String, String> row : rows) {
            List<String> r = new ArrayList<>();
            for (String k : plan.columns) {
                String v = row.get(k);
                r.add(v == null ? "" : v);
            }
            data.add(r);
        }
        chooseTime(plan, options, data);
    }

    static int indexOf(List<String> columns, String wanted) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equals(wanted)) {
                return i;
            }
        }
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(wanted.strip())) {
                return i;
            }
        }
        String n = Settings.normalize(wanted);
        for (int i = 0; i < columns.size(); i++) {
            if (!n.isEmpty() && Settings.normalize(columns.get(i)).equals(n)) {
                return i;
            }
        }
        if (wanted.strip().matches("\\d{1,6}")) {
            int i = Integer.parseInt(wanted.strip()) - 1;
            return i >= 0 && i < columns.size() ? i : -2;
        }
        return -1;
    }

    /** Names the columns that can be given instead (words and patterns are for text and logs without fields). */
    private static String columnsHint(List<String> columns) {
        int shown = Math.min(columns.size(), 20);
        return "Give a column by name or number: " + String.join(", ", columns.subList(0, shown))
                + (columns.size() > shown ? ", …" : "") + ".";
    }

    /**
     * Picks the user column: the one given, else the log's client field, else the first column whose name says
     * user (among {@code eligible} columns when not {@code null}: JSON keys present in at least half the lines).
     */
    private static void chooseUser(Plan plan, AnalysisOptions options, String logDefault, Set<String> eligible) {
        String u = options.userColumn();
        boolean columnar = plan.delimited() || plan.kind.equals("jsonl") || plan.kind.startsWith("log/apache");
        // text and logs (access logs too, whose fields also have names) can be searched word by word or by a pattern
        boolean lineBased = !plan.delimited() && !plan.kind.equals("jsonl");
        if (u != null) {
            String s = u.strip();
            if (s.length() > 2 && s.startsWith("/") && s.endsWith("/") && lineBased) {
                // AnalysisOptions.Builder has checked that the pattern compiles
                plan.userPattern = Pattern.compile(s.substring(1, s.length() - 1));
                plan.userLabel = s;
                return;
            }
            int i = indexOf(plan.columns, s);
            if (i >= 0) {
                plan.userIndex = i;
                plan.userLabel = plan.columns.get(i);
                return;
            }
            // a bare number is a word only where fields have no names (for access logs "3" is the third field)
            if (lineBased && (s.matches("\\$\\d{1,4}") || !columnar && s.matches("\\d{1,4}"))) {
                plan.userWordIndex = Integer.parseInt(s.replace("$", "")) - 1;
                plan.userLabel = "$" + (plan.userWordIndex + 1);
                if (plan.userWordIndex >= 0) {
                    return;
                }
            }
            plan.warnings.add("User column '" + u + "' was not found; no user activity computed."
                    + (columnar && !plan.columns.isEmpty() ? " " + columnsHint(plan.columns) : ""));
            return;
        }
        if (logDefault != null) {
            plan.userIndex = plan.columns.indexOf(logDefault);
            plan.userLabel = logDefault;
            return;
        }
        for (String wanted : USER_NAMES) {
            for (int i = 0; i < plan.columns.size(); i++) {
                String name = plan.columns.get(i);
                if (Settings.normalize(name).equals(wanted) && (eligible == null || eligible.contains(name))) {
                    plan.userIndex = i;
                    plan.userLabel = plan.columns.get(i);
                    return;
                }
            }
        }
    }

    private static void chooseTime(Plan plan, AnalysisOptions options, List<List<String>> data) {
        String t = options.timestampColumn();
        Values v = new Values(plan.decimalComma, false, plan.assumedYear);
        if (t != null) {
            int i = indexOf(plan.columns, t);
            if (i < 0) {
                plan.warnings.add("Timestamp column '" + t + "' was not found; no timeline computed.");
                return;
            }
            plan.timeIndex = i;
            plan.timeLabel = plan.columns.get(i);
            plan.dayFirst = dayFirst(data, i, v);
            return;
        }
        int best = -1;
        for (int i = 0; i < plan.columns.size(); i++) {
            boolean hint = Settings.looksLikeTime(plan.columns.get(i));
            Values hv = new Values(plan.decimalComma, hint, plan.assumedYear);
            int seen = 0;
            int temporal = 0;
            for (List<String> row : data) {
                if (i >= row.size()) {
                    continue;
                }
                byte[] b = row.get(i).strip().getBytes(StandardCharsets.UTF_8);
                if (b.length == 0) {
                    continue;
                }
                seen++;
                int m = hv.classify(b, 0, b.length, Values.ALL);
                if ((m & Values.TS) != 0 && (hint || (m & Values.INT) == 0)) {
                    temporal++;
                }
            }
            if (seen > 0 && temporal >= 0.9 * seen) {
                if (hint) {
                    best = i;
                    break;
                }
                if (best < 0) {
                    best = i;
                }
            }
        }
        if (best >= 0) {
            plan.timeIndex = best;
            plan.timeLabel = plan.columns.get(best);
            plan.dayFirst = dayFirst(data, best, v);
        }
    }

    private static boolean dayFirst(List<List<String>> data, int col, Values v) {
        for (List<String> row : data) {
            if (col < row.size()) {
                byte[] b = row.get(col).strip().getBytes(StandardCharsets.UTF_8);
                if (b.length > 0 && v.classify(b, 0, b.length, Values.DATE | Values.TS) != 0
                        && (v.flags & Values.F_DMY) != 0) {
                    return true;
                }
            }
        }
        return false;
    }

    static String describeDelimiter(byte d) {
        return d == '\t' ? "\t" : String.valueOf((char) d);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}

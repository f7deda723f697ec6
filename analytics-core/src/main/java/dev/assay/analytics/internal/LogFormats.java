package dev.assay.analytics.internal;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Line patterns of the log formats the engine recognises, and their fields. */
final class LogFormats {

    static final Pattern ACCESS = Pattern.compile(
            "^(\\S+) (\\S+) (\\S+) \\[([^\\]]+)\\] \"(?:(\\S+) (\\S+?)(?: (\\S+))?|[^\"]*)\" (\\d{3}|-) (\\S+)"
                    + "(?: \"((?:[^\"\\\\]|\\\\.)*)\" \"((?:[^\"\\\\]|\\\\.)*)\")?.*$");
    static final List<String> ACCESS_COMMON = List.of("client", "ident", "user", "time", "method", "path", "protocol",
            "status", "bytes");
    static final List<String> ACCESS_COMBINED = List.of("client", "ident", "user", "time", "method", "path",
            "protocol", "status", "bytes", "referer", "agent");

    static final Pattern SYSLOG_3164 = Pattern.compile(
            "^(?:<(\\d{1,3})>)?([A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2}) (\\S+) ([^:\\[\\s]+)(?:\\[(\\d+)\\])?:? ?(.*)$");
    static final Pattern SYSLOG_5424 = Pattern.compile(
            "^<(\\d{1,3})>1 (\\S+) (\\S+) (\\S+) (\\S+) (\\S+) ?(.*)$");
    static final List<String> SYSLOG_FIELDS = List.of("time", "host", "program", "pid");

    /** A line that starts an application log entry: a timestamp, then (usually) a level. */
    static final Pattern APP = Pattern.compile(
            "^\\[?(\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?: ?(?:Z|[+-]\\d{2}:?\\d{2}))?"
                    + "|\\d{2}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}"
                    + "|\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}"
                    + "|\\d{6} \\d{6})\\]?[ \\t:|,-].*$", Pattern.DOTALL);
    static final Pattern LEVEL = Pattern.compile(
            "\\b(TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|SEVERE|FATAL|CRITICAL|CRIT|EMERG|ALERT)\\b",
            Pattern.CASE_INSENSITIVE);
    /** An ANSI escape sequence such as a colour code ({@code ESC[1;32m}). */
    private static final Pattern COLOUR_CODE = Pattern.compile("\u001b\\[[0-9;?]*[A-Za-z]");
    static final List<String> APP_FIELDS = List.of("time", "level");
    static final Set<String> ERROR_LEVELS = Set.of("ERROR", "SEVERE", "FATAL", "CRITICAL", "CRIT", "EMERG", "ALERT");

    private LogFormats() {
    }

    /** The level in an application log line (searched in its first 120 characters), or {@code null}. */
    static String level(String line, int from) {
        int end = Math.min(line.length(), from + 120);
        int start = Math.min(from, end);
        int escape = line.indexOf('\u001b', start);
        if (escape >= 0 && escape < end) {
            // colour codes glue to the level (ESC[32mINFO): look at the text without them
            return level(COLOUR_CODE.matcher(line.substring(start, end)).replaceAll(""), 0);
        }
        var m = LEVEL.matcher(line).region(start, end);
        if (m.find()) {
            String l = m.group(1).toUpperCase(Locale.ROOT);
            return l.equals("WARNING") ? "WARN" : l;
        }
        return null;
    }

    /** The syslog severity name of a priority value. */
    static String severity(int pri) {
        return switch (pri & 7) {
            case 0 -> "EMERG";
            case 1 -> "ALERT";
            case 2 -> "CRIT";
            case 3 -> "ERROR";
            case 4 -> "WARN";
            case 5 -> "NOTICE";
            case 6 -> "INFO";
            default -> "DEBUG";
        };
    }
}

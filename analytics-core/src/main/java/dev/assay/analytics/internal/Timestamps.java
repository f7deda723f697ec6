package dev.assay.analytics.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Calendar arithmetic and the textual timestamp forms (RFC 1123, syslog, access log). */
final class Timestamps {

    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";
    private static final Pattern RFC1123 = Pattern.compile(
            "(?:[A-Za-z]{3}, )?(\\d{1,2}) ([A-Za-z]{3}) (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2}) (GMT|UTC|Z|[+-]\\d{4})");
    private static final Pattern SYSLOG = Pattern.compile(
            "([A-Za-z]{3}) {1,2}(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,6}))?");

    private Timestamps() {
    }

    static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    static int month(String name) {
        int i = MONTHS.indexOf(name.toLowerCase(java.util.Locale.ROOT));
        return i >= 0 && i % 3 == 0 ? i / 3 + 1 : -1;
    }

    static int month(byte[] b, int s) {
        String m = new String(new char[] {(char) b[s], (char) b[s + 1], (char) b[s + 2]});
        return month(m);
    }

    /** RFC 1123 or syslog (RFC 3164) forms; sets {@code v.epochMillis}. */
    static int parseTextual(Values v, String text, int assumedYear) {
        Matcher m = RFC1123.matcher(text);
        if (m.matches()) {
            int month = month(m.group(2));
            int day = Integer.parseInt(m.group(1));
            int year = Integer.parseInt(m.group(3));
            if (month < 0 || day < 1 || day > daysInMonth(year, month)) {
                return 0;
            }
            String zone = m.group(7);
            long offset = 0;
            if (zone.startsWith("+") || zone.startsWith("-")) {
                offset = (zone.charAt(0) == '-' ? -1 : 1)
                        * (Integer.parseInt(zone.substring(1, 3)) * 60L + Integer.parseInt(zone.substring(3, 5)));
            }
            v.epochMillis = daysFromCivil(year, month, day) * 86_400_000L + Integer.parseInt(m.group(4)) * 3_600_000L
                    + Integer.parseInt(m.group(5)) * 60_000L + Integer.parseInt(m.group(6)) * 1000L - offset * 60_000L;
            return Values.TS;
        }
        m = SYSLOG.matcher(text);
        if (m.matches()) {
            int month = month(m.group(1));
            int day = Integer.parseInt(m.group(2));
            if (month < 0 || day < 1 || day > daysInMonth(assumedYear, month)) {
                return 0;
            }
            int hour = Integer.parseInt(m.group(3));
            int minute = Integer.parseInt(m.group(4));
            int second = Integer.parseInt(m.group(5));
            if (hour > 23 || minute > 59 || second > 60) {
                return 0;
            }
            v.flags |= Values.F_NO_YEAR;
            v.epochMillis = daysFromCivil(assumedYear, month, day) * 86_400_000L + hour * 3_600_000L
                    + minute * 60_000L + second * 1000L;
            return Values.TS;
        }
        return 0;
    }

    /** {@code 10/Oct/2000:13:55:36 -0700}; sets {@code v.epochMillis}. */
    static int parseAccessLog(Values v, byte[] b, int s, int e) {
        if (e - s != 26 || b[s + 11] != ':' || b[s + 20] != ' ') {
            return 0;
        }
        int day = Values.num(b, s, 2);
        int month = month(b, s + 3);
        int year = Values.num(b, s + 7, 4);
        int hour = Values.num(b, s + 12, 2);
        int minute = Values.num(b, s + 15, 2);
        int second = Values.num(b, s + 18, 2);
        int oh = Values.num(b, s + 22, 2);
        int om = Values.num(b, s + 24, 2);
        if (day < 1 || month < 0 || year < 0 || hour < 0 || minute < 0 || second < 0 || oh < 0 || om < 0
                || day > daysInMonth(year, month)) {
            return 0;
        }
        long offset = (b[s + 21] == '-' ? -1 : 1) * (oh * 60L + om);
        v.epochMillis = daysFromCivil(year, month, day) * 86_400_000L + hour * 3_600_000L + minute * 60_000L
                + second * 1000L - offset * 60_000L;
        return Values.TS;
    }

    static String isoInstant(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    static String isoDate(long epochMillis) {
        return LocalDate.ofEpochDay(Math.floorDiv(epochMillis, 86_400_000L)).toString();
    }

    static int currentYear() {
        return LocalDate.now(ZoneOffset.UTC).getYear();
    }
}

package dev.assay.analytics.internal;

/**
 * Classifies one value (a UTF-8 byte slice) as the types it could be, and parses its number or instant on the way.
 * Reused per column; not thread-safe.
 */
final class Values {

    static final int INT = 1;
    static final int DEC = 2;
    static final int BOOL = 4;
    static final int DATE = 8;
    static final int TS = 16;
    static final int ALL = INT | DEC | BOOL | DATE | TS;

    /** The value used thousands separators (e.g. {@code 1,234,567}). */
    static final int F_GROUPED = 1;
    /** The value is a number of four or more integer digits without separators. */
    static final int F_PLAIN_LARGE = 2;
    /** A slash date whose first part is above 12: day/month order. */
    static final int F_DMY = 4;
    /** A slash date whose second part is above 12: month/day order. */
    static final int F_MDY = 8;
    /** A slash date (either order). */
    static final int F_SLASH = 16;
    /** A non-finite number (NaN, INF). */
    static final int F_NONFINITE = 32;
    /** A timestamp without a UTC offset. */
    static final int F_NO_OFFSET = 64;
    /** A syslog timestamp without a year. */
    static final int F_NO_YEAR = 128;

    private static final long[] POW10 = {1L, 10L, 100L, 1000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
            100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L,
            10_000_000_000_000L, 100_000_000_000_000L, 1_000_000_000_000_000L, 10_000_000_000_000_000L,
            100_000_000_000_000_000L, 1_000_000_000_000_000_000L};

    /** Parsed number (valid when the mask has INT or DEC and not {@link #F_NONFINITE}). */
    double number;
    /** Parsed instant in epoch millis, month/day order for slash dates (valid when the mask has DATE or TS). */
    long epochMillis;
    /** The same slash date read day/month. */
    long epochMillisDmy;
    /** Flags of the last value. */
    int flags;

    /** The date part of the last valid ISO value and its day number: consecutive values often share it. */
    private final byte[] lastDate = new byte[10];
    private long lastDays;
    private final boolean decimalComma;
    private final boolean epochHint;
    private final int assumedYear;

    /**
     * @param decimalComma whether ',' is the decimal separator (files delimited by ';')
     * @param epochHint    whether the column name suggests time, so plain numbers may be epoch seconds/millis
     * @param assumedYear  the year for timestamps that carry none (syslog)
     */
    Values(boolean decimalComma, boolean epochHint, int assumedYear) {
        this.decimalComma = decimalComma;
        this.epochHint = epochHint;
        this.assumedYear = assumedYear;
    }

    int assumedYear() {
        return assumedYear;
    }

    /** The types {@code b[s..e)} fits (a bit set of INT, DEC, BOOL, DATE, TS); 0 means only a string. */
    int classify(byte[] b, int s, int e, int wanted) {
        flags = 0;
        int len = e - s;
        if (len == 0) {
            return 0;
        }
        byte c0 = b[s];
        int mask = 0;
        if ((wanted & (INT | DEC)) != 0 && (c0 <= '9' || c0 == 'N' || c0 == 'I')) {
            mask = number(b, s, e);
            if (mask != 0 && epochHint && (flags & (F_GROUPED | F_NONFINITE)) == 0) {
                mask |= epoch(b, s, e);
            }
            if (mask != 0) {
                return mask;
            }
        }
        if ((wanted & BOOL) != 0 && (len == 4 || len == 5) && isBoolean(b, s, e)) {
            return BOOL;
        }
        if ((wanted & (DATE | TS)) != 0) {
            return temporal(b, s, e);
        }
        return 0;
    }

    private static boolean isBoolean(byte[] b, int s, int e) {
        int len = e - s;
        if (len == 4) {
            return (b[s] | 0x20) == 't' && (b[s + 1] | 0x20) == 'r' && (b[s + 2] | 0x20) == 'u' && (b[s + 3] | 0x20) == 'e';
        }
        return (b[s] | 0x20) == 'f' && (b[s + 1] | 0x20) == 'a' && (b[s + 2] | 0x20) == 'l'
                && (b[s + 3] | 0x20) == 's' && (b[s + 4] | 0x20) == 'e';
    }

    private int number(byte[] b, int s, int e) {
        int i = s;
        boolean negative = false;
        if (b[i] == '-' || b[i] == '+') {
            negative = b[i] == '-';
            i++;
            if (i == e) {
                return 0;
            }
        }
        if (nonFinite(b, i, e)) {
            flags |= F_NONFINITE;
            number = Double.NaN;
            return DEC;
        }
        byte group = decimalComma ? (byte) '.' : (byte) ',';
        byte point = decimalComma ? (byte) ',' : (byte) '.';
        long mantissa = 0;
        int digits = 0;
        int intDigits = 0;
        int groupRun = -1;
        boolean grouped = false;
        int start = i;
        for (; i < e; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                if (digits < 18) {
                    mantissa = mantissa * 10 + (c - '0');
                }
                digits++;
                intDigits++;
                if (groupRun >= 0) {
                    groupRun++;
                }
            } else if (c == group) {
                if ((groupRun == -1 && (intDigits == 0 || intDigits > 3)) || (groupRun != -1 && groupRun != 3)) {
                    return 0;
                }
                grouped = true;
                groupRun = 0;
            } else {
                break;
            }
        }
        if (intDigits == 0 || (grouped && groupRun != 3)) {
            return 0;
        }
        if (intDigits > 1 && b[start] == '0') {
            return 0;
        }
        int fracDigits = 0;
        boolean isDecimal = false;
        if (i < e && b[i] == point) {
            isDecimal = true;
            i++;
            for (; i < e && b[i] >= '0' && b[i] <= '9'; i++) {
                if (digits < 18) {
                    mantissa = mantissa * 10 + (b[i] - '0');
                    fracDigits++;
                }
                digits++;
            }
        }
        int exponent = 0;
        if (i < e && (b[i] == 'e' || b[i] == 'E')) {
            isDecimal = true;
            i++;
            boolean negExp = false;
            if (i < e && (b[i] == '-' || b[i] == '+')) {
                negExp = b[i] == '-';
                i++;
            }
            int expDigits = 0;
            for (; i < e && b[i] >= '0' && b[i] <= '9'; i++) {
                exponent = Math.min(exponent * 10 + (b[i] - '0'), 400);
                expDigits++;
            }
            if (expDigits == 0) {
                return 0;
            }
            if (negExp) {
                exponent = -exponent;
            }
        }
        if (i != e) {
            return 0;
        }
        if (grouped) {
            flags |= F_GROUPED;
        } else if (intDigits >= 4) {
            flags |= F_PLAIN_LARGE;
        }
        if (digits > 18 || exponent != 0) {
            number = slowParse(b, s, e, group, point);
            if (!isDecimal && digits <= 18) {
                return INT | DEC;
            }
            return isDecimal || digits > 18 ? DEC : INT | DEC;
        }
        double v = fracDigits == 0 ? mantissa : mantissa / (double) POW10[fracDigits];
        number = negative ? -v : v;
        return isDecimal ? DEC : INT | DEC;
    }

    private static double slowParse(byte[] b, int s, int e, byte group, byte point) {
        StringBuilder sb = new StringBuilder(e - s);
        for (int i = s; i < e; i++) {
            byte c = b[i];
            if (c == group) {
                continue;
            }
            sb.append(c == point ? '.' : (char) c);
        }
        return Double.parseDouble(sb.toString());
    }

    private static boolean nonFinite(byte[] b, int s, int e) {
        int len = e - s;
        return (len == 3 && ((b[s] == 'N' && b[s + 1] == 'a' && b[s + 2] == 'N') || (b[s] == 'I' && b[s + 1] == 'N' && b[s + 2] == 'F')))
                || (len == 8 && Bytes.str(b, s, e).equals("Infinity"));
    }

    private int epoch(byte[] b, int s, int e) {
        double v = number;
        if (v >= 1e8 && v < 1e10) {
            epochMillis = (long) (v * 1000);
            return TS;
        }
        if (v >= 1e11 && v < 1e13) {
            epochMillis = (long) v;
            return TS;
        }
        return 0;
    }

    private int temporal(byte[] b, int s, int e) {
        int len = e - s;
        if (len >= 10 && digit(b, s) && digit(b, s + 3) && b[s + 4] == '-' && b[s + 7] == '-') {
            return iso(b, s, e);
        }
        if (len >= 6 && len <= 10 && digit(b, s)) {
            return slashDate(b, s, e);
        }
        if (len >= 20 && b[s + 2] == '/' && b[s + 6] == '/') {
            return accessLog(b, s, e);
        }
        if (len >= 15 && letter(b, s)) {
            return Timestamps.parseTextual(this, Bytes.str(b, s, e), assumedYear);
        }
        return 0;
    }

    private int iso(byte[] b, int s, int e) {
        long days;
        if (java.util.Arrays.equals(lastDate, 0, 10, b, s, s + 10)) {
            days = lastDays;
        } else {
            int year = num(b, s, 4);
            int month = num(b, s + 5, 2);
            int day = num(b, s + 8, 2);
            if (year < 0 || month < 1 || month > 12 || day < 1 || day > Timestamps.daysInMonth(year, month)) {
                return 0;
            }
            days = Timestamps.daysFromCivil(year, month, day);
            System.arraycopy(b, s, lastDate, 0, 10);
            lastDays = days;
        }
        if (e - s == 10) {
            epochMillis = days * 86_400_000L;
            return DATE | TS;
        }
        int i = s + 10;
        if (b[i] != 'T' && b[i] != ' ' && b[i] != 't') {
            return 0;
        }
        i++;
        if (e - i < 5 || b[i + 2] != ':') {
            return 0;
        }
        int hour = num(b, i, 2);
        int minute = num(b, i + 3, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
            return 0;
        }
        i += 5;
        int second = 0;
        int millis = 0;
        if (i < e && b[i] == ':') {
            if (e - i < 3) {
                return 0;
            }
            second = num(b, i + 1, 2);
            if (second < 0 || second > 60) {
                return 0;
            }
            i += 3;
            if (i < e && (b[i] == '.' || b[i] == ',')) {
                i++;
                int fracStart = i;
                int scale = 100;
                for (; i < e && digit(b, i); i++) {
                    millis += (b[i] - '0') * scale;
                    scale /= 10;
                }
                if (i == fracStart) {
                    return 0;
                }
            }
        }
        long offsetMinutes = 0;
        if (i == e) {
            flags |= F_NO_OFFSET;
        } else if (b[i] == 'Z' || b[i] == 'z') {
            if (i + 1 != e) {
                return 0;
            }
        } else if (b[i] == '+' || b[i] == '-') {
            int sign = b[i] == '-' ? -1 : 1;
            i++;
            int rest = e - i;
            int oh;
            int om;
            if (rest == 5 && b[i + 2] == ':') {
                oh = num(b, i, 2);
                om = num(b, i + 3, 2);
            } else if (rest == 4) {
                oh = num(b, i, 2);
                om = num(b, i + 2, 2);
            } else if (rest == 2) {
                oh = num(b, i, 2);
                om = 0;
            } else {
                return 0;
            }
            if (oh < 0 || oh > 18 || om < 0 || om > 59) {
                return 0;
            }
            offsetMinutes = sign * (oh * 60L + om);
        } else if (b[i] == ' ' && e - i >= 4 && Bytes.str(b, i + 1, e).equals("UTC")) {
            offsetMinutes = 0;
        } else {
            return 0;
        }
        epochMillis = days * 86_400_000L + hour * 3_600_000L + minute * 60_000L + second * 1000L + millis
                - offsetMinutes * 60_000L;
        return TS;
    }

    private int slashDate(byte[] b, int s, int e) {
        int i = s;
        int a = 0;
        int n = 0;
        for (; i < e && digit(b, i) && n < 3; i++, n++) {
            a = a * 10 + (b[i] - '0');
        }
        if (n == 0 || n > 2 || i >= e || b[i] != '/') {
            return 0;
        }
        i++;
        int m = 0;
        n = 0;
        for (; i < e && digit(b, i) && n < 3; i++, n++) {
            m = m * 10 + (b[i] - '0');
        }
        if (n == 0 || n > 2 || i >= e || b[i] != '/') {
            return 0;
        }
        i++;
        if (e - i != 4) {
            return 0;
        }
        int year = num(b, i, 4);
        if (year < 0 || a < 1 || m < 1 || a > 31 || m > 31) {
            return 0;
        }
        boolean mdy = a <= 12 && m <= Timestamps.daysInMonth(year, a);
        boolean dmy = m <= 12 && a <= Timestamps.daysInMonth(year, m);
        if (!mdy && !dmy) {
            return 0;
        }
        flags |= F_SLASH;
        if (!mdy) {
            flags |= F_DMY;
        }
        if (!dmy) {
            flags |= F_MDY;
        }
        epochMillis = mdy ? Timestamps.daysFromCivil(year, a, m) * 86_400_000L : Long.MIN_VALUE;
        epochMillisDmy = dmy ? Timestamps.daysFromCivil(year, m, a) * 86_400_000L : Long.MIN_VALUE;
        return DATE | TS;
    }

    private int accessLog(byte[] b, int s, int e) {
        return Timestamps.parseAccessLog(this, b, s, e);
    }

    static boolean digit(byte[] b, int i) {
        return b[i] >= '0' && b[i] <= '9';
    }

    private static boolean letter(byte[] b, int i) {
        return (b[i] | 0x20) >= 'a' && (b[i] | 0x20) <= 'z';
    }

    /** The decimal number in {@code b[s..s+n)}, or -1 if it is not all digits. */
    static int num(byte[] b, int s, int n) {
        int v = 0;
        for (int i = s; i < s + n; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }
}

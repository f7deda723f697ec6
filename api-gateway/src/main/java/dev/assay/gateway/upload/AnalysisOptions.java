package dev.assay.gateway.upload;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The optional analysis overrides of an upload, checked at the edge so that a bad value answers 400 instead of
 * failing the job later.
 */
final class AnalysisOptions {

    /** What analytics-core accepts as a delimiter, said for a person. */
    private static final String BAD_DELIMITER = "The delimiter must be an ASCII character other than a quote, or 'tab'";

    static final Set<String> NAMES = Set.of("userColumn", "timestampColumn", "delimiter", "encoding", "format",
            "header");
    static final int MAX_LENGTH = 200;
    private static final Set<String> FORMATS = Set.of("auto", "csv", "tsv", "jsonl", "log/apache-common",
            "log/apache-combined", "log/syslog", "log/app", "text");
    private static final Set<String> HEADERS = Set.of("auto", "true", "false");

    private final Map<String, String> values = new LinkedHashMap<>();

    /**
     * Adds one option; a blank value means "not given".
     *
     * @throws UploadRejectedException (400) for an unknown option or a value that cannot be right
     */
    void put(String name, String rawValue) {
        if (!NAMES.contains(name)) {
            throw UploadRejectedException.badRequest("Unknown field '" + name + "'. Files go in parts named 'files';"
                    + " the options are " + String.join(", ", NAMES.stream().sorted().toList()) + ".");
        }
        String value = rawValue.strip();
        if ("delimiter".equals(name)) {
            value = rawValue.equals("\t") || value.equalsIgnoreCase("\\t") || value.equalsIgnoreCase("tab")
                    ? "\t" : value;
            if (value.isEmpty() && !rawValue.isEmpty()) {
                throw UploadRejectedException.badRequest(BAD_DELIMITER + " (a space or a line break is none).");
            }
        }
        if (value.isEmpty()) {
            return;
        }
        if (values.containsKey(name)) {
            throw UploadRejectedException.badRequest("The option '" + name + "' is given twice.");
        }
        if (value.length() > MAX_LENGTH) {
            throw UploadRejectedException.badRequest("The option '" + name + "' is longer than " + MAX_LENGTH
                    + " characters.");
        }
        switch (name) {
            case "delimiter" -> {
                if (value.codePointCount(0, value.length()) != 1) {
                    throw UploadRejectedException.badRequest("The delimiter must be one character (or 'tab'), not '"
                            + value + "'.");
                }
                char delimiter = value.charAt(0);
                if (delimiter == '"' || delimiter > 0x7f) {
                    throw UploadRejectedException.badRequest(BAD_DELIMITER + ", not '" + value + "'.");
                }
            }
            case "encoding" -> {
                if (!isSupportedCharset(value)) {
                    throw UploadRejectedException.badRequest("Unknown encoding '" + value + "'.");
                }
            }
            case "format" -> {
                value = value.toLowerCase(Locale.ROOT);
                if (!FORMATS.contains(value)) {
                    throw UploadRejectedException.badRequest("Unknown format '" + value + "'; use one of "
                            + String.join(", ", FORMATS.stream().sorted().toList()) + ".");
                }
            }
            case "header" -> {
                value = value.toLowerCase(Locale.ROOT);
                if (!HEADERS.contains(value)) {
                    throw UploadRejectedException.badRequest("The option 'header' is true, false or auto, not '"
                            + value + "'.");
                }
            }
            case "userColumn" -> {
                if (!isValidPatternIfOne(value)) {
                    throw UploadRejectedException.badRequest("The option 'userColumn' " + value
                            + " is not a valid regular expression.");
                }
            }
            default -> {
                // column names are free text
            }
        }
        values.put(name, value);
    }

    Map<String, String> values() {
        return Map.copyOf(values);
    }

    /** A value written {@code /regex/} is a pattern (for text and logs); anything else is a column name. */
    private static boolean isValidPatternIfOne(String value) {
        if (value.length() <= 2 || !value.startsWith("/") || !value.endsWith("/")) {
            return true;
        }
        try {
            Pattern.compile(value.substring(1, value.length() - 1));
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    private static boolean isSupportedCharset(String name) {
        try {
            return Charset.isSupported(name);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }
}

package dev.assay.analytics.internal;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The decisions about one input, made from its first bytes (or declared): format, encoding, delimiter, header,
 * which column is the user and which the time. Shared by every chunk of a file. Immutable after detection.
 */
final class Plan {

    String kind;
    Charset charset;
    String encodingName;
    boolean bom;
    String compression = "none";
    byte delimiter;
    boolean hasHeader;
    /** Lines starting with this byte are comments (0: none). */
    byte commentByte;
    List<String> columns = new ArrayList<>();
    int userIndex = -1;
    String userLabel;
    /** For text and logs: the user is this whitespace-separated field (0-based) of the record's first line. */
    int userWordIndex = -1;
    /** For text and logs: the user is the first group (or the whole match) of this pattern. */
    Pattern userPattern;
    int timeIndex = -1;
    String timeLabel;
    boolean decimalComma;
    boolean dayFirst;
    int assumedYear;
    List<String> warnings = new ArrayList<>();

    boolean delimited() {
        return kind.equals("csv") || kind.equals("tsv");
    }

    boolean splittable() {
        return compression.equals("none") && (encodingName.equals("UTF-8") || encodingName.equals("US-ASCII")
                || encodingName.equals("windows-1252") || encodingName.equals("ISO-8859-1"));
    }
}

package dev.assay.analytics.cli;

import dev.assay.analytics.AnalysisException;
import dev.assay.analytics.AnalysisOptions;
import dev.assay.analytics.AnalysisResult;
import dev.assay.analytics.Analytics;
import dev.assay.analytics.ProgressListener;
import dev.assay.analytics.ResultJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Command line: {@code java -jar analytics-core-<version>-cli.jar [--pretty] [--format F] [--encoding E]
 * [--delimiter D] [--header true|false] [--user-column C] [--timestamp-column C] [--null-tokens a,b] FILE}
 * prints the result JSON of FILE. Exit codes: 0 done, 1 the file cannot be analysed, 2 bad usage; errors are one
 * line on standard error.
 */
public final class AnalyticsCli {

    static final int OK = 0;
    static final int CANNOT_ANALYSE = 1;
    static final int USAGE = 2;

    private static final String USAGE_LINE = "usage: analytics [--pretty] [--format F] [--encoding E] [--delimiter D]"
            + " [--header true|false] [--user-column C] [--timestamp-column C] [--null-tokens a,b] FILE";
    private static final Map<String, String> OPTION_KEYS = Map.of("--format", "format", "--encoding", "encoding",
            "--delimiter", "delimiter", "--header", "header", "--user-column", "userColumn",
            "--timestamp-column", "timestampColumn", "--null-tokens", "nullTokens");

    private AnalyticsCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        boolean pretty = false;
        String file = null;
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--pretty")) {
                pretty = true;
            } else if (a.equals("--help") || a.equals("-h")) {
                out.println(USAGE_LINE);
                return OK;
            } else if (OPTION_KEYS.containsKey(a)) {
                if (i + 1 >= args.length) {
                    err.println("error: option " + a + " needs a value; " + USAGE_LINE);
                    return USAGE;
                }
                values.put(OPTION_KEYS.get(a), args[++i]);
            } else if (a.startsWith("--")) {
                err.println("error: unknown option " + a + "; " + USAGE_LINE);
                return USAGE;
            } else if (file == null) {
                file = a;
            } else {
                err.println("error: only one FILE can be given; " + USAGE_LINE);
                return USAGE;
            }
        }
        if (file == null) {
            err.println("error: no FILE given; " + USAGE_LINE);
            return USAGE;
        }
        AnalysisOptions options;
        try {
            options = AnalysisOptions.fromMap(values);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        }
        Path path = Path.of(file);
        if (Files.isDirectory(path)) {
            err.println("error: " + file + " is a directory, not a file");
            return CANNOT_ANALYSE;
        }
        AnalysisResult result;
        try (InputStream in = Files.newInputStream(path)) {
            result = Analytics.analyze(in, options, ProgressListener.NONE);
        } catch (NoSuchFileException e) {
            err.println("error: " + file + " does not exist");
            return CANNOT_ANALYSE;
        } catch (IOException e) {
            err.println("error: cannot read " + file + ": " + e.getMessage());
            return CANNOT_ANALYSE;
        } catch (AnalysisException e) {
            err.println("error: cannot analyse " + file + ": " + e.getMessage());
            return CANNOT_ANALYSE;
        }
        PrintStream utf8 = new PrintStream(out, true, StandardCharsets.UTF_8);
        utf8.println(ResultJson.toJson(result, pretty));
        utf8.flush();
        return OK;
    }
}

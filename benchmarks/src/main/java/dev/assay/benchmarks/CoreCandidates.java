package dev.assay.benchmarks;

import dev.assay.analytics.AnalysisException;
import dev.assay.analytics.AnalysisOptions;
import dev.assay.analytics.AnalysisResult;
import dev.assay.analytics.Analytics;
import dev.assay.analytics.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The engine's candidates: {@link Analytics#analyze} on the file as the worker calls it (a plain file stream,
 * everything detected), once with {@link AnalysisOptions.Scope#USER_ACTIVITY} and once in full. Overrides as an
 * upload would give them ({@link AnalysisOptions#fromMap}) can be passed in the system property
 * {@value #OPTIONS_PROPERTY} as {@code key=value;key=value}; by default there are none.
 */
final class CoreCandidates {

    /** The system property carrying overrides to the child JVMs. */
    static final String OPTIONS_PROPERTY = "benchmarks.coreOptions";

    private CoreCandidates() {
    }

    static Tally userActivity(Path file) throws IOException, AnalysisException {
        return analyze(file, options().toBuilder().scope(AnalysisOptions.Scope.USER_ACTIVITY).build());
    }

    static Tally full(Path file) throws IOException, AnalysisException {
        return analyze(file, options());
    }

    static AnalysisOptions options() {
        String overrides = System.getProperty(OPTIONS_PROPERTY, "");
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : overrides.split(";")) {
            if (!pair.isBlank()) {
                int equals = pair.indexOf('=');
                if (equals < 1) {
                    throw new IllegalArgumentException("core option must be key=value, got '" + pair + "'");
                }
                values.put(pair.substring(0, equals).trim(), pair.substring(equals + 1));
            }
        }
        return AnalysisOptions.fromMap(values);
    }

    private static Tally analyze(Path file, AnalysisOptions options) throws IOException, AnalysisException {
        try (InputStream in = Files.newInputStream(file)) {
            AnalysisResult result = Analytics.analyze(in, options, ProgressListener.NONE);
            // No user column found is a wrong answer here: 0 users makes the report flag it.
            long users = result.users() == null ? 0 : result.users().distinct();
            return new Tally(result.records(), users);
        }
    }
}

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

/**
 * The engine's candidates: {@link Analytics#analyze} on the file as the worker calls it (a plain file stream,
 * everything detected, no overrides), once with {@link AnalysisOptions.Scope#USER_ACTIVITY} and once in full.
 */
final class CoreCandidates {

    private static final AnalysisOptions USER_ACTIVITY =
            AnalysisOptions.builder().scope(AnalysisOptions.Scope.USER_ACTIVITY).build();

    private CoreCandidates() {
    }

    static Tally userActivity(Path file) throws IOException, AnalysisException {
        return analyze(file, USER_ACTIVITY);
    }

    static Tally full(Path file) throws IOException, AnalysisException {
        return analyze(file, AnalysisOptions.defaults());
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

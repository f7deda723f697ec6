package dev.assay.analytics;

import java.io.InputStream;

/** Entry point of the analysis engine. (Skeleton: the engine is being written; see issue 2.) */
public final class Analytics {

    private Analytics() {
    }

    public static AnalysisResult analyze(InputStream input, AnalysisOptions options, ProgressListener listener)
            throws AnalysisException {
        throw new UnsupportedOperationException("engine not written yet");
    }
}

package dev.assay.analytics;

import java.util.Map;

/** Overrides of what the engine would otherwise detect. (Skeleton: see issue 2.) */
public record AnalysisOptions(String userColumn, String timestampColumn, Character delimiter, String encoding) {

    public static AnalysisOptions defaults() {
        return new AnalysisOptions(null, null, null, null);
    }

    /** Options from their string form, as given in an upload; unknown keys are rejected. */
    public static AnalysisOptions fromMap(Map<String, String> values) {
        throw new UnsupportedOperationException("engine not written yet");
    }
}

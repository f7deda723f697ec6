package dev.assay.analytics;

/** The result of one analysis. (Skeleton: the full model of DESIGN.md is being written; see issue 2.) */
public record AnalysisResult(long lines, long records) {
}

package dev.assay.analytics;

/**
 * What an analysis has found so far, small enough to be shown while it runs (a few KB as JSON): the records read,
 * the most active users (at most {@link #TOP_USERS}, without the histogram) and the timeline so far (at most 120
 * buckets, coarser as it grows). Figures are exact or estimates exactly as in the final result.
 *
 * @param records  records read so far
 * @param users    the user activity so far, or {@code null} when the input has no user column
 * @param timeline the timeline so far, or {@code null} when the input has no time column or no time yet
 */
public record Preview(long records, AnalysisResult.Users users, AnalysisResult.Timeline timeline) {

    /** Most users a preview names. */
    public static final int TOP_USERS = 10;
}

package dev.assay.analytics.internal;

import dev.assay.analytics.AnalysisResult;
import dev.assay.analytics.Preview;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Builds the public result from a plan and an accumulator. */
final class Results {

    private static final int TOP_USERS = 20;

    private Results() {
    }

    static AnalysisResult build(Plan plan, Accumulator acc) {
        Set<String> warnings = new LinkedHashSet<>(plan.warnings);
        warnings.addAll(acc.warnings);
        List<String> columnWarnings = new ArrayList<>();
        List<AnalysisResult.Column> columns = new ArrayList<>();
        for (ColumnStats c : acc.columns) {
            columns.add(c.toResult(columnWarnings));
        }
        warnings.addAll(columnWarnings);
        if (columns.stream().anyMatch(AnalysisResult.Column::distinctIsEstimate)) {
            warnings.add("Some columns have more distinct values than are counted exactly ("
                    + acc.settings.columnCap + " per column here): their distinct counts and top values are estimates.");
        }
        if (acc.records == 0) {
            warnings.add(acc.lines == 0 ? "The file is empty: there is nothing to analyse."
                    : "The file has no data records" + (plan.delimited() && plan.hasHeader ? ", only a header." : "."));
        }
        if (acc.blankLines > 0) {
            warnings.add("Skipped " + acc.blankLines + " empty line(s).");
        }
        if (acc.malformed > 0) {
            warnings.add(acc.malformed + " malformed record(s); see malformedExamples.");
        }
        String delimiter = plan.delimited() ? String.valueOf((char) plan.delimiter) : null;
        AnalysisResult.Format format = new AnalysisResult.Format(plan.kind, plan.encodingName, delimiter,
                plan.delimited() && plan.hasHeader, plan.compression);
        AnalysisResult.Users users = users(plan, acc, warnings);
        AnalysisResult.Timeline timeline = plan.timeLabel != null ? acc.timeline.toResult(plan.timeLabel) : null;
        AnalysisResult.LogStats log = acc.log != null ? acc.log.toResult() : null;
        return new AnalysisResult(format, acc.rawBytes, acc.lines, acc.records, acc.malformed, acc.examples, columns,
                users, timeline, log, new ArrayList<>(warnings));
    }

    /** What was found so far: records, the top users without their histogram, the timeline. */
    static Preview preview(Plan plan, Accumulator acc) {
        AnalysisResult.Users users = null;
        if (plan.userLabel != null) {
            KeyCounter u = acc.users;
            users = new AnalysisResult.Users(plan.userLabel, u.distinct(), u.isEstimate(),
                    topUsers(u, Preview.TOP_USERS), List.of());
        }
        AnalysisResult.Timeline timeline = plan.timeLabel != null ? acc.timeline.toResult(plan.timeLabel) : null;
        return new Preview(acc.records, users, timeline);
    }

    private static List<AnalysisResult.UserActivity> topUsers(KeyCounter u, int n) {
        List<AnalysisResult.UserActivity> top = new ArrayList<>();
        for (KeyCounter.Entry e : u.top(n)) {
            top.add(new AnalysisResult.UserActivity(e.key(), e.count(),
                    e.first() == Long.MIN_VALUE ? null : Timestamps.isoInstant(e.first()),
                    e.last() == Long.MIN_VALUE ? null : Timestamps.isoInstant(e.last())));
        }
        return top;
    }

    private static AnalysisResult.Users users(Plan plan, Accumulator acc, Set<String> warnings) {
        if (plan.userLabel == null) {
            return null;
        }
        KeyCounter u = acc.users;
        List<AnalysisResult.UserActivity> top = topUsers(u, TOP_USERS);
        List<AnalysisResult.HistogramBin> histogram = new ArrayList<>();
        if (u.isEstimate()) {
            warnings.add("More than " + acc.settings.maxExactDistinct
                    + " distinct users: their number and the top users are estimates, and no histogram is given.");
        } else {
            long[] counts = u.allCounts();
            long max = 0;
            for (long c : counts) {
                max = Math.max(max, c);
            }
            int bins = max == 0 ? 0 : 64 - Long.numberOfLeadingZeros(max);
            long[] users = new long[bins];
            for (long c : counts) {
                users[63 - Long.numberOfLeadingZeros(c)]++;
            }
            for (int i = 0; i < bins; i++) {
                histogram.add(new AnalysisResult.HistogramBin(1L << i, (1L << (i + 1)) - 1, users[i]));
            }
        }
        return new AnalysisResult.Users(plan.userLabel, u.distinct(), u.isEstimate(), top, histogram);
    }
}

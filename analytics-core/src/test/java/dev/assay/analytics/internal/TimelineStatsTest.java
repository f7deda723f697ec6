package dev.assay.analytics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.analytics.AnalysisResult;
import org.junit.jupiter.api.Test;

class TimelineStatsTest {

    private static final long START = 1_700_000_000_000L;

    @Test
    void manyDistinctSecondsCoarsenWithoutLosingOrMisplacingEvents() {
        TimelineStats t = new TimelineStats();
        for (int i = 0; i < 100_000; i++) {
            t.add(START + i * 7_000L);
        }
        AnalysisResult.Timeline result = t.toResult("ts");
        assertThat(result.buckets().stream().mapToLong(AnalysisResult.Bucket::count).sum()).isEqualTo(100_000);
        assertThat(result.buckets()).hasSizeLessThanOrEqualTo(120);
        assertThat(result.buckets().get(0).start()).isEqualTo("2023-11-14T18:00:00Z");
        assertThat(result.bucketWidth()).isEqualTo("PT6H");
    }

    @Test
    void mergedTimelinesEqualOneTimelineOfAllEvents() {
        TimelineStats all = new TimelineStats();
        TimelineStats a = new TimelineStats();
        TimelineStats b = new TimelineStats();
        for (int i = 0; i < 50_000; i++) {
            long time = START + (long) i * i;
            all.add(time);
            (i % 3 == 0 ? a : b).add(time);
        }
        a.merge(b);
        assertThat(a.toResult("ts")).isEqualTo(all.toResult("ts"));
    }
}

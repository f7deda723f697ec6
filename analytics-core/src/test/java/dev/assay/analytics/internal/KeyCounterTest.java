package dev.assay.analytics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyCounterTest {

    private static void add(KeyCounter c, String key, long time) {
        byte[] b = ("#" + key + "#").getBytes(StandardCharsets.UTF_8);
        c.add(b, 1, b.length - 1, time);
    }

    @Test
    void countsExactlyBelowTheCapWithFirstAndLastSeen() {
        KeyCounter c = new KeyCounter(1000, 1 << 20, true);
        for (int i = 0; i < 900; i++) {
            add(c, "user" + (i % 300), 1000L * i);
        }
        assertThat(c.isEstimate()).isFalse();
        assertThat(c.distinct()).isEqualTo(300);
        assertThat(c.top(2)).containsExactly(new KeyCounter.Entry("user0", 3, 0, 600_000),
                new KeyCounter.Entry("user1", 3, 1000, 601_000));
        assertThat(c.allCounts()).hasSize(300).containsOnly(3L);
    }

    @Test
    void switchesToSketchesPastTheCapAndStaysWithinTheStatedError() {
        KeyCounter c = new KeyCounter(1000, 1 << 20, false);
        for (int i = 0; i < 50_000; i++) {
            add(c, "v" + i, Long.MIN_VALUE);
            if (i % 10 == 0) {
                add(c, "hot", Long.MIN_VALUE);
            }
        }
        assertThat(c.isEstimate()).isTrue();
        assertThat((double) c.distinct()).isCloseTo(50_001, within(50_001 * 0.03));
        assertThat(c.top(1).get(0).key()).isEqualTo("hot");
        assertThat(c.allCounts()).isEmpty();
    }

    @Test
    void mergeOfExactCountersPastTheCapBecomesAnEstimate() {
        KeyCounter a = new KeyCounter(1000, 1 << 20, false);
        KeyCounter b = new KeyCounter(1000, 1 << 20, false);
        for (int i = 0; i < 800; i++) {
            add(a, "a" + i, Long.MIN_VALUE);
            add(b, "b" + i, Long.MIN_VALUE);
        }
        a.merge(b);
        assertThat(a.isEstimate()).isTrue();
        assertThat((double) a.distinct()).isCloseTo(1600, within(1600 * 0.03));
    }

    @Test
    void mergeOfExactCountersAddsCountsAndWidensTimes() {
        KeyCounter a = new KeyCounter(1000, 1 << 20, true);
        KeyCounter b = new KeyCounter(1000, 1 << 20, true);
        add(a, "u", 50);
        add(b, "u", 10);
        add(b, "u", 90);
        add(b, "v", Long.MIN_VALUE);
        a.merge(b);
        assertThat(a.top(2)).containsExactly(new KeyCounter.Entry("u", 3, 10, 90),
                new KeyCounter.Entry("v", 1, Long.MIN_VALUE, Long.MIN_VALUE));
    }

    @Test
    void switchesToSketchesWhenDistinctKeysExceedTheirByteBudget() {
        KeyCounter c = new KeyCounter(1000, 10_000, false);
        for (int i = 0; i < 200; i++) {
            add(c, i + "x".repeat(100), Long.MIN_VALUE);
        }
        assertThat(c.isEstimate()).isTrue();
        assertThat((double) c.distinct()).isCloseTo(200, within(200 * 0.03));
    }

    @Test
    void wideFilesGetASmallerExactCapPerColumn() {
        Settings narrow = new Settings(dev.assay.analytics.AnalysisOptions.defaults(), false, 2026, 5);
        Settings wide = new Settings(dev.assay.analytics.AnalysisOptions.defaults(), false, 2026, 1000);
        assertThat(narrow.columnCap).isEqualTo(100_000);
        assertThat(wide.columnCap).isEqualTo(2_000);
        assertThat(wide.columnArenaBytes).isEqualTo(256 << 10);
    }

    @Test
    void shortAndLongKeysWithCommonPrefixesStayDistinct() {
        KeyCounter c = new KeyCounter(1000, 1 << 20, false);
        for (String k : new String[] {"", "a", "abc", "abc\u0000", "abcdefg", "abcdefgh", "abcdefghi", "é", "abc"}) {
            add(c, k, Long.MIN_VALUE);
        }
        assertThat(c.distinct()).isEqualTo(8);
        assertThat(c.top(1)).containsExactly(new KeyCounter.Entry("abc", 2, Long.MIN_VALUE, Long.MIN_VALUE));
        assertThat(c.top(8)).extracting(KeyCounter.Entry::key)
                .contains("", "abc\u0000", "abcdefg", "abcdefgh", "abcdefghi", "é");
    }
}

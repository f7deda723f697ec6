package dev.assay.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void nearestRankPercentilesOfOneToHundred() {
        double[] samples = IntStream.rangeClosed(1, 100).map(i -> 101 - i).asDoubleStream().toArray();
        LatencyStats stats = LatencyStats.of(samples);
        assertThat(stats.count()).isEqualTo(100);
        assertThat(stats.p50()).isEqualTo(50);
        assertThat(stats.p95()).isEqualTo(95);
        assertThat(stats.p99()).isEqualTo(99);
        assertThat(stats.max()).isEqualTo(100);
        assertThat(stats.mean()).isCloseTo(50.5, within(1e-9));
        assertThat(samples[0]).as("the caller's array is not sorted in place").isEqualTo(100);
    }

    @Test
    void smallSetsUseTheSampleAtOrAboveTheRank() {
        LatencyStats stats = LatencyStats.of(new double[] {7, 3, 5});
        assertThat(stats.p50()).isEqualTo(5);
        assertThat(stats.p95()).isEqualTo(7);
        assertThat(stats.p99()).isEqualTo(7);
    }

    @Test
    void emptySetHasNoFigures() {
        LatencyStats stats = LatencyStats.of(new double[0]);
        assertThat(stats.count()).isZero();
        assertThat(stats.p50()).isNaN();
    }
}

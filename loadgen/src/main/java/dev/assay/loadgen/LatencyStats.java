package dev.assay.loadgen;

import java.util.Arrays;

/**
 * Summary of a set of latencies in milliseconds: nearest-rank percentiles (the p-th percentile is the smallest
 * sample with at least p% of the samples at or below it), maximum and mean. An empty set has count 0 and NaN
 * figures.
 *
 * @param count number of samples
 * @param p50   median
 * @param p95   95th percentile
 * @param p99   99th percentile
 * @param max   largest sample
 * @param mean  arithmetic mean
 */
record LatencyStats(int count, double p50, double p95, double p99, double max, double mean) {

    static LatencyStats of(double[] millis) {
        if (millis.length == 0) {
            return new LatencyStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new LatencyStats(sorted.length, percentile(sorted, 50), percentile(sorted, 95),
                percentile(sorted, 99), sorted[sorted.length - 1], Arrays.stream(sorted).average().orElseThrow());
    }

    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}

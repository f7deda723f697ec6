package dev.assay.benchmarks;

import java.util.Arrays;
import java.util.Properties;

/**
 * The outcome of one candidate on one file: pass times and what was counted, and, from a separate run under the
 * memory limit, the heap figures. Throughput is in MB/s with 1 MB = 10^6 bytes.
 *
 * @param candidate      what ran
 * @param fileBytes      size of the input
 * @param nanos          wall time of each measured pass
 * @param tally          what the candidate counted
 * @param gcMillis       collector time during the measured passes (-1 where there is no JVM)
 * @param memory         the run under the memory limit, or {@code null} where none was made
 * @param loadBefore     the 1-minute load average when the measurement started
 * @param error          why the candidate failed, or {@code null}
 */
record Measurement(Candidate candidate, long fileBytes, long[] nanos, Tally tally, long gcMillis, Memory memory,
                   double loadBefore, String error) {

    /**
     * Heap figures of a run in a child JVM under {@code -Xmx}; {@code collections} counts the collections during
     * the run (without one there is no live-after-GC figure); {@code error} is set when that run failed.
     */
    record Memory(long maxHeap, long peakHeapUsed, long maxLiveAfterGc, long collections, long peakRss,
                  String error) {

        static Memory from(Properties properties) {
            String error = properties.getProperty("error");
            return new Memory(longOf(properties, "maxHeap"), longOf(properties, "peakHeapUsed"),
                    longOf(properties, "maxLiveAfterGc"), longOf(properties, "collections"),
                    longOf(properties, "peakRss"), error);
        }
    }

    static Measurement failed(Candidate candidate, long fileBytes, double loadBefore, String error) {
        return new Measurement(candidate, fileBytes, new long[0], null, -1, null, loadBefore, error);
    }

    /** Reads the result file of a {@link CandidateProcess} throughput run. */
    static Measurement from(Candidate candidate, long fileBytes, Properties properties, double loadBefore) {
        String error = properties.getProperty("error");
        if (error != null) {
            return failed(candidate, fileBytes, loadBefore, error);
        }
        long[] nanos = Arrays.stream(properties.getProperty("nanos").split(",")).mapToLong(Long::parseLong).toArray();
        Tally tally = new Tally(longOf(properties, "events"), longOf(properties, "distinctUsers"));
        return new Measurement(candidate, fileBytes, nanos, tally, longOf(properties, "gcMillis"), null, loadBefore,
                null);
    }

    Measurement withMemory(Memory measured) {
        return new Measurement(candidate, fileBytes, nanos, tally, gcMillis, measured, loadBefore, error);
    }

    boolean ok() {
        return error == null && nanos.length > 0;
    }

    /** MB/s of the fastest pass. */
    double bestMbPerSecond() {
        return mbPerSecond(Arrays.stream(nanos).min().orElseThrow());
    }

    /** MB/s of the median pass (the lower middle one for an even count). */
    double medianMbPerSecond() {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return mbPerSecond(sorted[sorted.length / 2]);
    }

    private double mbPerSecond(long passNanos) {
        return fileBytes / 1e6 / (passNanos / 1e9);
    }

    private static long longOf(Properties properties, String key) {
        String value = properties.getProperty(key);
        return value == null ? -1 : Long.parseLong(value);
    }
}

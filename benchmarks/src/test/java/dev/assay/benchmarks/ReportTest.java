package dev.assay.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static final long SECOND = 1_000_000_000L;
    private static final Machine MACHINE = new Machine(2, "Test CPU", 8L << 30, "Java 17", "Linux");

    private final EventCsvGenerator.GeneratedFile small =
            new EventCsvGenerator.GeneratedFile(Path.of("events-200MB.csv"), 200_000_000, 4_000_000);
    private final EventCsvGenerator.GeneratedFile large =
            new EventCsvGenerator.GeneratedFile(Path.of("events-1GB.csv"), 1_000_000_000, 20_000_000);

    @Test
    void throughputIsTheBestAndTheMedianPassInDecimalMegabytesPerSecond() {
        Measurement m = measured(Candidate.FASTCSV, small, 4_000_000, new long[] {4 * SECOND, SECOND, 2 * SECOND});

        assertThat(m.bestMbPerSecond()).isEqualTo(200.0);
        assertThat(m.medianMbPerSecond()).isEqualTo(100.0);
    }

    @Test
    void marksTargetsMetOrMissedFromTheRatiosOfMedians() {
        Map<EventCsvGenerator.GeneratedFile, List<Measurement>> results = new LinkedHashMap<>();
        results.put(small, List.of(
                measured(Candidate.DUCKDB_T1, small, 4_000_000, new long[] {SECOND}),
                measured(Candidate.CORE_USERS, small, 4_000_000, new long[] {SECOND / 2})
                        .withMemory(new Measurement.Memory(256_000_000, 100_000_000, 5_000_000, 3, 300_000_000, null)),
                measured(Candidate.CORE_FULL, small, 4_000_000, new long[] {4 * SECOND})
                        .withMemory(new Measurement.Memory(256_000_000, 100_000_000, 5_000_000, 3, 300_000_000, null))));
        results.put(large, List.of(
                measured(Candidate.DUCKDB_T1, large, 20_000_000, new long[] {5 * SECOND}),
                measured(Candidate.CORE_USERS, large, 20_000_000, new long[] {4 * SECOND})
                        .withMemory(new Measurement.Memory(256_000_000, 90_000_000, 0, 0, 300_000_000, null)),
                measured(Candidate.CORE_FULL, large, 20_000_000, new long[] {20 * SECOND})
                        .withMemory(new Measurement.Memory(256_000_000, 0, 0, 0, 0, "java.lang.OutOfMemoryError"))));

        String markdown = new Report(MACHINE, "engine abc1234", "", Instant.EPOCH, Duration.ofMinutes(3), 0.5, 0.7, "256m", results,
                List.of()).markdown();

        assertThat(markdown)
                .contains("- Measured: engine abc1234")
                .contains("| user activity ≥ 1.0× DuckDB t=1 | 2.00× | 1.25× | **met** |")
                .contains("| full analysis ≥ 0.5× DuckDB t=1 | 0.25× | 0.25× | **missed** |")
                .contains("core-users: each file within -Xmx256m, peak heap of the largest ≤ that of the smallest "
                        + "| 100 MB | 90 MB | **met** |")
                .contains("| 100 MB | failed | **missed** (a run failed) |")
                .contains("| 90 MB | no GC |");
    }

    @Test
    void flagsCountsThatDifferFromTheGeneratedFile() {
        Map<EventCsvGenerator.GeneratedFile, List<Measurement>> results = Map.of(small, List.of(
                new Measurement(Candidate.CORE_FULL, small.bytes(), new long[] {SECOND},
                        new Tally(3_999_999, 10_000), 0, null, 0.1, null)));

        String markdown = new Report(MACHINE, "", "", Instant.EPOCH, Duration.ZERO, 0, 0, "256m", results, List.of())
                .markdown();

        assertThat(markdown).contains("**differ**: 3,999,999 events, 10,000 users");
    }

    private static Measurement measured(Candidate candidate, EventCsvGenerator.GeneratedFile file, long events,
                                        long[] nanos) {
        return new Measurement(candidate, file.bytes(), nanos, new Tally(events, EventCsvGenerator.USERS), 0, null,
                0.1, null);
    }
}

package dev.assay.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CandidateProcessTest {

    @TempDir
    Path dir;

    @Test
    void writesPassTimesCountsAndHeapFigures() throws Exception {
        var file = new EventCsvGenerator(EventCsvGenerator.DEFAULT_SEED).ensure(dir, "events.csv", 1_000_000);
        Path resultFile = dir.resolve("result.properties");

        CandidateProcess.main(new String[] {"readline-indexof", file.path().toString(), "1", "3",
                resultFile.toString()});

        Properties result = load(resultFile);
        assertThat(result.getProperty("error")).isNull();
        assertThat(result.getProperty("nanos").split(",")).hasSize(3).allMatch(n -> Long.parseLong(n) > 0);
        assertThat(result.getProperty("events")).isEqualTo(Long.toString(file.rows()));
        assertThat(result.getProperty("distinctUsers")).isEqualTo("10000");
        assertThat(Long.parseLong(result.getProperty("peakHeapUsed"))).isPositive();
        assertThat(Long.parseLong(result.getProperty("maxLiveAfterGc")))
                .isLessThanOrEqualTo(Long.parseLong(result.getProperty("peakHeapUsed")));

        Measurement measurement = Measurement.from(Candidate.READLINE_INDEXOF, file.bytes(), result, 0.5);
        assertThat(measurement.ok()).isTrue();
        assertThat(measurement.tally()).isEqualTo(new Tally(file.rows(), 10_000));
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties;
    }
}

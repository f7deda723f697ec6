package dev.assay.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JfrSummaryTest {

    @TempDir
    Path dir;

    @Test
    void chargesSamplesToTheMethodsOfTheFocusPackage() throws Exception {
        var file = new EventCsvGenerator(EventCsvGenerator.DEFAULT_SEED).ensure(dir, "events.csv", 20_000_000);
        Path recording = dir.resolve("scan.jfr");
        try (Recording jfr = new Recording(Configuration.getConfiguration("profile"))) {
            jfr.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
            jfr.start();
            long until = System.nanoTime() + 1_500_000_000L;
            while (System.nanoTime() < until) {
                Candidate.BYTE_SCAN.run(file.path());
            }
            jfr.stop();
            jfr.dump(recording);
        }

        String summary = JfrSummary.summarise(recording, "dev.assay.benchmarks", 10);

        assertThat(summary).contains("execution samples")
                .containsPattern("Inclusive time of dev.assay.benchmarks methods:\n +\\d+\\.\\d% +dev.assay.benchmarks");
        assertThat(summary).contains("dev.assay.benchmarks.ByteScanner.records");
    }
}

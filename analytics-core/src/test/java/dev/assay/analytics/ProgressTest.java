package dev.assay.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private static byte[] events(int rows) {
        StringBuilder sb = new StringBuilder("timestamp,user_id,action\n");
        for (int i = 0; i < rows; i++) {
            sb.append("2024-05-01T10:").append(String.format("%02d:%02d", (i / 60) % 60, i % 60)).append("Z,u")
                    .append(i % 97).append(",view\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void listenerExceptionPropagatesUnchanged() {
        CancellationException stop = new CancellationException("stop");
        assertThatThrownBy(() -> Analytics.analyze(new ByteArrayInputStream(events(10)), AnalysisOptions.defaults(),
                p -> {
                    throw stop;
                })).isSameAs(stop);
    }

    @Test
    void progressIsThrottledAndEndsWithAllRawBytesAndRecords() throws Exception {
        byte[] data = events(150_000);
        List<ProgressListener.Progress> seen = new ArrayList<>();
        List<Long> at = new ArrayList<>();
        AnalysisResult r = Analytics.analyze(new ByteArrayInputStream(data), AnalysisOptions.defaults(), p -> {
            seen.add(p);
            at.add(System.nanoTime());
        });
        assertThat(seen).isNotEmpty();
        ProgressListener.Progress last = seen.get(seen.size() - 1);
        assertThat(last.bytesRead()).isEqualTo(data.length);
        assertThat(last.recordsRead()).isEqualTo(r.records()).isEqualTo(150_000);
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i).bytesRead()).isGreaterThanOrEqualTo(seen.get(i - 1).bytesRead());
            if (i < seen.size() - 1) {
                assertThat(at.get(i) - at.get(i - 1)).as("gap before progress %d", i).isGreaterThanOrEqualTo(240_000_000L);
            }
        }
    }

    @Test
    void bytesReadCountsCompressedBytesOfGzipInput() throws IOException, AnalysisException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(events(1000));
        }
        List<ProgressListener.Progress> seen = new ArrayList<>();
        AnalysisResult r = Analytics.analyze(new ByteArrayInputStream(gz.toByteArray()), AnalysisOptions.defaults(), seen::add);
        assertThat(r.bytes()).isEqualTo(gz.size());
        assertThat(seen.get(seen.size() - 1).bytesRead()).isEqualTo(gz.size());
        assertThat(r.format().compression()).isEqualTo("gzip");
    }
}

package dev.assay.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Previews of a running analysis: small, and at the end equal to the result's figures. */
class PreviewTest {

    private static byte[] events(int rows, int users) {
        StringBuilder csv = new StringBuilder("user_id,time,n\n");
        for (int i = 0; i < rows; i++) {
            csv.append("user").append(i % users).append(",2026-01-01T00:").append(String.format("%02d:%02d",
                    i / 60 % 60, i % 60)).append("Z,").append(i).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Previews as often as progress is told: at least once, at the end. */
    private static final class Recorder implements PreviewListener {
        final List<Preview> previews = new ArrayList<>();

        @Override
        public void onPreview(Preview preview) {
            previews.add(preview);
        }

        @Override
        public void onProgress(Progress progress) {
        }

        @Override
        public Duration previewInterval() {
            return Duration.ZERO;
        }
    }

    @Test
    void theLastPreviewShowsTheResultsRecordsTopUsersAndTimeline() throws Exception {
        Recorder recorder = new Recorder();

        AnalysisResult result = Analytics.analyze(new ByteArrayInputStream(events(5_000, 40)),
                AnalysisOptions.defaults(), recorder);

        assertThat(recorder.previews).isNotEmpty();
        Preview last = recorder.previews.get(recorder.previews.size() - 1);
        assertThat(last.records()).isEqualTo(result.records());
        assertThat(last.users().distinct()).isEqualTo(40);
        assertThat(last.users().top()).hasSize(Preview.TOP_USERS)
                .isEqualTo(result.users().top().subList(0, Preview.TOP_USERS));
        assertThat(last.users().histogram()).isEmpty();
        assertThat(last.timeline()).isEqualTo(result.timeline());
    }

    @Test
    void aPieceAfterTheFirstMakesNoPreview() throws Exception {
        byte[] csv = events(100, 5);
        ChunkContext context = Analytics.prepareChunks(new ByteArrayInputStream(csv), AnalysisOptions.defaults());
        Recorder recorder = new Recorder();

        Analytics.analyzeChunk(new ByteArrayInputStream(csv, 15, csv.length - 15), context, false, recorder);

        assertThat(recorder.previews).isEmpty();
    }

    @Test
    void aPreviewOfAWideFileStaysSmall() throws Exception {
        Recorder recorder = new Recorder();

        Analytics.analyze(new ByteArrayInputStream(events(50_000, 20_000)), AnalysisOptions.defaults(), recorder);

        Preview last = recorder.previews.get(recorder.previews.size() - 1);
        String json = tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(last);
        assertThat(last.users().top()).hasSize(Preview.TOP_USERS);
        assertThat(json.length()).as(json).isLessThan(8 * 1024);
    }
}

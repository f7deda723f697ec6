package dev.assay.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReportTest {

    private static final LatencyStats STATS = LatencyStats.of(new double[] {10, 20, 30});

    private static LoadResult aRun(String label, int lostEvents, List<LoadResult.Point> timeline) {
        return new LoadResult(label, Instant.parse("2026-12-03T14:00:00Z"), Map.of("users", 2), 3, 3, 0, 0,
                lostEvents, 0, 0, 3072, 1.5, 2.0, 0.002, 9, 6.0, 2, STATS, STATS, STATS, STATS, 300.0, List.of(),
                timeline);
    }

    @Test
    void tableShowsFiguresAndTheVerdict() {
        String table = Report.table(aRun("s1", 0, List.of()));
        assertThat(table).contains("202 -> COMPLETED push", "20.0", "jobs/s", "2.0", "gateway max RSS MB", "PASS");
        assertThat(Report.table(aRun("s1", 1, List.of()))).contains("lost events 1", "FAIL");
    }

    @Test
    void chartHasTwoDotsPerJobAndOneWhenNoStartWasSeen() {
        String svg = Report.svg(List.of(new LoadResult.Point(0.5, 10, 40), new LoadResult.Point(1.0, Double.NaN, 80)));
        assertThat(Pattern.compile("<circle").matcher(svg).results().count()).isEqualTo(3);
        assertThat(svg).startsWith("<svg").endsWith("</svg>").doesNotContain("NaN");
    }

    @Test
    void htmlIsSelfContainedAndEscapesTheLabel(@TempDir Path out) throws Exception {
        Path html = Report.writeHtml(aRun("<b>", 0, List.of(new LoadResult.Point(0.1, 1, 2))), out);
        String page = Files.readString(html);
        assertThat(page).contains("&lt;b&gt;", "<svg").doesNotContain("<b>", "<script", "http://cdn", "https://");
    }

    @Test
    void jsonKeepsTheFiguresUnderTheirNames(@TempDir Path out) throws Exception {
        Path json = Report.writeJson(aRun("s1", 0, List.of()), out, "s1");
        JsonNode tree = JsonMapper.builder().build().readTree(json.toFile());
        assertThat(tree.path("jobsPerSecond").asDouble()).isEqualTo(2.0);
        assertThat(tree.path("acceptedToCompleted").path("p50").asDouble()).isEqualTo(20.0);
        assertThat(tree.path("lostEvents").asInt()).isZero();
    }
}

package dev.assay.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random garbage never makes the engine throw; line counts still follow DESIGN.md. */
class RobustnessTest {

    private static final byte[] ALPHABET = {',', '"', '"', '\n', '\r', 'a', 'b', '1', '2', '.', '-', 0, (byte) 0xC3,
            (byte) 0xA9, (byte) 0xFF, '{', '}', ':', ' ', '\t', ';', '|', '#', '[', ']', '/', 'T', 'Z'};

    @Test
    void randomInputIsAnalysedWithoutAnExceptionAndLinesAreCountedExactly() throws AnalysisException {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            int length = random.nextInt(round % 10 == 0 ? 70_000 : 600);
            byte[] data = new byte[length];
            for (int i = 0; i < length; i++) {
                data[i] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
            AnalysisResult r = Analytics.analyze(new ByteArrayInputStream(data), AnalysisOptions.defaults(),
                    ProgressListener.NONE);
            assertThat(r.bytes()).isEqualTo(length);
            if (r.format().encoding().equals("UTF-8") || r.format().encoding().equals("windows-1252")) {
                assertThat(r.lines()).as("lines of round %d", round).isEqualTo(designLines(data));
            }
            assertThat(r.records()).isLessThanOrEqualTo(r.lines());
            assertThat(ResultJson.toJson(r, false)).isNotEmpty();
        }
    }

    /** A line ends at LF, CRLF or a lone CR; an unterminated last line counts if not empty. */
    static long designLines(byte[] b) {
        long lines = 0;
        int start = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n' || b[i] == '\r') {
                lines++;
                if (b[i] == '\r' && i + 1 < b.length && b[i + 1] == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < b.length) {
            lines++;
        }
        return lines;
    }

    @Test
    void randomInputReadAsEveryDeclaredFormatIsAnalysedWithoutAnException() throws AnalysisException {
        Random random = new Random(7);
        for (String kind : AnalysisOptions.KINDS) {
            for (int round = 0; round < 40; round++) {
                byte[] data = new byte[random.nextInt(2000)];
                for (int i = 0; i < data.length; i++) {
                    data[i] = ALPHABET[random.nextInt(ALPHABET.length)];
                }
                AnalysisOptions options = AnalysisOptions.builder().format(kind).userColumn(round % 2 == 0 ? "2" : "$1")
                        .timestampColumn("1").build();
                AnalysisResult r = Analytics.analyze(new ByteArrayInputStream(data), options, ProgressListener.NONE);
                assertThat(r.format().kind()).isEqualTo(kind);
                assertThat(r.lines()).as("%s round %d", kind, round).isEqualTo(designLines(data));
            }
        }
    }
}

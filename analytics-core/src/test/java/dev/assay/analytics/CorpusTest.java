package dev.assay.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every corpus file is analysed; line counts and user figures agree with EXPECTED.tsv. */
class CorpusTest {

    private static final Pattern COLUMN = Pattern.compile("col (\\d+) (.+?) \\(.*");
    private static final Pattern KEY = Pattern.compile("key (\\S+).*");
    private static final Pattern WORD = Pattern.compile("\\$(\\d+) \\((.*)\\)");

    @Test
    void everyCorpusFileIsAnalysedWithoutAnException() throws IOException {
        List<String> names;
        try (Stream<Path> files = Files.list(Corpus.dir())) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(names).hasSizeGreaterThan(80);
        for (String name : names) {
            AnalysisResult r = Corpus.analyzeWithDefaults(name);
            assertThat(r.bytes()).as(name).isEqualTo(Files.size(Corpus.file(name)));
            assertThat(ResultJson.toJson(r, false)).as(name).startsWith("{\"format\":");
            if (r.timeline() != null) {
                long events = r.timeline().buckets().stream().mapToLong(AnalysisResult.Bucket::count).sum();
                assertThat(events).as("timeline events of %s", name).isPositive().isLessThanOrEqualTo(r.records());
                assertThat(r.timeline().buckets()).as("timeline of %s", name).hasSizeLessThanOrEqualTo(120);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> linesAgreeWithExpectedCounts() {
        return Corpus.expected().stream().map(row -> dynamicTest(row.get("file"), () -> {
            String name = row.get("file");
            AnalysisResult r = Corpus.analyzeWithDefaults(name);
            assertThat(r.lines()).as("lines of %s", name).isEqualTo(expectedLines(row));
        }));
    }

    /**
     * DESIGN.md's count from EXPECTED's figures: {@code wc -l} counts LF; lone CRs (CR bytes not followed by LF)
     * end lines too; an unterminated last line counts when not empty. EXPECTED gives CR bytes of the stored file;
     * the CRLF pairs among them, and for gzip files the figures of the decompressed text, are read from the bytes.
     */
    static long expectedLines(Map<String, String> row) {
        String name = row.get("file");
        byte[] b = Corpus.content(name);
        boolean gz = name.endsWith(".gz");
        long wc = Long.parseLong(gz ? row.get("lines_decompressed") : row.get("lines"));
        long cr = gz ? count(b, (byte) '\r') : Long.parseLong(row.get("cr_bytes"));
        long crlf = 0;
        for (int i = 0; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                crlf++;
            }
        }
        boolean endsWithLf = gz ? b.length > 0 && b[b.length - 1] == '\n' : row.get("final_newline").equals("yes");
        boolean endsWithCr = b.length > 0 && b[b.length - 1] == '\r';
        boolean unterminatedLast = b.length > 0 && !endsWithLf && !endsWithCr;
        return wc + (cr - crlf) + (unterminatedLast ? 1 : 0);
    }

    private static long count(byte[] b, byte x) {
        long n = 0;
        for (byte c : b) {
            if (c == x) {
                n++;
            }
        }
        return n;
    }

    @TestFactory
    Stream<DynamicTest> usersAgreeWithExpectedWhenTheColumnIsGiven() {
        return Corpus.expected().stream().filter(CorpusTest::hasUsers).map(row -> dynamicTest(row.get("file"), () -> {
            String name = row.get("file");
            AnalysisResult r = Corpus.analyze(name, AnalysisOptions.builder().userColumn(userColumn(row)).build());
            assertUsers(name, r, row);
        }));
    }

    @TestFactory
    Stream<DynamicTest> usersAreAutoDetectedWhereTheColumnNameIsObvious() {
        List<String> obvious = List.of("cowrie__cowrie.json.2018-05-16", "superstore__Sample_-_Superstore.csv",
                "zeek__ntlm.json.gz", "zeek__ntlm.log.gz", "djangoproject__nginx_access.log", "elastic__apache_logs",
                "secanalyst__access_log");
        return Corpus.expected().stream().filter(row -> obvious.contains(row.get("file"))).map(row ->
                dynamicTest(row.get("file"), () -> {
                    AnalysisResult r = Corpus.analyzeWithDefaults(row.get("file"));
                    assertUsers(row.get("file"), r, row);
                }));
    }

    private static boolean hasUsers(Map<String, String> row) {
        return !row.get("id_distinct").equals("n/a");
    }

    /** The user column as a caller would pass it, from EXPECTED's description of the field. */
    static String userColumn(Map<String, String> row) {
        String field = row.get("id_field");
        Matcher m = COLUMN.matcher(field);
        if (m.matches()) {
            return m.group(2);
        }
        m = KEY.matcher(field);
        if (m.matches()) {
            return m.group(1);
        }
        if (field.startsWith("speaker label")) {
            return "/^([A-Z][A-Z. '-]*):/";
        }
        if (field.startsWith("$8 (keystone user_id)")) {
            return "/^\\S+ \\S+ \\S+ \\S+ \\S+ \\S+ \\[req-\\S+ (\\S+)/";
        }
        m = WORD.matcher(field);
        if (m.matches()) {
            return "$" + m.group(1); // as EXPECTED.tsv names it, also for access logs (their client field alike)
        }
        throw new IllegalArgumentException("unknown id_field " + field);
    }

    private static void assertUsers(String name, AnalysisResult r, Map<String, String> row) {
        assertThat(r.users()).as("users of %s", name).isNotNull();
        assertThat(r.users().distinct()).as("distinct users of %s", name).isEqualTo(Long.parseLong(row.get("id_distinct")));
        List<String> expectedTop = new ArrayList<>();
        for (String key : List.of("id_top1", "id_top2", "id_top3")) {
            if (!row.get(key).equals("n/a")) {
                expectedTop.add(row.get(key));
            }
        }
        List<String> actualTop = r.users().top().stream().limit(expectedTop.size())
                .map(u -> u.events() + " " + u.id()).toList();
        assertThat(actualTop).as("top users of %s", name).containsExactlyElementsOf(expectedTop);
        long events = r.users().top().stream().mapToLong(AnalysisResult.UserActivity::events).sum();
        assertThat(events).as("events of top users of %s", name).isLessThanOrEqualTo(Long.parseLong(row.get("id_records")));
    }
}

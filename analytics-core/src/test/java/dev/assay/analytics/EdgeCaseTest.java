package dev.assay.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Edge cases from src/test/resources/edge, each with its right values. */
class EdgeCaseTest {

    static AnalysisResult analyze(String resource, AnalysisOptions options) {
        try (InputStream in = EdgeCaseTest.class.getResourceAsStream("/edge/" + resource)) {
            assertThat(in).as("resource %s", resource).isNotNull();
            return Analytics.analyze(in, options, ProgressListener.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (AnalysisException e) {
            throw new AssertionError(e);
        }
    }

    static AnalysisResult analyze(String resource) {
        return analyze(resource, AnalysisOptions.defaults());
    }

    static AnalysisResult analyzeBytes(byte[] bytes, AnalysisOptions options) throws AnalysisException {
        return Analytics.analyze(new ByteArrayInputStream(bytes), options, ProgressListener.NONE);
    }

    private static List<String> names(AnalysisResult r) {
        return r.columns().stream().map(AnalysisResult.Column::name).toList();
    }

    private static AnalysisResult.Column column(AnalysisResult r, String name) {
        return r.column(name).orElseThrow(() -> new AssertionError("no column " + name + " in " + names(r)));
    }

    @Test
    void anAccessLogsUserIsGivenByFieldNameOrNumberByWordOrByPatternAndAMissingOneIsNamed()
            throws AnalysisException {
        byte[] accessLog = ("66.249.73.135 - - [17/May/2015:10:05:03 +0000] \"GET /a HTTP/1.1\" 200 7 \"-\" \"x\"\n"
                + "10.0.0.1 - - [17/May/2015:10:05:04 +0000] \"GET /b HTTP/1.1\" 404 9 \"-\" \"y\"\n")
                .getBytes(StandardCharsets.UTF_8);

        AnalysisResult byName = analyzeBytes(accessLog, AnalysisOptions.fromMap(Map.of("userColumn", "client")));
        AnalysisResult byNumber = analyzeBytes(accessLog, AnalysisOptions.fromMap(Map.of("userColumn", "8")));
        AnalysisResult byWord = analyzeBytes(accessLog, AnalysisOptions.fromMap(Map.of("userColumn", "$1")));
        AnalysisResult byPattern = analyzeBytes(accessLog,
                AnalysisOptions.fromMap(Map.of("userColumn", "/\\] \"\\w+ (\\S+)/")));
        AnalysisResult missing = analyzeBytes(accessLog, AnalysisOptions.fromMap(Map.of("userColumn", "session")));

        assertThat(byName.format().kind()).startsWith("log/apache");
        assertThat(byName.users().column()).isEqualTo("client");
        assertThat(byName.users().top()).extracting(AnalysisResult.UserActivity::id)
                .containsExactlyInAnyOrder("66.249.73.135", "10.0.0.1");
        assertThat(byNumber.users().column()).isEqualTo("status");
        assertThat(byNumber.users().top()).extracting(AnalysisResult.UserActivity::id)
                .containsExactlyInAnyOrder("200", "404");
        assertThat(byWord.users().column()).isEqualTo("$1");
        assertThat(byWord.users().top()).extracting(AnalysisResult.UserActivity::id)
                .containsExactlyInAnyOrder("66.249.73.135", "10.0.0.1");
        assertThat(byPattern.users().top()).extracting(AnalysisResult.UserActivity::id)
                .containsExactlyInAnyOrder("/a", "/b");
        assertThat(missing.warnings()).contains("User column 'session' was not found; no user activity computed."
                + " Give a column by name or number: client, ident, user, time, method, path, protocol, status,"
                + " bytes, referer, agent.");
    }

    @Test
    void aColumnNumberNoRecordReachesIsNotFoundAndChangesNothing() throws AnalysisException {
        byte[] csv = "name,age\nalice,30\nbob,40\n".getBytes(StandardCharsets.UTF_8);

        AnalysisResult r = analyzeBytes(csv, AnalysisOptions.fromMap(Map.of("userColumn", "99")));

        assertThat(names(r)).containsExactly("name", "age");
        assertThat(r.malformedRecords()).isZero();
        assertThat(r.users()).isNull();
        assertThat(r.warnings()).contains("User column '99' was not found; no user activity computed. Give a column"
                + " by name or number: name, age.");
    }

    @Test
    void aColumnNumberPastTheHeaderNamesAFieldThatRecordsHave() throws AnalysisException {
        byte[] ragged = "name,age\nalice,30,a1\nbob,40,b2\ncarol,50\n".getBytes(StandardCharsets.UTF_8);

        AnalysisResult r = analyzeBytes(ragged, AnalysisOptions.fromMap(Map.of("userColumn", "3")));

        assertThat(names(r)).containsExactly("name", "age", "column3");
        assertThat(r.users().column()).isEqualTo("column3");
        assertThat(r.users().distinct()).isEqualTo(2);
    }

    @Test
    void aDelimiterGivenAsATabCharacterSplitsOnTabs() throws AnalysisException {
        byte[] mixed = "a,b\tc\n1,2\t3\n4,5\t6\n".getBytes(StandardCharsets.UTF_8);

        AnalysisResult r = analyzeBytes(mixed, AnalysisOptions.fromMap(Map.of("delimiter", "\t")));

        assertThat(names(r)).containsExactly("a,b", "c");
    }

    @Test
    void anApplicationLogWithColourCodesIsALogWithItsLevels() throws AnalysisException {
        StringBuilder log = new StringBuilder();
        String[] levels = {"\u001b[32mINFO \u001b[0m", "\u001b[33mWARN \u001b[0m", "\u001b[1;31mERROR\u001b[0m"};
        for (int i = 0; i < 30; i++) {
            log.append("2024-01-01 10:00:").append(10 + i).append(",123 ").append(levels[i % 3])
                    .append(" [main] com.example.Svc - request ").append(i).append(" from user").append(i % 4)
                    .append('\n');
        }

        AnalysisResult r = analyzeBytes(log.toString().getBytes(StandardCharsets.UTF_8), AnalysisOptions.defaults());

        assertThat(r.format().kind()).isEqualTo("log/app");
        assertThat(r.records()).isEqualTo(30);
        assertThat(r.log().levels()).extracting(AnalysisResult.ValueCount::value, AnalysisResult.ValueCount::count)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("INFO", 10L),
                        org.assertj.core.groups.Tuple.tuple("WARN", 10L),
                        org.assertj.core.groups.Tuple.tuple("ERROR", 10L));
    }

    @Test
    void utf8BomIsNotPartOfTheFirstHeaderName() {
        AnalysisResult r = analyze("utf8_bom.csv");
        assertThat(r.format().encoding()).isEqualTo("UTF-8");
        assertThat(names(r)).containsExactly("id", "name");
        assertThat(column(r, "id").type()).isEqualTo("integer");
        assertThat(r.records()).isEqualTo(2);
        assertThat(r.bytes()).isEqualTo(19);
    }

    @Test
    void utf16LittleAndBigEndianAreDecodedFromTheirBom() {
        for (String file : List.of("utf16le.csv", "utf16be.csv")) {
            AnalysisResult r = analyze(file);
            assertThat(r.format().encoding()).isEqualTo(file.equals("utf16le.csv") ? "UTF-16LE" : "UTF-16BE");
            assertThat(r.format().kind()).isEqualTo("csv");
            assertThat(names(r)).containsExactly("id", "city");
            assertThat(r.records()).isEqualTo(2);
            assertThat(r.lines()).isEqualTo(3);
            assertThat(column(r, "city").topValues()).extracting(AnalysisResult.ValueCount::value)
                    .containsExactlyInAnyOrder("Zürich", "Kraków");
        }
    }

    @Test
    void utf32IsDecodedFromItsBomOrRecognisedWithoutOne() throws AnalysisException {
        String csv = "name,city\nJosé,Zürich\nBob,東京\n";
        for (String charset : List.of("UTF-32LE", "UTF-32BE")) {
            byte[] withBom = ("\uFEFF" + csv).getBytes(java.nio.charset.Charset.forName(charset));
            byte[] withoutBom = csv.getBytes(java.nio.charset.Charset.forName(charset));
            for (byte[] bytes : List.of(withBom, withoutBom)) {
                AnalysisResult r = analyzeBytes(bytes, AnalysisOptions.defaults());
                assertThat(r.format().encoding()).isEqualTo(charset);
                assertThat(names(r)).containsExactly("name", "city");
                assertThat(r.records()).isEqualTo(2);
                assertThat(r.malformedRecords()).isZero();
                assertThat(column(r, "city").topValues()).extracting(AnalysisResult.ValueCount::value)
                        .containsExactlyInAnyOrder("Zürich", "東京");
            }
        }
    }

    @Test
    void invalidUtf8IsReadAsWindows1252WithAWarning() {
        AnalysisResult r = analyze("windows1252.csv");
        assertThat(r.format().encoding()).isEqualTo("windows-1252");
        assertThat(column(r, "name").topValues()).extracting(AnalysisResult.ValueCount::value)
                .containsExactlyInAnyOrder("José", "Renée");
        assertThat(column(r, "city").topValues()).extracting(AnalysisResult.ValueCount::value)
                .contains("Besançon – Doubs");
        assertThat(r.warnings()).anyMatch(w -> w.contains("windows-1252"));
    }

    @Test
    void crOnlyLineEndingsEndLinesAndRecords() {
        AnalysisResult r = analyze("cr_only.csv");
        assertThat(r.lines()).isEqualTo(3);
        assertThat(r.records()).isEqualTo(2);
        assertThat(column(r, "b").max()).isEqualTo(4L);
    }

    @Test
    void crlfEndingsCountOnce() {
        AnalysisResult r = analyze("crlf.csv");
        assertThat(r.lines()).isEqualTo(3);
        assertThat(r.records()).isEqualTo(2);
        assertThat(column(r, "b").topValues()).extracting(AnalysisResult.ValueCount::value).containsExactly("2", "4");
    }

    @Test
    void mixedLineEndingsAreAllRecognised() {
        AnalysisResult r = analyze("mixed_endings.csv");
        assertThat(r.lines()).isEqualTo(4);
        assertThat(r.records()).isEqualTo(3);
        assertThat(r.malformedRecords()).isZero();
    }

    @Test
    void quotedNewlinesMakeRecordsFewerThanLines() {
        AnalysisResult r = analyze("quoted_newlines.csv");
        assertThat(r.lines()).isEqualTo(6);
        assertThat(r.records()).isEqualTo(3);
        assertThat(r.malformedRecords()).isZero();
        assertThat(column(r, "text").topValues()).extracting(AnalysisResult.ValueCount::value)
                .containsExactlyInAnyOrder("line one\nline two", "say \"hi\"", "crlf\r\ninside");
    }

    @Test
    void unbalancedQuoteIsReportedWithItsLineAndTheRestIsStillCounted() {
        AnalysisResult r = analyze("unbalanced_quote.csv");
        assertThat(r.lines()).isEqualTo(4);
        assertThat(r.records()).isEqualTo(2);
        assertThat(r.malformedRecords()).isEqualTo(1);
        assertThat(r.malformedExamples()).singleElement().satisfies(ex -> {
            assertThat(ex.line()).isEqualTo(3);
            assertThat(ex.reason()).contains("unbalanced quote");
        });
    }

    @Test
    void raggedRowsAreMalformedButTheirValuesCount() {
        AnalysisResult r = analyze("ragged.csv");
        assertThat(r.records()).isEqualTo(4);
        assertThat(r.malformedRecords()).isEqualTo(2);
        assertThat(r.malformedExamples()).extracting(AnalysisResult.MalformedExample::line).containsExactly(3L, 4L);
        assertThat(r.malformedExamples().get(0).reason()).isEqualTo("expected 3 fields, found 2");
        assertThat(column(r, "a").distinct()).isEqualTo(4);
        assertThat(column(r, "c").distinct()).isEqualTo(3);
    }

    @Test
    void duplicateAndBlankHeaderNamesAreMadeUniqueWithWarnings() {
        AnalysisResult r = analyze("duplicate_blank_headers.csv");
        assertThat(names(r)).containsExactly("id", "column2", "name", "name_2");
        assertThat(r.warnings()).anyMatch(w -> w.contains("no name")).anyMatch(w -> w.contains("Duplicate"));
        assertThat(column(r, "name_2").topValues()).extracting(AnalysisResult.ValueCount::value).containsExactly("b");
    }

    @Test
    void headerOnlyFileHasColumnsAndNoRecords() {
        AnalysisResult r = analyze("header_only.csv");
        assertThat(r.format().kind()).isEqualTo("csv");
        assertThat(r.format().hasHeader()).isTrue();
        assertThat(names(r)).containsExactly("id", "name", "amount");
        assertThat(r.records()).isZero();
        assertThat(r.lines()).isEqualTo(1);
        assertThat(r.warnings()).contains("The file has no data records, only a header.");
    }

    @Test
    void emptyInputGivesAnEmptyResult() {
        AnalysisResult r = analyze("empty.csv");
        assertThat(r.bytes()).isZero();
        assertThat(r.lines()).isZero();
        assertThat(r.records()).isZero();
        assertThat(r.columns()).isEmpty();
        assertThat(r.users()).isNull();
        assertThat(r.timeline()).isNull();
        assertThat(r.warnings()).containsExactly("The file is empty: there is nothing to analyse.");
    }

    @Test
    void headerlessFileGetsNumberedColumns() {
        AnalysisResult r = analyze("headerless.csv");
        assertThat(r.format().hasHeader()).isFalse();
        assertThat(r.records()).isEqualTo(3);
        assertThat(names(r)).containsExactly("column1", "column2", "column3");
        assertThat(column(r, "column2").type()).isEqualTo("date");
        assertThat(column(r, "column3").type()).isEqualTo("decimal");
        assertThat(column(r, "column3").mean()).isEqualTo(6.5);
    }

    @Test
    void headerCanBeDeclared() {
        AnalysisResult r = analyze("headerless.csv", AnalysisOptions.builder().header(true).build());
        assertThat(r.records()).isEqualTo(2);
        assertThat(names(r)).containsExactly("1", "2020-01-01", "5.5");
    }

    @Test
    void tenMegabyteFieldIsReportedAndTheAnalysisGoesOn() throws AnalysisException {
        StringBuilder sb = new StringBuilder("id,blob\n1,small\n2,");
        sb.append("x".repeat(10 << 20));
        sb.append("\n3,small\n");
        AnalysisResult r = analyzeBytes(sb.toString().getBytes(StandardCharsets.US_ASCII), AnalysisOptions.defaults());
        assertThat(r.records()).isEqualTo(3);
        assertThat(r.lines()).isEqualTo(4);
        assertThat(r.malformedRecords()).isEqualTo(1);
        assertThat(r.malformedExamples().get(0).line()).isEqualTo(3);
        assertThat(r.malformedExamples().get(0).reason()).contains("longer than");
        assertThat(column(r, "blob").topValues()).extracting(AnalysisResult.ValueCount::value).containsExactly("small");
        assertThat(column(r, "blob").topValues().get(0).count()).isEqualTo(2);
    }

    @Test
    void nulBytesAreReportedAsMalformed() {
        AnalysisResult r = analyze("nul_bytes.csv");
        assertThat(r.records()).isEqualTo(2);
        assertThat(r.malformedRecords()).isEqualTo(1);
        assertThat(r.malformedExamples().get(0)).isEqualTo(new AnalysisResult.MalformedExample(2, "NUL byte"));
    }

    @Test
    void leadingZerosKeepAColumnText() {
        AnalysisResult r = analyze("leading_zeros.csv");
        assertThat(column(r, "zip").type()).isEqualTo("string");
        assertThat(column(r, "zip").min()).isEqualTo("00501");
        assertThat(column(r, "n").type()).isEqualTo("integer");
    }

    @Test
    void thousandsSeparatorsAreNumbersOnlyWhenUsedConsistently() {
        AnalysisResult r = analyze("thousands.csv");
        assertThat(column(r, "amount").type()).isEqualTo("integer");
        assertThat(column(r, "amount").max()).isEqualTo(1_234_567L);
        assertThat(column(r, "amount").min()).isEqualTo(999L);
        assertThat(column(r, "mixed").type()).isEqualTo("string");
        assertThat(r.warnings()).anyMatch(w -> w.contains("'mixed'") && w.contains("thousands"));
    }

    @Test
    void decimalCommasInSemicolonFilesAreNumbers() {
        AnalysisResult r = analyze("decimal_comma.csv");
        assertThat(r.format().delimiter()).isEqualTo(";");
        AnalysisResult.Column price = column(r, "price");
        assertThat(price.type()).isEqualTo("decimal");
        assertThat(price.min()).isEqualTo(1.5);
        assertThat(price.max()).isEqualTo(10.0);
        assertThat(price.mean()).isCloseTo(4.5833, org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void naIsAValueUnlessDeclaredANullToken() {
        AnalysisResult plain = analyze("na.csv");
        assertThat(column(plain, "x").type()).isEqualTo("string");
        assertThat(column(plain, "x").nulls()).isZero();
        AnalysisResult declared = analyze("na.csv", AnalysisOptions.builder().nullTokens(Set.of("NA")).build());
        assertThat(column(declared, "x").type()).isEqualTo("integer");
        assertThat(column(declared, "x").nulls()).isEqualTo(1);
        assertThat(column(declared, "y").nulls()).isEqualTo(1);
    }

    @Test
    void ambiguousDatesAreReportedAndReadMonthFirst() {
        AnalysisResult r = analyze("dates_ambiguous.csv");
        assertThat(column(r, "d").type()).isEqualTo("date");
        assertThat(column(r, "d").min()).isEqualTo("2020-01-02");
        assertThat(r.warnings()).anyMatch(w -> w.contains("'d'") && w.contains("month/day"));
    }

    @Test
    void dayFirstDatesAreDecidedFromTheData() {
        AnalysisResult r = analyze("dates_day_first.csv");
        assertThat(column(r, "d").type()).isEqualTo("date");
        assertThat(column(r, "d").min()).isEqualTo("2020-02-01");
        assertThat(column(r, "d").max()).isEqualTo("2020-12-25");
        assertThat(r.warnings()).noneMatch(w -> w.contains("'d'"));
    }

    @Test
    void utcOffsetsAreHonoured() {
        AnalysisResult r = analyze("mixed_offsets.csv");
        AnalysisResult.Column ts = column(r, "ts");
        assertThat(ts.type()).isEqualTo("timestamp");
        assertThat(ts.min()).isEqualTo("2020-01-01T08:00:00Z");
        assertThat(ts.max()).isEqualTo("2020-01-01T08:30:00Z");
        assertThat(r.users().column()).isEqualTo("user_id");
        assertThat(r.users().top().get(0)).isEqualTo(
                new AnalysisResult.UserActivity("a", 2, "2020-01-01T08:00:00Z", "2020-01-01T08:30:00Z"));
        assertThat(r.timeline().column()).isEqualTo("ts");
        List<AnalysisResult.Bucket> buckets = r.timeline().buckets();
        assertThat(r.timeline().bucketWidth()).isEqualTo("PT30S");
        assertThat(buckets).hasSize(61);
        assertThat(buckets.get(0)).isEqualTo(new AnalysisResult.Bucket("2020-01-01T08:00:00Z", 2));
        assertThat(buckets.get(60)).isEqualTo(new AnalysisResult.Bucket("2020-01-01T08:30:00Z", 1));
        assertThat(buckets.stream().mapToLong(AnalysisResult.Bucket::count).sum()).isEqualTo(3);
    }

    @Test
    void gzipIsDecompressedAsAStream() {
        AnalysisResult r = analyze("events.csv.gz");
        assertThat(r.format().compression()).isEqualTo("gzip");
        assertThat(r.records()).isEqualTo(3);
        assertThat(r.bytes()).isEqualTo(90);
        assertThat(r.users().top().get(0).id()).isEqualTo("u1");
        assertThat(r.users().top().get(0).events()).isEqualTo(2);
    }

    @Test
    void aSparseCsvThatCompresses500To1IsReadNotTakenForABomb() throws Exception {
        java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(compressed)) {
            gzip.write("id,a,b,c,d\n".getBytes(StandardCharsets.US_ASCII));
            byte[] row = "x,0,0,0,0\n".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 2_000_000; i++) {
                gzip.write(row);
            }
        }

        AnalysisResult r = analyzeBytes(compressed.toByteArray(), AnalysisOptions.defaults());

        assertThat(r.format().compression()).isEqualTo("gzip");
        assertThat(r.records()).isEqualTo(2_000_000);
    }

    @Test
    void gzipBombEndsWithADecompressionLimitError() {
        assertThatThrownBy(() -> analyze("bomb.gz")).hasCauseInstanceOf(AnalysisException.class)
                .cause().satisfies(e -> assertThat(((AnalysisException) e).reason())
                        .isEqualTo(AnalysisException.Reason.DECOMPRESSION_LIMIT));
    }

    @Test
    void decompressedSizeCapIsConfigurable() {
        AnalysisOptions small = AnalysisOptions.builder().maxDecompressedBytes(100).build();
        assertThatThrownBy(() -> analyze("events.csv.gz", small)).cause()
                .hasMessageContaining("more than 100 bytes");
    }

    @Test
    void truncatedGzipEndsWithACorruptCompressionError() {
        assertThatThrownBy(() -> analyze("truncated.gz")).cause().isInstanceOf(AnalysisException.class)
                .satisfies(e -> assertThat(((AnalysisException) e).reason())
                        .isEqualTo(AnalysisException.Reason.CORRUPT_COMPRESSION))
                .hasMessageNotContaining("null");
    }

    @Test
    void aGzipMagicNumberAloneIsTruncatedAndSaysSo() {
        assertThatThrownBy(() -> analyzeBytes(new byte[] {0x1F, (byte) 0x8B}, AnalysisOptions.defaults()))
                .isInstanceOf(AnalysisException.class)
                .hasMessage("The gzip data is truncated: it ends before its compressed data does.");
    }
}

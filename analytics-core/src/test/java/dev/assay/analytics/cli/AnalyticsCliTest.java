package dev.assay.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AnalyticsCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return AnalyticsCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static String resource(String name) throws URISyntaxException {
        return Path.of(AnalyticsCliTest.class.getResource("/edge/" + name).toURI()).toString();
    }

    @Test
    void printsTheResultJsonOfAFile() throws Exception {
        assertThat(run(resource("mixed_offsets.csv"))).isZero();
        JsonNode json = JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.get("format").get("kind").asString()).isEqualTo("csv");
        assertThat(json.get("records").asLong()).isEqualTo(3);
        assertThat(json.get("users").get("column").asString()).isEqualTo("user_id");
        assertThat(stderr()).isEmpty();
    }

    @Test
    void prettyOutputIsIndentedAndOptionsAreApplied() throws Exception {
        assertThat(run("--pretty", "--delimiter", ";", "--header", "true", "--user-column", "name",
                "--null-tokens", "a", resource("decimal_comma.csv"))).isZero();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("\n  \"format\" : {");
        JsonNode json = JsonMapper.builder().build().readTree(text);
        assertThat(json.get("users").get("distinct").asLong()).isEqualTo(2);
        assertThat(json.get("columns").get(0).get("nulls").asLong()).isEqualTo(1);
    }

    @Test
    void missingFileExitsWithOneAndOneLineReason() {
        assertThat(run("/no/such/file.csv")).isEqualTo(1);
        assertThat(stderr()).isEqualTo("error: /no/such/file.csv does not exist" + System.lineSeparator());
        assertThat(out.size()).isZero();
    }

    @Test
    void aTruncatedGzipExitsWithOneAndOneLineReason() throws Exception {
        assertThat(run(resource("truncated.gz"))).isEqualTo(1);
        assertThat(stderr()).startsWith("error: cannot analyse").contains("truncated");
        assertThat(stderr().lines().count()).isEqualTo(1);
    }

    @Test
    void gzipBombExitsWithOne() throws Exception {
        assertThat(run(resource("bomb.gz"))).isEqualTo(1);
        assertThat(stderr()).contains("decompression bomb");
        assertThat(stderr().lines().count()).isEqualTo(1);
    }

    @Test
    void directoryExitsWithOne(@TempDir Path dir) {
        assertThat(run(dir.toString())).isEqualTo(1);
        assertThat(stderr()).contains("is a directory");
    }

    @Test
    void noFileIsBadUsage() {
        assertThat(run("--pretty")).isEqualTo(2);
        assertThat(stderr()).startsWith("error: no FILE given").doesNotContain("\n" + "usage").hasLineCount(1);
    }

    @Test
    void unknownOptionIsBadUsage() {
        assertThat(run("--colour", "x.csv")).isEqualTo(2);
        assertThat(stderr()).startsWith("error: unknown option --colour").hasLineCount(1);
    }

    @Test
    void badOptionValueIsBadUsage(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("a.csv"), "a,b\n1,2\n");
        assertThat(run("--header", "maybe", f.toString())).isEqualTo(2);
        assertThat(stderr()).isEqualTo("error: Option header must be true or false, not 'maybe'" + System.lineSeparator());
    }

    @Test
    void invalidUserColumnPatternIsBadUsage(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("a.csv"), "a,b\n1,2\n");
        assertThat(run("--user-column", "/[/", f.toString())).isEqualTo(2);
        assertThat(stderr()).startsWith("error: User column pattern /[/ is not a valid regular expression")
                .hasLineCount(1);
        assertThat(out.size()).isZero();
    }

    @Test
    void optionWithoutValueIsBadUsage() {
        assertThat(run("--delimiter")).isEqualTo(2);
        assertThat(stderr()).startsWith("error: option --delimiter needs a value").hasLineCount(1);
    }
}

package dev.assay.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventCsvGeneratorTest {

    private static final long TWO_MB = 2_000_000;

    @TempDir
    Path dir;

    @Test
    void sameSeedAndSizeGiveTheSameBytes() throws IOException {
        assertThat(generate(7, TWO_MB)).isEqualTo(generate(7, TWO_MB));
    }

    @Test
    void anotherSeedGivesOtherEvents() throws IOException {
        assertThat(generate(7, TWO_MB)).isNotEqualTo(generate(8, TWO_MB));
    }

    @Test
    void writesWholeRowsUpToTheTargetSize() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var written = new EventCsvGenerator(7).write(out, TWO_MB);

        byte[] bytes = out.toByteArray();
        assertThat(written.bytes()).isEqualTo(bytes.length).isLessThanOrEqualTo(TWO_MB).isGreaterThan(TWO_MB - 100);
        assertThat(bytes[bytes.length - 1]).isEqualTo((byte) '\n');
        List<String> lines = new String(bytes, StandardCharsets.US_ASCII).lines().toList();
        assertThat(lines.get(0)).isEqualTo("timestamp,user_id,action,bytes,status");
        assertThat(lines).hasSize((int) written.rows() + 1);
        assertThat(lines.subList(1, lines.size())).allMatch(line -> line.matches(
                "2026-01-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z,u\\d{6},[a-z]+,\\d+,\\d{3}"));
    }

    @Test
    void timestampsNeverGoBackwards() throws IOException {
        List<String> rows = rows(generate(7, TWO_MB));
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).substring(0, 24)).isGreaterThanOrEqualTo(rows.get(i - 1).substring(0, 24));
        }
    }

    @Test
    void everyOneOfTheTenThousandUsersAppearsAndActivityIsSkewed() throws IOException {
        Map<String, Integer> events = new HashMap<>();
        List<String> rows = rows(generate(7, TWO_MB));
        for (String row : rows) {
            events.merge(row.split(",")[1], 1, Integer::sum);
        }

        assertThat(events).hasSize(EventCsvGenerator.USERS);
        int top = events.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        // Zipf with exponent 1 over 10,000 users gives the first user about 10% of the draws.
        assertThat(top).isBetween(rows.size() * 7 / 100, rows.size() * 13 / 100);
    }

    @Test
    void ensureGeneratesOnceAndReusesTheFile() throws IOException {
        EventCsvGenerator generator = new EventCsvGenerator(7);
        var first = generator.ensure(dir, "events.csv", TWO_MB);
        FileTime written = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(first.path(), written);

        var second = generator.ensure(dir, "events.csv", TWO_MB);

        assertThat(second).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(second.path())).isEqualTo(written);
        assertThat(Files.readAllBytes(second.path())).isEqualTo(generate(7, TWO_MB));
    }

    @Test
    void ensureRegeneratesATruncatedFile() throws IOException {
        EventCsvGenerator generator = new EventCsvGenerator(7);
        Path file = generator.ensure(dir, "events.csv", TWO_MB).path();
        Files.write(file, "timestamp,user_id\n".getBytes(StandardCharsets.US_ASCII));

        var again = generator.ensure(dir, "events.csv", TWO_MB);

        assertThat(Files.readAllBytes(again.path())).isEqualTo(generate(7, TWO_MB));
    }

    @Test
    void ensureRegeneratesForAnotherSize() throws IOException {
        EventCsvGenerator generator = new EventCsvGenerator(7);
        generator.ensure(dir, "events.csv", TWO_MB);

        var smaller = generator.ensure(dir, "events.csv", TWO_MB / 2);

        assertThat(Files.size(smaller.path())).isEqualTo(smaller.bytes()).isLessThanOrEqualTo(TWO_MB / 2);
    }

    private static byte[] generate(long seed, long bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new EventCsvGenerator(seed).write(out, bytes);
        return out.toByteArray();
    }

    private static List<String> rows(byte[] csv) {
        List<String> lines = new String(csv, StandardCharsets.US_ASCII).lines().toList();
        return lines.subList(1, lines.size());
    }
}

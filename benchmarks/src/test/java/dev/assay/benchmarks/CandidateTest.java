package dev.assay.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every baseline must give the right answer before its speed means anything. */
class CandidateTest {

    @TempDir
    static Path dir;

    /** Over 3 MB, so that the byte scanner's 1 MB blocks split records. */
    private static EventCsvGenerator.GeneratedFile file;

    @BeforeAll
    static void generate() throws IOException {
        file = new EventCsvGenerator(EventCsvGenerator.DEFAULT_SEED).ensure(dir, "events.csv", 3_300_000);
    }

    @ParameterizedTest
    @EnumSource(value = Candidate.class, names = {"DUCKDB_T1", "DUCKDB_T2", "COMMONS_CSV", "FASTCSV",
            "READLINE_INDEXOF", "BYTE_SCAN"})
    void baselineCountsEveryEventAndEveryUser(Candidate candidate) throws Exception {
        assertThat(candidate.run(file.path())).isEqualTo(new Tally(file.rows(), EventCsvGenerator.USERS));
    }

    @Test
    void wcCountsTheEvents() throws Exception {
        assertThat(Candidate.WC_L.run(file.path())).isEqualTo(new Tally(file.rows(), -1));
    }

    @Test
    void byteScannerHonoursQuotesAndALastLineWithoutEnding() throws IOException {
        String csv = "t,user,x\n"
                + "1,\"a,b\",x\n"
                + "2,\"a,b\",\"line\nbreak, and comma\"\n"
                + "3,c,x\n"
                + "4,,x\n"
                + "5,c";

        Tally tally = new ByteScanner(1).scan(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));

        assertThat(tally).isEqualTo(new Tally(5, 3));
    }

    @Test
    void byteScannerReadsARecordLongerThanItsBlock() throws IOException {
        String csv = "t,user\n1," + "u".repeat(3 << 20) + "\n2,v\n";

        Tally tally = new ByteScanner(1).scan(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));

        assertThat(tally).isEqualTo(new Tally(2, 2));
    }

    @Test
    void unknownCandidateNamesTheKnownOnes() {
        assertThatThrownBy(() -> Candidate.byId("duckdb"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duckdb-t1");
    }
}

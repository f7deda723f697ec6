package dev.assay.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnalysisOptionsTest {

    @Test
    void fromMapReadsEveryKey() {
        AnalysisOptions o = AnalysisOptions.fromMap(Map.of("format", "tsv", "encoding", "UTF-16LE", "delimiter", "tab",
                "header", "FALSE", "userColumn", "Customer ID", "timestampColumn", "3", "nullTokens", "NA, null,-"));
        assertThat(o.format()).isEqualTo("tsv");
        assertThat(o.encoding()).isEqualTo(StandardCharsets.UTF_16LE);
        assertThat(o.delimiter()).isEqualTo('\t');
        assertThat(o.header()).isFalse();
        assertThat(o.userColumn()).isEqualTo("Customer ID");
        assertThat(o.timestampColumn()).isEqualTo("3");
        assertThat(o.nullTokens()).isEqualTo(Set.of("NA", "null", "-"));
    }

    @Test
    void backslashTIsATab() {
        assertThat(AnalysisOptions.fromMap(Map.of("delimiter", "\\t")).delimiter()).isEqualTo('\t');
        assertThat(AnalysisOptions.fromMap(Map.of("delimiter", ";")).delimiter()).isEqualTo(';');
    }

    @Test
    void aTabCharacterIsATabNotABlank() {
        assertThat(AnalysisOptions.fromMap(Map.of("delimiter", "\t")).delimiter()).isEqualTo('\t');
    }

    @Test
    void blankValuesMeanDetect() {
        AnalysisOptions o = AnalysisOptions.fromMap(Map.of("delimiter", " ", "userColumn", ""));
        assertThat(o.delimiter()).isNull();
        assertThat(o.userColumn()).isNull();
    }

    @Test
    void unknownKeysAreRejectedWithTheKnownOnesNamed() {
        assertThatThrownBy(() -> AnalysisOptions.fromMap(Map.of("colour", "red")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown analysis option colour").hasMessageContaining("userColumn");
    }

    @Test
    void badValuesAreRejectedWithAMessageForAPerson() {
        assertThatThrownBy(() -> AnalysisOptions.fromMap(Map.of("delimiter", "ab")))
                .hasMessage("Option delimiter must be one character (or 'tab'), not 'ab'");
        assertThatThrownBy(() -> AnalysisOptions.fromMap(Map.of("header", "yes")))
                .hasMessage("Option header must be true or false, not 'yes'");
        assertThatThrownBy(() -> AnalysisOptions.fromMap(Map.of("encoding", "klingon")))
                .hasMessageStartingWith("Unknown encoding 'klingon'");
        assertThatThrownBy(() -> AnalysisOptions.fromMap(Map.of("format", "xlsx")))
                .hasMessageStartingWith("Unknown format 'xlsx'");
        assertThatThrownBy(() -> AnalysisOptions.fromMap(Map.of("delimiter", "\"")))
                .hasMessageContaining("other than a quote");
    }

    @Test
    void defaultsDetectEverythingWithBombGuardAndExactCap() {
        AnalysisOptions d = AnalysisOptions.defaults();
        assertThat(d.format()).isNull();
        assertThat(d.nullTokens()).isEmpty();
        assertThat(d.maxDecompressedBytes()).isEqualTo(20L << 30);
        assertThat(d.maxDecompressionRatio()).isEqualTo(200);
        assertThat(d.maxExactDistinct()).isEqualTo(100_000);
        assertThat(d.scope()).isEqualTo(AnalysisOptions.Scope.FULL);
        assertThat(d.toBuilder().scope(AnalysisOptions.Scope.USER_ACTIVITY).build().scope())
                .isEqualTo(AnalysisOptions.Scope.USER_ACTIVITY);
    }
}

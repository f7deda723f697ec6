package dev.assay.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.analytics.AnalysisOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoreCandidatesTest {

    @TempDir
    Path dir;

    @AfterEach
    void clearOverrides() {
        System.clearProperty(CoreCandidates.OPTIONS_PROPERTY);
    }

    @Test
    void withoutOverridesTheEngineDetectsEverything() {
        assertThat(CoreCandidates.options().format()).isNull();
        assertThat(CoreCandidates.options().userColumn()).isNull();
        assertThat(CoreCandidates.options().scope()).isEqualTo(AnalysisOptions.Scope.FULL);
    }

    @Test
    void overridesAreReadAsAnUploadGivesThem() {
        System.setProperty(CoreCandidates.OPTIONS_PROPERTY, "format=csv;userColumn=user_id;nullTokens=NA,-");

        AnalysisOptions options = CoreCandidates.options();

        assertThat(options.format()).isEqualTo("csv");
        assertThat(options.userColumn()).isEqualTo("user_id");
        assertThat(options.nullTokens()).containsExactlyInAnyOrder("NA", "-");
    }

    @Test
    void aMalformedOverrideIsRejected() {
        System.setProperty(CoreCandidates.OPTIONS_PROPERTY, "csv");

        assertThatThrownBy(CoreCandidates::options).hasMessageContaining("key=value");
    }

    @Test
    void bothScopesCountEveryEventAndUserOfTheCsv() throws Exception {
        var file = new EventCsvGenerator(EventCsvGenerator.DEFAULT_SEED).ensure(dir, "events.csv", 2_000_000);
        System.setProperty(CoreCandidates.OPTIONS_PROPERTY, "format=csv");
        Tally expected = new Tally(file.rows(), EventCsvGenerator.USERS);

        assertThat(CoreCandidates.userActivity(file.path())).isEqualTo(expected);
        assertThat(CoreCandidates.full(file.path())).isEqualTo(expected);
    }
}

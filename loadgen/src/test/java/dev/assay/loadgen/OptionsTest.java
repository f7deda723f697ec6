package dev.assay.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void documentedCommandLine() {
        Options options = Options.parse("--url", "http://localhost:18080/", "--users", "20", "--files=50", "--size",
                "1KB", "--concurrency", "8");
        assertThat(options.mode()).isEqualTo("load");
        assertThat(options.url()).hasToString("http://localhost:18080");
        assertThat(options.users()).isEqualTo(20);
        assertThat(options.files()).isEqualTo(50);
        assertThat(options.sizeBytes()).isEqualTo(1024);
        assertThat(options.concurrency()).isEqualTo(8);
        assertThat(options.corpus()).isNull();
        assertThat(options.corpusShare()).isZero();
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(options.auth()).isEqualTo("session");
    }

    @Test
    void basicAuthOnRequest() {
        assertThat(Options.parse("--auth", "basic").auth()).isEqualTo("basic");
        assertThatThrownBy(() -> Options.parse("--auth", "token")).hasMessageContaining("session or basic");
    }

    @Test
    void corpusGivenMixesInAFifthByDefault() {
        Options options = Options.parse("--corpus", "/data/corpus");
        assertThat(options.corpus()).isEqualTo(Path.of("/data/corpus"));
        assertThat(options.corpusShare()).isEqualTo(0.2);
    }

    @Test
    void sizesArePowersOf1024() {
        assertThat(Options.parseSize("400")).isEqualTo(400);
        assertThat(Options.parseSize("400B")).isEqualTo(400);
        assertThat(Options.parseSize("10mb")).isEqualTo(10L << 20);
        assertThat(Options.parseSize("1GB")).isEqualTo(1L << 30);
        assertThatThrownBy(() -> Options.parseSize("ten")).hasMessageContaining("not a size");
        assertThatThrownBy(() -> Options.parseSize("0KB")).hasMessageContaining("positive");
    }

    @Test
    void rejectsWhatItDoesNotUnderstand() {
        assertThatThrownBy(() -> Options.parse("--userz", "3")).hasMessageContaining("unknown option --userz");
        assertThatThrownBy(() -> Options.parse("--users")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Options.parse("--users", "0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Options.parse("--mode", "soak")).hasMessageContaining("load or rabbit");
        assertThatThrownBy(() -> Options.parse("--corpus-share", "0.5")).hasMessageContaining("needs --corpus");
        assertThatThrownBy(() -> Options.parse("stray")).hasMessageContaining("expected an option");
    }
}

package dev.assay.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSystemStoredFilesTest {

    @TempDir
    Path root;

    @Test
    void opensAFileBelowTheRoot() throws Exception {
        Files.createDirectories(root.resolve("2026/12"));
        Files.writeString(root.resolve("2026/12/abc.csv"), "a,b\n");

        try (InputStream input = new FileSystemStoredFiles(root).open("2026/12/abc.csv")) {
            assertThat(input.readAllBytes()).isEqualTo("a,b\n".getBytes());
        }
    }

    @Test
    void signalsAMissingFileAsNoSuchFile() {
        assertThatThrownBy(() -> new FileSystemStoredFiles(root).open("missing.csv"))
                .isInstanceOf(NoSuchFileException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside.csv", "a/../../outside.csv", "/etc/passwd", "", " ", ".", "a/.."})
    void refusesKeysThatDoNotNameAFileInsideTheRoot(String key) {
        assertThatIllegalArgumentException().isThrownBy(() -> new FileSystemStoredFiles(root).resolve(key));
    }
}

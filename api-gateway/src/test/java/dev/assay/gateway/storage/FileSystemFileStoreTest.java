package dev.assay.gateway.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemFileStoreTest {

    @TempDir
    Path root;

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T10:15:00Z"), ZoneOffset.UTC);

    @Test
    void storesUnderAGeneratedDatedKeyWithSizeAndSha256() throws IOException {
        FileSystemFileStore store = new FileSystemFileStore(root, clock);

        StoredFile file = store.store(new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)));

        assertThat(file.key()).matches("2026/12/03/[0-9a-f-]{36}");
        assertThat(file.sizeBytes()).isEqualTo(3);
        assertThat(file.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(root.resolve(file.key())).hasContent("abc");
        try (InputStream in = store.open(file.key())) {
            assertThat(in.readAllBytes()).containsExactly('a', 'b', 'c');
        }
        assertThat(store.delete(file.key())).isTrue();
        assertThat(store.delete(file.key())).isFalse();
    }

    @Test
    void keepsNothingWhenTheSourceFailsHalfway() throws IOException {
        FileSystemFileStore store = new FileSystemFileStore(root, clock);
        InputStream failing = new InputStream() {
            private int left = 100_000;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    throw new IOException("client went away");
                }
                left--;
                return 'x';
            }
        };

        assertThatThrownBy(() -> store.store(failing)).hasMessage("client went away");
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void opensOnlyKeysOfItsOwnShapeSoNoClientPathCanEscapeTheRoot() {
        FileSystemFileStore store = new FileSystemFileStore(root, clock);
        assertThatThrownBy(() -> store.open("../../etc/passwd")).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.delete("/etc/passwd")).isInstanceOf(NoSuchFileException.class);
    }
}

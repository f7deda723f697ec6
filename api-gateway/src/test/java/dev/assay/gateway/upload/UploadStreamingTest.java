package dev.assay.gateway.upload;

import static dev.assay.gateway.upload.MultipartBody.aMultipartBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import dev.assay.gateway.config.AssayProperties;
import dev.assay.gateway.job.NewFile;
import dev.assay.gateway.storage.FileSystemFileStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * An upload several times larger than the heap is stored completely: the receiver streams it. Surefire runs this
 * class in a JVM of its own with a small heap ({@code -Xmx64m}, see the pom), where buffering would fail.
 */
class UploadStreamingTest {

    @TempDir
    Path storage;

    @Test
    void anUploadLargerThanTheHeapIsStreamedToTheStore() throws Exception {
        long size = DataSize.ofMegabytes(160).toBytes();
        assertThat(Runtime.getRuntime().maxMemory()).as("the heap of this test's JVM").isLessThan(size / 2);
        FileSystemFileStore store = new FileSystemFileStore(storage, Clock.systemUTC());
        UploadReceiver receiver = new UploadReceiver(store, new AssayProperties(AssayProperties.Mode.STANDALONE, "",
                new AssayProperties.Storage(storage), new AssayProperties.Upload(DataSize.ofGigabytes(1), 10)));

        Upload upload = receiver.receive(StreamedRequest.multipart(
                aMultipartBody().file("files", "big.csv", () -> new GeneratedText(size)).complete()));

        NewFile file = upload.files().get(0);
        assertThat(file.stored().sizeBytes()).isEqualTo(size);
        assertThat(Files.size(storage.resolve(file.stored().key()))).isEqualTo(size);
    }
}

package dev.assay.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.assay.testsupport.LocalRabbitMq;

/**
 * A worker running against the local RabbitMQ in a virtual host of its own, with a file store in a temporary
 * directory ({@link TestFileStoreConfiguration}). Test classes extending this share one application context, so
 * only one worker consumes the queue.
 */
@SpringBootTest(properties = {
        "assay.worker.concurrency=2",
        "assay.worker.heartbeat-interval=300ms",
        "assay.worker.progress-interval=100ms",
        "assay.worker.shutdown-timeout=2s",
        "assay.worker.retry-backoff=10ms"})
@Import(TestFileStoreConfiguration.class)
public abstract class BrokerTestSupport {

    /** The worker's file store, one per test JVM like the application context. */
    protected static final Path STORAGE = createStorage();

    /** The shared corpus of real input files, seen from the module's directory. */
    protected static final Path CORPUS = Path.of("..", "..", "shared", "corpus");

    @BeforeAll
    static void requireBroker() {
        LocalRabbitMq.get();
    }

    @DynamicPropertySource
    static void brokerAndStorage(DynamicPropertyRegistry registry) {
        LocalRabbitMq.get().springProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("assay.storage.dir", STORAGE::toString);
    }

    private static Path createStorage() {
        try {
            Path storage = Files.createTempDirectory("assay-worker-test");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(storage), "delete-test-storage"));
            return storage;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort at exit: a leftover temporary directory harms nothing
        }
    }
}

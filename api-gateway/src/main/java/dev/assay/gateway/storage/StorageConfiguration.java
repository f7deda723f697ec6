package dev.assay.gateway.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;

import dev.assay.gateway.config.AssayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The file store, rooted at {@code assay.storage.dir}. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    @Bean
    FileSystemFileStore fileStore(AssayProperties properties) {
        FileSystemFileStore store = new FileSystemFileStore(properties.storage().dir(), Clock.systemUTC());
        try {
            Files.createDirectories(store.root());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the upload folder " + store.root(), e);
        }
        log.info("Uploads are stored in {}", store.root());
        return store;
    }
}

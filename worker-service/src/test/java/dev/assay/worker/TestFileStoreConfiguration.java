package dev.assay.worker;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import dev.assay.worker.job.FileSystemStoredFiles;
import dev.assay.worker.job.StoredFiles;

/**
 * The test file store in {@link BrokerTestSupport#STORAGE}. Files under {@code slow/} are read at about 2 MB/s, so
 * that a job can be caught running; files under {@code flaky/} cannot be opened the first time they are asked for,
 * like a network store that is briefly away; files under {@code unreadable/} can never be opened.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestFileStoreConfiguration {

    @Bean
    @Primary
    StoredFiles testStoredFiles() {
        FileSystemStoredFiles files = new FileSystemStoredFiles(BrokerTestSupport.STORAGE);
        Set<String> refusedOnce = ConcurrentHashMap.newKeySet();
        return key -> {
            if (key.startsWith("unreadable/")) {
                throw new IOException("the file store refuses to read " + key);
            }
            if (key.startsWith("flaky/") && refusedOnce.add(key)) {
                throw new IOException("the file store is briefly unavailable");
            }
            return key.startsWith("slow/") ? new ThrottledInputStream(files.open(key)) : files.open(key);
        };
    }

    private static final class ThrottledInputStream extends FilterInputStream {

        private static final int CHUNK = 64 * 1024;

        ThrottledInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                Thread.sleep(32);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            return super.read(buffer, offset, Math.min(length, CHUNK));
        }
    }
}

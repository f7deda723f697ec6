package dev.assay.worker.config;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import dev.assay.worker.chunk.ChunkedJobs;
import dev.assay.worker.chunk.PartialStore;
import dev.assay.worker.chunk.TaskPublisher;
import dev.assay.worker.job.EventSink;
import dev.assay.worker.job.FileSystemStoredFiles;
import dev.assay.worker.job.WorkerIdentity;

/** Wires the analysis of big files in chunks. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChunkingProperties.class)
class ChunkingConfiguration {

    @Bean
    ChunkedJobs chunkedJobs(StorageProperties storage, TaskPublisher tasks, EventSink eventSink, JsonMapper jsonMapper,
            WorkerIdentity identity, ChunkingProperties chunking) {
        FileSystemStoredFiles files = new FileSystemStoredFiles(storage.dir());
        return new ChunkedJobs(files, new PartialStore(files.root()), tasks, eventSink, jsonMapper,
                identity.workerId(), chunking.threshold().toBytes(), chunking.chunkSize().toBytes(),
                Clock.systemUTC());
    }
}

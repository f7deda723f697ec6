package dev.assay.worker.config;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import dev.assay.worker.job.ActiveJobs;
import dev.assay.worker.job.CancelledJobs;
import dev.assay.worker.job.EventSink;
import dev.assay.worker.job.FileSystemStoredFiles;
import dev.assay.worker.job.JobProcessor;
import dev.assay.worker.job.StoredFiles;
import dev.assay.worker.job.WorkerIdentity;
import dev.assay.worker.metrics.JobMetrics;

/** Wires the broker-independent job processing into the worker. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({WorkerProperties.class, StorageProperties.class})
class JobConfiguration {

    @Bean
    WorkerIdentity workerIdentity() {
        return WorkerIdentity.ofThisProcess();
    }

    @Bean
    ActiveJobs activeJobs() {
        return new ActiveJobs();
    }

    /** Cancels heard lately: 10,000 at most, each kept 10 minutes (longer than a request waits in a sane queue). */
    @Bean
    CancelledJobs cancelledJobs() {
        return new CancelledJobs(10_000, Duration.ofMinutes(10), Clock.systemUTC());
    }

    @Bean
    JobMetrics jobMetrics(MeterRegistry registry, ActiveJobs activeJobs) {
        return new JobMetrics(registry, activeJobs);
    }

    @Bean
    StoredFiles storedFiles(StorageProperties storage) {
        return new FileSystemStoredFiles(storage.dir());
    }

    @Bean
    JobProcessor jobProcessor(StoredFiles storedFiles, EventSink eventSink, JsonMapper jsonMapper,
            WorkerIdentity identity, WorkerProperties properties) {
        return new JobProcessor(storedFiles, eventSink, jsonMapper, identity.workerId(),
                properties.progressInterval(), properties.partialInterval(), Clock.systemUTC());
    }
}

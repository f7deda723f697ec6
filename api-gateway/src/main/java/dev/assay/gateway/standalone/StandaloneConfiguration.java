package dev.assay.gateway.standalone;

import java.time.Clock;
import java.time.Duration;

import dev.assay.gateway.cluster.WorkerRegistry;
import dev.assay.gateway.config.AssayProperties;
import dev.assay.gateway.job.JobStateUpdater;
import dev.assay.gateway.live.LivePush;
import dev.assay.worker.config.WorkerProperties;
import dev.assay.worker.job.FileSystemStoredFiles;
import dev.assay.worker.job.JobProcessor;
import dev.assay.worker.job.WorkerIdentity;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Standalone mode: the job ports served in-process. Jobs go to a local pool running the workers' job processor on
 * the gateway's file store; events are persisted and pushed at once. The pool is set up by the workers' own
 * settings ({@code assay.worker.*}: concurrency, progress and heartbeat intervals, shutdown timeout).
 */
@Configuration(proxyBeanMethods = false)
@Profile("standalone")
@EnableConfigurationProperties(WorkerProperties.class)
class StandaloneConfiguration {

    /** The wait before a job that did not finish is tried again (doubled, tripled, ... on later attempts). */
    private static final Duration RETRY_DELAY = Duration.ofSeconds(2);

    @Bean
    LocalEvents localEvents(JobStateUpdater updater, LivePush livePush) {
        return new LocalEvents(updater, livePush);
    }

    @Bean
    LocalWorkerPool localWorkerPool(LocalEvents localEvents, JdbcClient jdbc, JsonMapper jsonMapper,
            WorkerRegistry registry, AssayProperties assay, WorkerProperties worker, MeterRegistry meters) {
        WorkerIdentity identity = WorkerIdentity.ofThisProcess();
        FileSystemStoredFiles storedFiles = new FileSystemStoredFiles(assay.storage().dir());
        return new LocalWorkerPool(
                sink -> new JobProcessor(storedFiles, sink, jsonMapper, identity.workerId(), worker.progressInterval(),
                        worker.partialInterval(), Clock.systemUTC()),
                localEvents, new UnfinishedJobs(jdbc, jsonMapper), registry::record, identity,
                new LocalWorkerPool.Settings(worker.concurrency(), worker.heartbeatInterval(),
                        worker.shutdownTimeout(), RETRY_DELAY), meters);
    }
}

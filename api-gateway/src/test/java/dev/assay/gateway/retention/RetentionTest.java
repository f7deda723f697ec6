package dev.assay.gateway.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import dev.assay.gateway.job.Job;
import dev.assay.gateway.security.SecuredGatewayTest;
import dev.assay.gateway.storage.FileStore;
import dev.assay.gateway.storage.JobFiles;
import dev.assay.gateway.storage.StoredFile;
import dev.assay.protocol.JobStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Retention deletes the files and results of old finished jobs, keeps their rows, and touches nothing else. */
class RetentionTest extends SecuredGatewayTest {

    private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");
    private static final Duration MAX_AGE = Duration.ofDays(30);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    FileStore files;
    @Autowired
    JobFiles jobFiles;

    private Job aJob(JobStatus status, Instant finishedAt) throws Exception {
        StoredFile stored = files.store(new ByteArrayInputStream("a\n1\n".getBytes(StandardCharsets.UTF_8)));
        Instant submitted = finishedAt == null ? NOW.minus(Duration.ofDays(90)) : finishedAt.minusSeconds(60);
        Job job = new Job(UUID.randomUUID(), ALICE, "retention.csv", stored.key(), stored.sizeBytes(),
                stored.sha256(), status, 3, null, null, null, null, Map.of(), submitted, null, finishedAt, null, null,
                submitted, submitted);
        jobRepository.insert(job);
        if (status == JobStatus.COMPLETED) {
            jdbc.sql("UPDATE jobs SET result = CAST(:json AS jsonb) WHERE id = :id")
                    .param("json", "{\"columns\":[]}").param("id", job.id()).update();
        }
        return job;
    }

    private Path file(Job job) {
        return Path.of(storageDir()).resolve(job.storageKey());
    }

    @Test
    void deletesTheFilesAndResultsOfOldFinishedJobsAndNothingElse() throws Exception {
        Job old = aJob(JobStatus.COMPLETED, NOW.minus(MAX_AGE).minusSeconds(1));
        Job oldFailed = aJob(JobStatus.FAILED, NOW.minus(Duration.ofDays(100)));
        Job recent = aJob(JobStatus.COMPLETED, NOW.minus(MAX_AGE).plusSeconds(1));
        Job stillQueued = aJob(JobStatus.QUEUED, null);
        Path oldFailedPartials = Files.createDirectories(Path.of(storageDir(), ".chunks", oldFailed.id().toString()));
        Files.writeString(oldFailedPartials.resolve("0.partial"), "partial");
        Retention retention = new Retention(jdbc, jobFiles, new RetentionProperties(MAX_AGE, Duration.ofHours(1)),
                Clock.fixed(NOW, ZoneOffset.UTC));

        retention.run();

        assertThat(file(old)).doesNotExist();
        assertThat(file(oldFailed)).doesNotExist();
        assertThat(oldFailedPartials).as("the partial results of its chunks").doesNotExist();
        assertThat(file(recent)).exists();
        assertThat(file(stillQueued)).exists();
        Job expired = jobRepository.findById(old.id()).orElseThrow();
        assertThat(expired.expired()).isTrue();
        assertThat(expired.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(expired.sizeBytes()).isEqualTo(old.sizeBytes());
        assertThat(jobRepository.findResult(old.id(), ALICE)).isEmpty();
        assertThat(jobRepository.findResult(recent.id(), ALICE)).isPresent();
        assertThat(jobRepository.findById(recent.id()).orElseThrow().expired()).isFalse();
        assertThat(jobRepository.findById(stillQueued.id()).orElseThrow().expired()).isFalse();

        mvc.perform(get("/api/jobs/" + old.id()).with(as(ALICE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.expired").value(true))
                .andExpect(jsonPath("$.status").value("COMPLETED"));
        mvc.perform(get("/api/jobs/" + old.id() + "/result").with(as(ALICE))).andExpect(status().isGone());
        mvc.perform(get("/api/jobs/" + old.id() + "/file").with(as(ALICE))).andExpect(status().isGone());
        mvc.perform(get("/api/jobs/" + old.id() + "/result.csv").with(as(ALICE))).andExpect(status().isGone());
        mvc.perform(get("/api/jobs/" + recent.id() + "/result").with(as(ALICE))).andExpect(status().isOk());

        retention.run();
        assertThat(file(recent)).as("a second run changes nothing").exists();
    }

    @Test
    void aMaxAgeOfZeroKeepsEverything() throws Exception {
        Job old = aJob(JobStatus.COMPLETED, NOW.minus(Duration.ofDays(3650)));
        new Retention(jdbc, jobFiles, new RetentionProperties(Duration.ZERO, Duration.ofHours(1)),
                Clock.fixed(NOW, ZoneOffset.UTC)).run();
        assertThat(file(old)).exists();
    }
}

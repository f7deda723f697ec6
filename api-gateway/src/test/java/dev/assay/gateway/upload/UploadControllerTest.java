package dev.assay.gateway.upload;

import static dev.assay.gateway.upload.MultipartBody.aMultipartBody;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.assay.gateway.config.AssayProperties;
import dev.assay.gateway.job.Job;
import dev.assay.gateway.job.JobService;
import dev.assay.gateway.job.NewFile;
import dev.assay.gateway.quota.Quota;
import dev.assay.gateway.quota.Quotas;
import dev.assay.gateway.security.ApiSliceTest;
import dev.assay.gateway.storage.FileSystemFileStore;
import dev.assay.protocol.JobStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(controllers = UploadController.class, properties = {
    "assay.upload.max-file-size=1KB", "assay.upload.max-files=2"})
@ApiSliceTest
@Import({UploadReceiver.class, UploadControllerTest.Store.class, SimpleMeterRegistry.class})
class UploadControllerTest {

    @TempDir
    static Path storage;

    @org.springframework.boot.context.properties.EnableConfigurationProperties(AssayProperties.class)
    static class Store {
        @Bean
        FileSystemFileStore fileStore(AssayProperties properties) {
            return new FileSystemFileStore(storage, Clock.systemUTC());
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    MeterRegistry meters;
    @MockitoBean
    JobService jobs;
    @MockitoBean
    Quotas quotas;

    @BeforeEach
    void noQuotaBeyondTheUploadLimits() {
        given(quotas.admitUpload(any())).willReturn(new Quotas.Allowance(
                new Quota(1024L, 100, Long.MAX_VALUE, 100), Long.MAX_VALUE, 100));
    }

    private static byte[] body(MultipartBody body) {
        return body.bytes();
    }

    /** The job service creates one QUEUED job of alice's per file. */
    private void jobsAreCreatedForAlice() {
        given(jobs.submit(eq("alice"), anyList(), anyMap())).willAnswer(call -> {
            List<NewFile> files = call.getArgument(1);
            return files.stream().map(file -> new Job(UUID.randomUUID(), "alice", file.fileName(),
                    file.stored().key(), file.stored().sizeBytes(), file.stored().sha256(), JobStatus.QUEUED, 1, null,
                    null, null, null, call.getArgument(2), Instant.now(), null, null, null, null, Instant.now(),
                    null)).toList();
        });
    }

    @Test
    void acceptsFilesWith202AndOneQueuedJobEach() throws Exception {
        jobsAreCreatedForAlice();

        mvc.perform(post("/api/jobs").with(httpBasic("alice", ApiSliceTest.ALICE_PASSWORD))
                        .contentType(MultipartBody.contentType())
                        .content(body(aMultipartBody().file("a.csv", "x,y\n1,2\n").file("b.csv", "z\n")
                                .field("userColumn", "x"))))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.jobs.length()").value(2))
                .andExpect(jsonPath("$.jobs[0].fileName").value("a.csv"))
                .andExpect(jsonPath("$.jobs[0].sizeBytes").value(8))
                .andExpect(jsonPath("$.jobs[0].status").value("QUEUED"))
                .andExpect(jsonPath("$.jobs[0].options.userColumn").value("x"))
                .andExpect(jsonPath("$.jobs[1].fileName").value("b.csv"));
    }

    @Test
    void countsUploadsByOutcomeAndTheBytesOfAcceptedFiles() throws Exception {
        jobsAreCreatedForAlice();
        double acceptedBefore = uploads("accepted");
        double rejectedBefore = uploads("rejected");
        double bytesBefore = meters.get("assay.upload.bytes").counter().count();

        mvc.perform(post("/api/jobs").with(httpBasic("alice", ApiSliceTest.ALICE_PASSWORD))
                        .contentType(MultipartBody.contentType())
                        .content(body(aMultipartBody().file("a.csv", "x,y\n1,2\n").file("b.csv", "z\n"))))
                .andExpect(status().isAccepted());
        mvc.perform(post("/api/jobs").with(httpBasic("alice", ApiSliceTest.ALICE_PASSWORD)))
                .andExpect(status().isBadRequest());

        org.assertj.core.api.Assertions.assertThat(uploads("accepted") - acceptedBefore).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(uploads("rejected") - rejectedBefore).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(meters.get("assay.upload.bytes").counter().count() - bytesBefore)
                .isEqualTo(10);
    }

    private double uploads(String outcome) {
        return meters.get("assay.uploads").tag("outcome", outcome).counter().count();
    }

    @Test
    void aFileOverTheLimitAnswers413ProblemJson() throws Exception {
        mvc.perform(post("/api/jobs").with(httpBasic("alice", ApiSliceTest.ALICE_PASSWORD))
                        .contentType(MultipartBody.contentType())
                        .content(body(aMultipartBody().file("big.csv", "x".repeat(1025)))))
                .andExpect(status().isContentTooLarge())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("A file is larger than the limit of 1 KB."))
                .andExpect(jsonPath("$.instance").value("/api/jobs"));
        then(jobs).should(never()).submit(any(), anyList(), anyMap());
        org.assertj.core.api.Assertions.assertThat(UploadReceiverTest.filesIn(storage)).isEmpty();
    }

    @Test
    void tooManyFilesAnswer413() throws Exception {
        mvc.perform(post("/api/jobs").with(httpBasic("alice", ApiSliceTest.ALICE_PASSWORD))
                        .contentType(MultipartBody.contentType())
                        .content(body(aMultipartBody().file("1.csv", "a\n").file("2.csv", "a\n").file("3.csv", "a\n"))))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.detail").value("At most 2 files can be uploaded in one request."));
    }

    @Test
    void anEmptyRequestAnswers400() throws Exception {
        mvc.perform(post("/api/jobs").with(httpBasic("alice", ApiSliceTest.ALICE_PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/jobs").with(httpBasic("alice", ApiSliceTest.ALICE_PASSWORD))
                        .contentType(MultipartBody.contentType())
                        .content(body(aMultipartBody())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(
                        "The request has no files: send one or more parts named 'files'."));
    }

    @Test
    void withoutCredentialsNothingIsStored() throws Exception {
        mvc.perform(post("/api/jobs").contentType(MultipartBody.contentType())
                        .content(body(aMultipartBody().file("a.csv", "a\n"))))
                .andExpect(status().isUnauthorized());
        org.assertj.core.api.Assertions.assertThat(UploadReceiverTest.filesIn(storage)).isEmpty();
    }

    @Test
    void filesAreDeletedWhenTheJobsCannotBeCreated() throws Exception {
        given(jobs.submit(eq("alice"), anyList(), anyMap())).willThrow(new IllegalStateException("database down"));

        mvc.perform(post("/api/jobs").with(httpBasic("alice", ApiSliceTest.ALICE_PASSWORD))
                        .contentType(MultipartBody.contentType())
                        .content(body(aMultipartBody().file("a.csv", "a\n"))))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        ArgumentCaptor<List<NewFile>> stored = ArgumentCaptor.captor();
        then(jobs).should().submit(eq("alice"), stored.capture(), eq(Map.of()));
        org.assertj.core.api.Assertions.assertThat(stored.getValue()).hasSize(1);
        org.assertj.core.api.Assertions.assertThat(UploadReceiverTest.filesIn(storage)).isEmpty();
    }
}

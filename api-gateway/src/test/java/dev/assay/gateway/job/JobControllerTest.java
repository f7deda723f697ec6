package dev.assay.gateway.job;

import static dev.assay.gateway.job.JobFixtures.aQueuedJob;
import static org.hamcrest.Matchers.nullValue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.assay.gateway.security.ApiSliceTest;
import dev.assay.gateway.security.DashboardRequests;
import dev.assay.protocol.JobStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(JobController.class)
@ApiSliceTest
@Import(JobAccess.class)
class JobControllerTest {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    JobService jobs;
    @MockitoBean
    JobRepository repository;
    @MockitoBean
    QueuePlaces places;

    @BeforeEach
    void queuedJobsAreThirdInLine() {
        given(places.of(any())).willReturn(job -> job.status() == JobStatus.QUEUED
                ? new QueuePlace(3, Instant.parse("2026-12-01T10:00:20Z"), true) : QueuePlace.NONE);
    }

    @Test
    void withoutCredentialsTheApiAnswers401ProblemJsonAndNoBrowserPrompt() throws Exception {
        mvc.perform(get("/api/jobs"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().doesNotExist("WWW-Authenticate"))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.title").value("Unauthorized"))
                .andExpect(jsonPath("$.type").value("about:blank"))
                .andExpect(jsonPath("$.instance").value("/api/jobs"))
                .andExpect(jsonPath("$.detail").isNotEmpty());
    }

    @Test
    void aWrongPasswordAnswers401() throws Exception {
        mvc.perform(get("/api/jobs").with(httpBasic("alice", "wrong")))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void listsTheCallersJobsAsAPageWithTheStatusFilter() throws Exception {
        Job job = aQueuedJob("alice");
        given(jobs.page("alice", JobStatus.QUEUED, 2, 5)).willReturn(new JobPage(List.of(job), 2, 5, 11, 3));

        mvc.perform(get("/api/jobs?page=2&size=5&status=QUEUED")
                        .with(httpBasic("alice", ApiSliceTest.ALICE_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.page").value(2))
                .andExpect(jsonPath("$.size").value(5))
                .andExpect(jsonPath("$.totalItems").value(11))
                .andExpect(jsonPath("$.totalPages").value(3))
                .andExpect(jsonPath("$.items[0].id").value(job.id().toString()))
                .andExpect(jsonPath("$.items[0].fileName").value("events.csv"))
                .andExpect(jsonPath("$.items[0].queuePosition").value(3))
                .andExpect(jsonPath("$.items[0].estimatedStartAt").value("2026-12-01T10:00:20Z"))
                .andExpect(jsonPath("$.items[0].workersOnline").value(true))
                .andExpect(jsonPath("$.items[0].status").value("QUEUED"))
                .andExpect(jsonPath("$.items[0].seq").value(1))
                .andExpect(jsonPath("$.items[0].submittedAt").value("2026-12-01T10:00:00Z"))
                .andExpect(jsonPath("$.items[0].startedAt").value(nullValue()))
                .andExpect(jsonPath("$.items[0].options.delimiter").value(","))
                .andExpect(jsonPath("$.items[0].owner").value("alice"))
                .andExpect(jsonPath("$.items[0].expired").value(false))
                .andExpect(jsonPath("$.items[0].storageKey").doesNotExist());
    }

    @Test
    void pagesDefaultToTheFirstTwentyAndBadParametersAre400() throws Exception {
        given(jobs.page("alice", null, 0, 20)).willReturn(new JobPage(List.of(), 0, 20, 0, 0));
        mvc.perform(get("/api/jobs").with(user("alice"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.items").isEmpty());

        mvc.perform(get("/api/jobs?status=DONE").with(user("alice")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(
                        "'DONE' is not a valid status; use one of QUEUED, PROCESSING, COMPLETED, FAILED, CANCELLED."));
        mvc.perform(get("/api/jobs?size=0").with(user("alice"))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("size must be")));
        mvc.perform(get("/api/jobs?page=-1").with(user("alice"))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("page must be")));
    }

    @Test
    void anUnknownOrForeignJobAnswers404ProblemJson() throws Exception {
        UUID id = UUID.randomUUID();
        given(jobs.get(id, "alice")).willThrow(new JobNotFoundException(id));

        mvc.perform(get("/api/jobs/" + id).with(user("alice")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("There is no job " + id + "."))
                .andExpect(jsonPath("$.instance").value("/api/jobs/" + id))
                .andExpect(jsonPath("$.type").value("about:blank"));
        mvc.perform(get("/api/jobs/not-a-uuid").with(user("alice"))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("'not-a-uuid' is not a valid id")));
    }

    @Test
    void theResultIsRawJsonWhenCompletedAnd409WithTheStateOtherwise() throws Exception {
        UUID done = UUID.randomUUID();
        UUID running = UUID.randomUUID();
        given(jobs.result(done, "alice")).willReturn("{\"records\":42}");
        given(jobs.result(running, "alice"))
                .willThrow(new JobConflictException(JobStatus.PROCESSING, "Job is PROCESSING."));

        mvc.perform(get("/api/jobs/" + done + "/result").with(user("alice")))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.records").value(42));
        mvc.perform(get("/api/jobs/" + running + "/result").with(user("alice")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.jobStatus").value("PROCESSING"))
                .andExpect(jsonPath("$.status").value(409));
    }

    @Test
    void cancelRetryAndDeleteAnswer200And202And204() throws Exception {
        Job job = aQueuedJob("alice");
        given(jobs.cancel(job.id(), "alice")).willReturn(job);
        given(jobs.retry(job.id(), "alice")).willReturn(job);

        mvc.perform(post("/api/jobs/" + job.id() + "/cancel").with(httpBasic("alice", ApiSliceTest.ALICE_PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.id").value(job.id().toString()));
        mvc.perform(post("/api/jobs/" + job.id() + "/retry").with(httpBasic("alice", ApiSliceTest.ALICE_PASSWORD)))
                .andExpect(status().isAccepted());
        mvc.perform(delete("/api/jobs/" + job.id()).with(httpBasic("alice", ApiSliceTest.ALICE_PASSWORD)))
                .andExpect(status().isNoContent());
        then(jobs).should().delete(job.id(), "alice");
    }

    @Test
    void aSessionRequestThatChangesStateNeedsTheCsrfTokenButBasicDoesNot() throws Exception {
        UUID id = UUID.randomUUID();

        mvc.perform(delete("/api/jobs/" + id).with(user("alice")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("X-XSRF-TOKEN")));
        then(jobs).should(never()).delete(any(), any());

        mvc.perform(delete("/api/jobs/" + id).with(user("alice")).with(DashboardRequests.xsrf()))
                .andExpect(status().isNoContent());
        mvc.perform(delete("/api/jobs/" + id).with(httpBasic("alice", ApiSliceTest.ALICE_PASSWORD)))
                .andExpect(status().isNoContent());
        then(jobs).should(org.mockito.Mockito.times(2)).delete(eq(id), eq("alice"));
    }
}

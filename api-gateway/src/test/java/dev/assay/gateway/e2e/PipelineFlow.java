package dev.assay.gateway.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import dev.assay.analytics.AnalysisException;
import dev.assay.analytics.AnalysisOptions;
import dev.assay.analytics.Analytics;
import dev.assay.analytics.ProgressListener;
import dev.assay.protocol.JobEvent;
import dev.assay.protocol.JobStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pipeline as its users see it, the same in both modes: three users, each with a live connection, upload 20
 * corpus files at once over HTTP (one file per request, as the dashboard does); every job completes, every user
 * hears QUEUED, PROCESSING and COMPLETED for each of their own jobs and nothing of anybody else's, and every stored
 * result equals what the analysis engine computes for the same file.
 */
final class PipelineFlow {

    /** A varied set: CSV, TSV, quoted newlines, Latin-1, JSON lines, several log formats, gzip. */
    static final Map<User, List<String>> UPLOADS = Map.of(
            User.ALICE, List.of("loghub__Apache_2k.log", "538__cabinet-turnover.csv", "csvw__tree-ops.tsv",
                    "elastic__kafka0_server.log.2016-12-19-20", "countrycodes__country-codes.csv",
                    "csvspectrum__quotes_and_newlines.csv", "zeek__ntlm.log.gz"),
            User.BOB, List.of("loghub__OpenSSH_2k.log", "538__poll-of-pollsters-3.tsv", "csvkit__test_latin1.csv",
                    "djangoproject__nginx_access.log", "countrycodes__UNSD-en.csv", "loghub__HealthApp_2k.log",
                    "cowrie__cowrie.json.2018-05-16"),
            User.CAROL, List.of("secanalyst__access_log", "538__potential-candidates_events.csv",
                    "csvw__test155_numeric_types.csv", "loghub__HDFS_2k.log", "csvkit__ks_1033_data.csv",
                    "loghub__Windows_2k.log"));

    private static final Duration COMPLETION_TIMEOUT = Duration.ofSeconds(90);
    private static final Set<JobStatus> LIFECYCLE =
            EnumSet.of(JobStatus.QUEUED, JobStatus.PROCESSING, JobStatus.COMPLETED);

    private final int port;
    private final JsonMapper json;
    private final GatewayClient http;

    PipelineFlow(int port, JsonMapper json) {
        this.port = port;
        this.json = json;
        this.http = new GatewayClient(port, json);
    }

    /** The corpus of real input files, beside the repository ({@code ../shared/corpus}). */
    static Path corpus() {
        return Path.of("..", "..", "shared", "corpus");
    }

    /** A job of the run: its id, whose it is and which file it analyses. */
    record Upload(UUID jobId, User owner, Path file) {
    }

    /**
     * Runs the flow and checks everything a user can see.
     *
     * @return the worker id of each job
     */
    Map<UUID, String> run() throws Exception {
        assertThat(UPLOADS.values().stream().mapToInt(List::size).sum()).isEqualTo(20);
        Map<User, LiveClient> clients = new LinkedHashMap<>();
        try {
            for (User user : UPLOADS.keySet()) {
                clients.put(user, LiveClient.connect(port, user.name(), user.password(), json));
            }
            List<Upload> uploads = uploadConcurrently();
            awaitCompletion(uploads, clients);
            for (LiveClient client : clients.values()) {
                assertThat(client.errors()).as("errors of %s's live connection", client.user()).isEmpty();
                checkEvents(client, uploads);
            }
            Map<UUID, String> workers = new LinkedHashMap<>();
            for (Upload upload : uploads) {
                checkResult(upload);
                workers.put(upload.jobId(), http.job(upload.owner(), upload.jobId()).jsonBody().get("workerId")
                        .asString());
            }
            return workers;
        } finally {
            clients.values().forEach(LiveClient::close);
        }
    }

    private List<Upload> uploadConcurrently() throws Exception {
        ExecutorService uploaders = Executors.newFixedThreadPool(6);
        try {
            List<Future<Upload>> pending = new ArrayList<>();
            UPLOADS.forEach((user, names) -> names.forEach(name -> pending.add(uploaders.submit(() -> {
                Path file = corpus().resolve(name);
                GatewayClient.Answer answer = http.upload(user, file);
                assertThat(answer.status()).as("upload of %s: %s", name, answer.body()).isEqualTo(202);
                JsonNode job = answer.jsonBody().get("jobs").get(0);
                assertThat(job.get("status").asString()).isEqualTo("QUEUED");
                assertThat(job.get("fileName").asString()).isEqualTo(name);
                assertThat(job.get("sizeBytes").asLong()).isEqualTo(Files.size(file));
                return new Upload(UUID.fromString(job.get("id").asString()), user, file);
            }))));
            List<Upload> uploads = new ArrayList<>();
            for (Future<Upload> upload : pending) {
                uploads.add(upload.get());
            }
            return uploads;
        } finally {
            uploaders.shutdownNow();
        }
    }

    private void awaitCompletion(List<Upload> uploads, Map<User, LiveClient> clients) {
        Map<UUID, String> states = new ConcurrentHashMap<>();
        await("all jobs completed and their COMPLETED events received").atMost(COMPLETION_TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    for (Upload upload : uploads) {
                        states.put(upload.jobId(), http.job(upload.owner(), upload.jobId()).jsonBody()
                                .get("status").asString());
                    }
                    assertThat(states.values()).as("job states (a FAILED job's error is in GET /api/jobs/{id})")
                            .containsOnly("COMPLETED");
                    for (Upload upload : uploads) {
                        assertThat(clients.get(upload.owner()).events())
                                .anyMatch(e -> e.jobId().equals(upload.jobId()) && e.status() == JobStatus.COMPLETED);
                    }
                });
    }

    private static void checkEvents(LiveClient client, List<Upload> uploads) {
        Set<UUID> own = uploads.stream()
                .filter(upload -> upload.owner().name().equals(client.user()))
                .map(Upload::jobId)
                .collect(Collectors.toSet());
        List<JobEvent> events = client.events();
        assertThat(events).as("%s hears only of their own jobs", client.user())
                .allSatisfy(event -> {
                    assertThat(event.owner()).isEqualTo(client.user());
                    assertThat(own).contains(event.jobId());
                    assertThat(event.result()).as("events reach browsers without results").isNull();
                });
        Map<UUID, Set<JobStatus>> heard = events.stream().collect(Collectors.groupingBy(JobEvent::jobId,
                Collectors.mapping(JobEvent::status, Collectors.toCollection(() -> EnumSet.noneOf(JobStatus.class)))));
        for (UUID jobId : own) {
            assertThat(heard.get(jobId)).as("states %s heard of job %s", client.user(), jobId)
                    .containsExactlyInAnyOrderElementsOf(LIFECYCLE);
            for (JobStatus once : List.of(JobStatus.QUEUED, JobStatus.COMPLETED)) {
                assertThat(events.stream().filter(event -> event.jobId().equals(jobId) && event.status() == once)
                        .count()).as("%s of job %s pushed to %s", once, jobId, client.user()).isEqualTo(1);
            }
        }
    }

    private void checkResult(Upload upload) throws IOException, AnalysisException {
        GatewayClient.Answer answer = http.result(upload.owner(), upload.jobId());
        assertThat(answer.status()).as("result of %s", upload.file().getFileName()).isEqualTo(200);
        SameResult.assertSameResult("stored result of " + upload.file().getFileName(), answer.jsonBody(),
                expected(upload.file()));
    }

    /** The engine's own result for the file, through JSON text as the stored one went. */
    private JsonNode expected(Path file) throws IOException, AnalysisException {
        try (InputStream input = Files.newInputStream(file)) {
            Object result = Analytics.analyze(input, AnalysisOptions.defaults(), ProgressListener.NONE);
            return json.readTree(json.writeValueAsString(result));
        }
    }
}

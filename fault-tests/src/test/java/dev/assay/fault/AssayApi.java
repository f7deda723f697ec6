package dev.assay.fault;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A gateway's HTTP API as a script uses it, with HTTP Basic; any status is returned, never thrown. */
final class AssayApi {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    private final String authorization;

    AssayApi(int port, String user, String password) {
        this.port = port;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** An answer: its status and its body as JSON ({@code null} when it is not JSON). */
    record Answer(int status, JsonNode body, String text) {

        /** The id of the one job of an upload's {@code 202}. */
        UUID jobId() {
            return jobIds().get(0);
        }

        /** The ids of the jobs of an upload's {@code 202}, in the order of the files. */
        List<UUID> jobIds() {
            if (status != 202) {
                throw new IllegalStateException("upload refused with " + status + ": " + text);
            }
            List<UUID> ids = new ArrayList<>();
            body.get("jobs").forEach(job -> ids.add(UUID.fromString(job.get("id").asString())));
            return ids;
        }
    }

    /** Uploads one file as the only {@code files} part, streamed from disk. */
    Answer upload(Path file) {
        return upload(List.of(file));
    }

    /** Uploads files in one request, one {@code files} part each, streamed from disk. */
    Answer upload(List<Path> files) {
        String boundary = "fault-" + UUID.randomUUID();
        List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
        try {
            for (Path file : files) {
                parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data;"
                        + " name=\"files\"; filename=\"" + file.getFileName()
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"));
                parts.add(HttpRequest.BodyPublishers.ofFile(file));
                parts.add(HttpRequest.BodyPublishers.ofString("\r\n"));
            }
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
        parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "--\r\n"));
        return send(request("/api/jobs").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new))),
                Duration.ofMinutes(3));
    }

    Answer job(UUID id) {
        return get("/api/jobs/" + id);
    }

    Answer result(UUID id) {
        return get("/api/jobs/" + id + "/result");
    }

    /** {@code GET /api/cluster}: the workers the gateway counts as live (an administrator's call). */
    Answer cluster() {
        return get("/api/cluster");
    }

    Answer cancel(UUID id) {
        return send(request("/api/jobs/" + id + "/cancel").POST(HttpRequest.BodyPublishers.noBody()),
                Duration.ofSeconds(30));
    }

    /** The state of each of the given jobs, read from the caller's job list (newest first, 200 a page). */
    Map<UUID, String> statuses(Set<UUID> ids) {
        Map<UUID, String> statuses = new HashMap<>();
        for (int page = 0; statuses.size() < ids.size(); page++) {
            Answer answer = get("/api/jobs?size=200&page=" + page);
            if (answer.status() != 200) {
                throw new IllegalStateException("GET /api/jobs answered " + answer.status() + ": " + answer.text());
            }
            for (JsonNode job : answer.body().get("items")) {
                UUID id = UUID.fromString(job.get("id").asString());
                if (ids.contains(id)) {
                    statuses.put(id, job.get("status").asString());
                }
            }
            if (page + 1 >= answer.body().get("totalPages").asLong()) {
                break;
            }
        }
        return statuses;
    }

    /** Whether the gateway answers an authenticated API call. */
    boolean isUp() {
        try {
            return get("/api/jobs?size=1").status() == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private Answer get(String path) {
        return send(request(path).GET(), Duration.ofSeconds(30));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", authorization)
                .header("Accept", "application/json");
    }

    private Answer send(HttpRequest.Builder request, Duration timeout) {
        try {
            HttpResponse<String> response = http.send(request.timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode body = null;
            if (response.headers().firstValue("Content-Type").orElse("").contains("json")) {
                body = JSON.readTree(response.body());
            }
            return new Answer(response.statusCode(), body, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package dev.assay.loadgen;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's HTTP API as one user sees it (HTTP Basic): upload one file, read one job's state.
 * Thread-safe; all users share one {@link HttpClient}.
 */
final class AssayClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final URI base;
    private final String user;
    private final String authorization;

    AssayClient(HttpClient http, URI base, String user, String password) {
        this.http = http;
        this.base = base;
        this.user = user;
        this.authorization = basic(user, password);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder()
                .encodeToString((user + ':' + password).getBytes(StandardCharsets.UTF_8));
    }

    String user() {
        return user;
    }

    String authorization() {
        return authorization;
    }

    /** The answer to an upload: the HTTP status and, on 202, the ids of the accepted jobs. */
    record UploadAnswer(int status, List<UUID> jobIds, String problem) {
    }

    /** Posts {@code file} as the single {@code files} part of a multipart request. */
    UploadAnswer upload(UploadFile file) throws IOException, InterruptedException {
        String boundary = "loadgen-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"files\"; filename=\"" + file.name().replace("\"", "_")
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/jobs"))
                .header("Authorization", authorization)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofMinutes(5))
                .POST(BodyPublishers.concat(BodyPublishers.ofString(head, StandardCharsets.UTF_8), file.body(),
                        BodyPublishers.ofString(tail, StandardCharsets.UTF_8)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            return new UploadAnswer(response.statusCode(), List.of(), abbreviate(response.body()));
        }
        List<UUID> ids = new ArrayList<>();
        for (JsonNode job : JSON.readTree(response.body()).path("jobs")) {
            ids.add(UUID.fromString(job.path("id").asString()));
        }
        if (ids.isEmpty()) {
            return new UploadAnswer(response.statusCode(), ids, "202 without jobs: " + abbreviate(response.body()));
        }
        return new UploadAnswer(response.statusCode(), ids, null);
    }

    /** The job's {@code status} as the API answers it now, or {@code HTTP <code>} when it does not answer 200. */
    String status(UUID jobId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/jobs/" + jobId))
                .header("Authorization", authorization)
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return "HTTP " + response.statusCode();
        }
        return JSON.readTree(response.body()).path("status").asString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}

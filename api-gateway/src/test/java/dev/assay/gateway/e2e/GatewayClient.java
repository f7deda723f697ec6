package dev.assay.gateway.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The gateway's HTTP API as a script uses it: HTTP Basic, JSON answers, any status returned rather than thrown. */
final class GatewayClient {

    private final RestClient http;
    private final JsonMapper json;

    GatewayClient(int port, JsonMapper json) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.http = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .requestFactory(new JdkClientHttpRequestFactory(client))
                .build();
        this.json = json;
    }

    /** An answer: status, content type and body. */
    record Answer(int status, String contentType, String body, JsonMapper json) {

        JsonNode jsonBody() {
            return json.readTree(body);
        }
    }

    /** Uploads one file, as the dashboard does: one {@code files} part per request. */
    Answer upload(User user, Path file) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("files", new FileSystemResource(file));
        return upload(user, parts);
    }

    /** Uploads the given multipart form. */
    Answer upload(User user, MultiValueMap<String, ?> parts) {
        return exchange(http.post().uri("/api/jobs")
                .header(HttpHeaders.AUTHORIZATION, LiveClient.basic(user.name(), user.password()))
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(parts));
    }

    Answer job(User user, UUID id) {
        return get(user, "/api/jobs/" + id);
    }

    Answer result(User user, UUID id) {
        return get(user, "/api/jobs/" + id + "/result");
    }

    /** Cancels the user's job. */
    Answer cancel(User user, UUID id) {
        return exchange(http.post().uri("/api/jobs/" + id + "/cancel").accept(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, LiveClient.basic(user.name(), user.password())));
    }

    /** Deletes the user's job. */
    Answer delete(User user, UUID id) {
        return exchange(http.delete().uri("/api/jobs/" + id).accept(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, LiveClient.basic(user.name(), user.password())));
    }

    /** GET as the user, or without credentials when {@code user} is null. */
    Answer get(User user, String path) {
        return get(user, path, MediaType.APPLICATION_JSON);
    }

    /** GET as the user (or without credentials), accepting the given media type. */
    Answer get(User user, String path, MediaType accept) {
        RestClient.RequestHeadersSpec<?> request = http.get().uri(path).accept(accept);
        if (user != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, LiveClient.basic(user.name(), user.password()));
        }
        return exchange(request);
    }

    private Answer exchange(RestClient.RequestHeadersSpec<?> request) {
        return request.exchange((req, response) -> new Answer(response.getStatusCode().value(),
                String.valueOf(response.getHeaders().getContentType()),
                readBody(response.getBody()), json));
    }

    private static String readBody(InputStream body) {
        try {
            return StreamUtils.copyToString(body, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
